/* A full campaign through the C ABI with the typed calls and accessors:
 * version, preset, eligibility, estimate, every typed command, custody,
 * document state, actual budget, exports, save/load, closing. */
#include "check.h"

#include <stdlib.h>

static void check_version(void) {
    char expected[64];
    snprintf(expected, sizeof expected, "%d.%d.%d", NUMCONC_VERSION_MAJOR, NUMCONC_VERSION_MINOR,
             NUMCONC_VERSION_PATCH);
    CHECK(str_eq(numconc_version(), expected));
}

static void check_eligibility(numconc_campaign *c) {
    numconc_eligibility *e = NULL;
    numconc_eligibility_entry entry;
    numconc_reason reason;
    size_t n = 0;
    char *json = NULL;
    size_t json_len = 0;
    const char *expected[] = {"TYPOLOGY_NOT_ELIGIBLE", "THEME_NOT_ELIGIBLE",
                              "INFORMATION_INCOMPLETE"};
    size_t i;

    CHECK_OK(numconc_campaign_eligibility_all(c, day(2026, 4, 1), &e));
    CHECK_OK(numconc_eligibility_count(e, &n));
    CHECK(n == 3);
    /* By document id: D1, D2, D3. */
    CHECK_OK(numconc_eligibility_get_entry(e, 0, &entry));
    CHECK(text_eq(entry.doc, entry.doc_len, "D1") && entry.eligible && entry.reason_count == 0);
    CHECK_OK(numconc_eligibility_get_entry(e, 1, &entry));
    CHECK(text_eq(entry.doc, entry.doc_len, "D2") && entry.eligible);
    CHECK_OK(numconc_eligibility_get_entry(e, 2, &entry));
    CHECK(text_eq(entry.doc, entry.doc_len, "D3") && !entry.eligible);
    CHECK(entry.reason_count == 3 && entry.warning_count == 0);
    for (i = 0; i < 3 && i < entry.reason_count; i++) {
        const char *english;
        CHECK_OK(numconc_eligibility_get_reason(e, 2, i, NUMCONC_LANG_EN, &reason));
        CHECK(str_eq(reason.code, expected[i]));
        english = reason.message;
        CHECK(english != NULL && strlen(english) > 10);
        CHECK_OK(numconc_eligibility_get_reason(e, 2, i, NUMCONC_LANG_FR, &reason));
        CHECK(str_eq(reason.code, expected[i]));
        CHECK(reason.message != NULL && !str_eq(reason.message, english));
    }
    CHECK_OK(numconc_eligibility_get_reason(e, 2, 2, NUMCONC_LANG_FR, &reason));
    CHECK(contains(reason.message, "incompl\xc3\xa8te"));
    CHECK_OK(numconc_eligibility_to_json(e, &json, &json_len));
    CHECK(json != NULL && strlen(json) == json_len);
    CHECK(contains(json, "\"D3\":{\"eligible\":false,\"reasons\":[\"TYPOLOGY_NOT_ELIGIBLE\""));
    numconc_string_free(json);
    numconc_eligibility_free(e);

    CHECK_OK(numconc_campaign_eligibility(c, day(2026, 4, 1), S("D2"), &e));
    CHECK_OK(numconc_eligibility_count(e, &n));
    CHECK(n == 1);
    CHECK_OK(numconc_eligibility_get_entry(e, 0, &entry));
    CHECK(text_eq(entry.doc, entry.doc_len, "D2") && entry.eligible);
    numconc_eligibility_free(e);

    /* The reasons with what is wrong: D3 has no author. */
    json = NULL;
    CHECK_OK(numconc_campaign_explain_json(c, day(2026, 4, 1), S("D3"), &json, &json_len));
    CHECK(json != NULL && strlen(json) == json_len);
    CHECK(contains(json, "\"fields\":[\"author\"]"));
    CHECK(contains(json, "champs manquants : auteur"));
    CHECK(contains(json, "missing fields: author"));
    numconc_string_free(json);
    json = NULL;
    CHECK_STATUS(numconc_campaign_explain_json(c, day(2026, 4, 1), S("NOPE"), &json, NULL),
                 NUMCONC_UNKNOWN_DOCUMENT);
    CHECK(json == NULL);
}

/* Every line's shares and partner add up to its cost; totals agree. */
static void check_budget_sums(const numconc_budget *b) {
    numconc_budget_totals t;
    numconc_budget_line line;
    numconc_budget_funder funder;
    numconc_budget_institution inst;
    int64_t share, funders_sum = 0, lines_sum = 0, inst_sum = 0;
    size_t i, f;

    CHECK_OK(numconc_budget_get_totals(b, &t));
    CHECK(t.funded_cents + t.partner_cents == t.total_cents);
    for (i = 0; i < t.line_count; i++) {
        int64_t sum;
        CHECK_OK(numconc_budget_get_line(b, i, &line));
        sum = line.partner_cents;
        for (f = 0; f < t.funder_count; f++) {
            CHECK_OK(numconc_budget_get_share(b, i, f, &share));
            CHECK(share >= 0);
            sum += share;
        }
        CHECK(sum == line.cost_cents);
        lines_sum += line.cost_cents;
    }
    CHECK(lines_sum == t.total_cents);
    for (f = 0; f < t.funder_count; f++) {
        CHECK_OK(numconc_budget_get_funder(b, f, &funder));
        funders_sum += funder.total_cents;
    }
    CHECK(funders_sum == t.funded_cents);
    for (i = 0; i < t.institution_count; i++) {
        CHECK_OK(numconc_budget_get_institution(b, i, &inst));
        CHECK(inst.funded_cents + inst.partner_cents == inst.cost_cents);
        inst_sum += inst.cost_cents;
    }
    CHECK(inst_sum == t.total_cents);
}

static void check_estimate(numconc_campaign *c) {
    numconc_budget *b = NULL;
    numconc_budget_totals t;
    numconc_budget_line line;
    numconc_budget_funder funder;
    numconc_budget_institution inst;
    int64_t share = -1;
    char *text = NULL;
    size_t len = 0;

    CHECK_OK(numconc_campaign_budget(c, NUMCONC_BUDGET_ESTIMATE, day(2026, 4, 1), &b));
    CHECK_OK(numconc_budget_get_totals(b, &t));
    CHECK(t.total_cents == 104200);
    CHECK(t.funder_count == 3 && t.line_count == 4 && t.institution_count == 2);
    CHECK(t.warning_count == 0);
    /* Lines: FR-620416101 (D2, transport), then FR-801216101 (D1, transport). */
    CHECK_OK(numconc_budget_get_line(b, 0, &line));
    CHECK(text_eq(line.institution, line.institution_len, "FR-620416101"));
    CHECK(line.kind == NUMCONC_LINE_DOCUMENT && text_eq(line.document, line.document_len, "D2"));
    CHECK(line.label == NULL && line.has_views && line.views == 200 && line.cost_cents == 13700);
    CHECK_OK(numconc_budget_get_line(b, 1, &line));
    CHECK(line.kind == NUMCONC_LINE_SHARED && line.document == NULL);
    CHECK(text_eq(line.label, line.label_len, "transport") && !line.has_views);
    CHECK(line.cost_cents == 4286);
    CHECK_OK(numconc_budget_get_line(b, 2, &line));
    CHECK(text_eq(line.document, line.document_len, "D1") && line.cost_cents == 60500);
    CHECK(line.partner_cents == 18150);
    CHECK_OK(numconc_budget_get_share(b, 2, 0, &share));
    CHECK(share == 21175);
    CHECK_OK(numconc_budget_get_funder(b, 0, &funder));
    CHECK(text_eq(funder.id, funder.id_len, "bnf") && text_eq(funder.name, funder.name_len, "BnF"));
    CHECK(funder.total_cents == 21175);
    CHECK_OK(numconc_budget_get_funder(b, 2, &funder));
    CHECK(text_eq(funder.id, funder.id_len, "ar2l") && funder.total_cents == 30000);
    CHECK_OK(numconc_budget_get_institution(b, 1, &inst));
    CHECK(text_eq(inst.id, inst.id_len, "FR-801216101"));
    CHECK(inst.cost_cents == 60500 + 25714);
    check_budget_sums(b);

    CHECK_OK(numconc_budget_to_json(b, &text, &len));
    CHECK(contains(text, "\"total\":\"1042.00\"") && strlen(text) == len);
    numconc_string_free(text);
    text = NULL;
    CHECK_OK(numconc_budget_to_csv(b, &text, NULL));
    CHECK(text != NULL && strncmp(text, "\xef\xbb\xbf", 3) == 0);
    CHECK(contains(text, "TOTAL;;;;;;;1042,00;"));
    CHECK(contains(text, ";Titre;Cote;"));
    numconc_string_free(text);
    {
        uint8_t *xlsx = NULL;
        size_t xlsx_len = 0;
        CHECK_OK(numconc_budget_to_xlsx(b, NUMCONC_LANG_FR, &xlsx, &xlsx_len));
        CHECK(xlsx != NULL && xlsx_len > 1000 && memcmp(xlsx, "PK\x03\x04", 4) == 0);
        numconc_bytes_free(xlsx);
        xlsx = NULL;
        CHECK_STATUS(numconc_budget_to_xlsx(b, 99, &xlsx, &xlsx_len), NUMCONC_INVALID_ARGUMENT);
        CHECK(xlsx == NULL);
        CHECK_STATUS(numconc_budget_to_xlsx(b, NUMCONC_LANG_EN, &xlsx, NULL), NUMCONC_NULL_ARGUMENT);
        numconc_bytes_free(NULL);
    }
    numconc_budget_free(b);
}

static void check_state(numconc_campaign *c, const char *doc, numconc_document_state *out) {
    CHECK_OK(numconc_campaign_document_state(c, doc, strlen(doc), out));
}

static void run_lifecycle(numconc_campaign *c) {
    const char *ship_docs[] = {"D1", "D2"};
    const size_t ship_lens[] = {2, 2};
    const char *grades[] = {"good", "poor"};
    const size_t grade_lens[] = {4, 4};
    numconc_document_state st;
    numconc_custody_report *report = NULL;
    numconc_custody_entry entry;
    size_t n = 0;
    char *json = NULL;

    CHECK_OK(numconc_campaign_select(c, day(2026, 4, 10), S("D1")));
    CHECK_OK(numconc_campaign_select(c, day(2026, 4, 10), S("D2")));
    CHECK_STATUS(numconc_campaign_select(c, day(2026, 4, 10), S("D3")), NUMCONC_NOT_ELIGIBLE);
    CHECK(str_eq(numconc_last_error_code(), "NOT_ELIGIBLE"));
    CHECK(numconc_last_error_reason_count() == 3);
    CHECK(str_eq(numconc_last_error_reason_code(0), "TYPOLOGY_NOT_ELIGIBLE"));
    CHECK(str_eq(numconc_last_error_reason_code(2), "INFORMATION_INCOMPLETE"));
    CHECK(numconc_last_error_reason_code(3) == NULL);
    CHECK(numconc_last_error_reason_message(1, NUMCONC_LANG_FR) != NULL);

    check_state(c, "D1", &st);
    CHECK(st.admin == NUMCONC_ADMIN_SELECTED && st.preparation == NUMCONC_PREPARATION_NONE);

    CHECK_OK(numconc_campaign_record_condition(c, day(2026, 4, 12), S("D1"), S("good")));
    CHECK_OK(numconc_campaign_record_condition(c, day(2026, 4, 12), S("D2"), S("fair")));
    CHECK_STATUS(numconc_campaign_prepare(c, day(2026, 4, 13), S("D1"), false, 0),
                 NUMCONC_COLLATION_REQUIRED);
    CHECK_OK(numconc_campaign_prepare(c, day(2026, 4, 13), S("D1"), true, 52));
    CHECK_OK(numconc_campaign_prepare(c, day(2026, 4, 13), S("D2"), false, 0));
    CHECK_OK(numconc_campaign_ship(c, day(2026, 5, 4), S("S1"), S("SIM"), ship_docs, ship_lens, 2));
    CHECK_STATUS(numconc_campaign_ship(c, day(2026, 5, 4), S("S1"), S("SIM"), ship_docs, ship_lens, 1),
                 NUMCONC_DUPLICATE_ID);

    CHECK_OK(numconc_campaign_custody_report(c, day(2026, 9, 1), &report));
    CHECK_OK(numconc_custody_report_count(report, &n));
    CHECK(n == 2);
    CHECK_OK(numconc_custody_report_get_entry(report, 0, &entry));
    CHECK(text_eq(entry.doc, entry.doc_len, "D1") && text_eq(entry.shipment, entry.shipment_len, "S1"));
    CHECK(text_eq(entry.provider, entry.provider_len, "SIM"));
    CHECK(entry.since.year == 2026 && entry.since.month == 5 && entry.since.day == 4);
    CHECK(entry.days_out == 120 && entry.overdue);
    CHECK_OK(numconc_custody_report_to_json(report, &json, NULL));
    CHECK(contains(json, "\"days_out\":120"));
    numconc_string_free(json);
    json = NULL;
    numconc_custody_report_free(report);

    CHECK_OK(numconc_campaign_deliver(c, day(2026, 6, 1), S("D1"), 1180));
    CHECK_STATUS(numconc_campaign_qc(c, day(2026, 6, 2), S("D1"), 58, 0, 0), NUMCONC_SAMPLE_TOO_SMALL);
    CHECK_OK(numconc_campaign_qc(c, day(2026, 6, 2), S("D1"), 59, 0, 0));
    CHECK_OK(numconc_campaign_deliver(c, day(2026, 6, 12), S("D2"), 200));
    CHECK_OK(numconc_campaign_qc(c, day(2026, 6, 13), S("D2"), 20, 0, 0));
    check_state(c, "D1", &st);
    CHECK(st.at_provider && st.digital == NUMCONC_DIGITAL_QC_PASSED && st.round == 1);
    CHECK(st.has_views && st.views == 1180 && st.departure_grade == NUMCONC_GRADE_GOOD);
    CHECK(st.return_grade == NUMCONC_GRADE_NONE && st.shipped == 1);

    CHECK_OK(numconc_campaign_return(c, day(2026, 7, 1), ship_docs, ship_lens, grades, grade_lens, 2,
                                     false));
    check_state(c, "D2", &st);
    CHECK(!st.at_provider && st.return_grade == NUMCONC_GRADE_POOR && st.incident_count == 1);
    CHECK_STATUS(numconc_campaign_publish(c, day(2026, 7, 2), S("D1"), S("gallica"),
                                          S("ark:/12148/bpt6k205233k")),
                 NUMCONC_INVALID_ARK);
    CHECK_OK(numconc_campaign_publish(c, day(2026, 7, 2), S("D1"), S("gallica"),
                                      S("ark:/12148/bpt6k205233j")));
    CHECK_OK(numconc_campaign_publish(c, day(2026, 7, 2), S("D1"), S("armarium"), S("amiens-0001")));
    CHECK_OK(numconc_campaign_preserve(c, day(2026, 7, 3), S("D1")));
    check_state(c, "D1", &st);
    CHECK(st.published_count == 2 && st.preserved);
    CHECK_OK(numconc_campaign_document_state_json(c, S("D1"), &json, NULL));
    CHECK(contains(json, "\"published\":[\"armarium\",\"gallica\"]"));
    numconc_string_free(json);
}

/* Two budgets with the same JSON; frees both. */
static void check_same_budget(numconc_budget *x, numconc_budget *y) {
    char *a = NULL, *b = NULL;

    CHECK_OK(numconc_budget_to_json(x, &a, NULL));
    CHECK_OK(numconc_budget_to_json(y, &b, NULL));
    CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
    numconc_string_free(a);
    numconc_string_free(b);
    numconc_budget_free(x);
    numconc_budget_free(y);
}

/* The calls for one mode give the same budget as numconc_campaign_budget
 * (the actual budget takes no date). */
static void check_budget_calls_agree(const numconc_campaign *c) {
    numconc_budget *general = NULL, *alone = NULL;

    CHECK_OK(numconc_campaign_budget(c, NUMCONC_BUDGET_ACTUAL, day(1, 1, 1), &general));
    CHECK_OK(numconc_campaign_actual_budget(c, &alone));
    check_same_budget(general, alone);
    general = alone = NULL;
    CHECK_OK(numconc_campaign_budget(c, NUMCONC_BUDGET_ESTIMATE, day(2026, 4, 1), &general));
    CHECK_OK(numconc_campaign_estimate_budget(c, day(2026, 4, 1), &alone));
    check_same_budget(general, alone);
    alone = NULL;
    CHECK_STATUS(numconc_campaign_actual_budget(NULL, &alone), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_actual_budget(c, NULL), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_estimate_budget(c, day(2026, 2, 30), &alone),
                 NUMCONC_INVALID_ARGUMENT);
}

static void check_actual(numconc_campaign *c) {
    numconc_budget *b = NULL;
    numconc_budget_totals t;
    numconc_budget_line line;

    CHECK_OK(numconc_campaign_budget(c, NUMCONC_BUDGET_ACTUAL, day(1, 1, 1), &b));
    CHECK_OK(numconc_budget_get_totals(b, &t));
    CHECK(t.line_count == 4);
    CHECK_OK(numconc_budget_get_line(b, 2, &line));
    CHECK(text_eq(line.document, line.document_len, "D1") && line.views == 1180);
    check_budget_sums(b);
    numconc_budget_free(b);
    check_budget_calls_agree(c);
}

static void check_save_load(numconc_campaign *c) {
    char *saved = NULL, *again = NULL;
    size_t saved_len = 0, again_len = 0, n1 = 0, n2 = 0;
    numconc_campaign *loaded = NULL;

    CHECK_OK(numconc_campaign_save_json(c, &saved, &saved_len));
    CHECK_OK(numconc_campaign_load_json(saved, saved_len, &loaded));
    CHECK_OK(numconc_campaign_save_json(loaded, &again, &again_len));
    CHECK(saved_len == again_len && saved != NULL && again != NULL &&
          memcmp(saved, again, saved_len) == 0);
    CHECK_OK(numconc_campaign_event_count(c, &n1));
    CHECK_OK(numconc_campaign_event_count(loaded, &n2));
    CHECK(n1 == n2 && n1 > 10);
    numconc_string_free(saved);
    numconc_string_free(again);
    numconc_campaign_free(loaded);
}

static void check_close(numconc_campaign *c) {
    bool closed = true;
    char *events = NULL;

    CHECK_OK(numconc_campaign_is_closed(c, &closed));
    CHECK(!closed);
    CHECK_OK(numconc_campaign_reject(c, day(2026, 7, 4), S("D3"), S("hors programme")));
    CHECK_OK(numconc_campaign_close(c, day(2026, 7, 5)));
    CHECK_OK(numconc_campaign_is_closed(c, &closed));
    CHECK(closed);
    CHECK_STATUS(numconc_campaign_withdraw(c, day(2026, 7, 6), S("D1"), S("x")),
                 NUMCONC_CAMPAIGN_CLOSED);
    CHECK_OK(numconc_campaign_events_json(c, &events, NULL));
    CHECK(contains(events, "{\"date\":\"2026-07-05\",\"type\":\"close_campaign\"}"));
    numconc_string_free(events);
}

int main(void) {
    numconc_campaign *c;
    numconc_programme *p = NULL;
    char *json = NULL;

    check_version();
    CHECK_OK(numconc_programme_preset(S("hauts-de-france"), &p));
    CHECK_OK(numconc_programme_to_json(p, &json, NULL));
    CHECK(contains(json, "\"id\":\"hauts-de-france\""));
    numconc_string_free(json);
    numconc_programme_free(p);

    c = new_campaign();
    if (c == NULL) {
        return finish("test_campaign");
    }
    check_eligibility(c);
    check_estimate(c);
    run_lifecycle(c);
    check_actual(c);
    check_save_load(c);
    check_close(c);
    numconc_campaign_free(c);
    return finish("test_campaign");
}
