/* Every error path of the C ABI: NULL pointers, invalid UTF-8, bad JSON,
 * unknown documents, out-of-range arguments, a refused command that leaves
 * the campaign unchanged, the last error's details, and a campaign poisoned
 * by a panic that stays unusable (but freeable) afterwards. */
#define _POSIX_C_SOURCE 200809L /* dup, dup2, fileno */
#include "check.h"
#include "test_hooks.h"

#include <unistd.h>

/* A sentinel that out-parameters must still hold after a failed call. */
static int sentinel_storage;
#define SENTINEL ((void *)&sentinel_storage)

static void check_status_codes(void) {
    CHECK(str_eq(numconc_status_code(NUMCONC_OK), "OK"));
    CHECK(str_eq(numconc_status_code(NUMCONC_NOT_AT_PROVIDER), "NOT_AT_PROVIDER"));
    CHECK(str_eq(numconc_status_code(NUMCONC_NATIONAL_LIBRARY_CONVENTION_MISSING),
                 "NATIONAL_LIBRARY_CONVENTION_MISSING"));
    CHECK(str_eq(numconc_status_code(NUMCONC_PANIC), "PANIC"));
    CHECK(numconc_status_code(9999) == NULL);
    CHECK(NUMCONC_OK == 0 && NUMCONC_NULL_ARGUMENT == 1 && NUMCONC_INVALID_VALUE == 100);
    CHECK(numconc_last_error_code() == NULL);
    CHECK(numconc_last_error_message(NUMCONC_LANG_EN) == NULL);
}

static void check_null_arguments(numconc_campaign *c) {
    numconc_programme *p = SENTINEL;
    numconc_campaign *c2 = SENTINEL;
    numconc_budget *b = SENTINEL;
    numconc_eligibility *e = SENTINEL;
    char *text = SENTINEL;
    size_t len = 12345;
    numconc_document_state st;
    const char *docs[] = {"D1", NULL};
    const size_t lens[] = {2, 2};

    memset(&st, 0xAB, sizeof st);
    CHECK_STATUS(numconc_programme_preset(NULL, 3, &p), NUMCONC_NULL_ARGUMENT);
    CHECK(p == SENTINEL);
    CHECK(str_eq(numconc_last_error_code(), "NULL_ARGUMENT"));
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_EN), "id"));
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_FR), "argument NULL"));
    CHECK_STATUS(numconc_programme_preset(S("hauts-de-france"), NULL), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_new(NULL, S("{}"), &c2), NUMCONC_NULL_ARGUMENT);
    CHECK(c2 == SENTINEL);
    CHECK_STATUS(numconc_campaign_load_json(NULL, 0, &c2), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_execute_json(NULL, S("{}")), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_execute_json(c, NULL, 2), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_select(NULL, day(2026, 4, 10), S("D1")), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_select(c, day(2026, 4, 10), NULL, 2), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_ship(c, day(2026, 4, 10), S("S9"), S("SIM"), NULL, lens, 1),
                 NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_ship(c, day(2026, 4, 10), S("S9"), S("SIM"), docs, NULL, 1),
                 NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_ship(c, day(2026, 4, 10), S("S9"), S("SIM"), docs, lens, 2),
                 NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_budget(c, NUMCONC_BUDGET_ACTUAL, day(2026, 4, 1), NULL),
                 NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_budget(NULL, NUMCONC_BUDGET_ACTUAL, day(2026, 4, 1), &b),
                 NUMCONC_NULL_ARGUMENT);
    CHECK(b == SENTINEL);
    CHECK_STATUS(numconc_campaign_eligibility_all(NULL, day(2026, 4, 1), &e), NUMCONC_NULL_ARGUMENT);
    CHECK(e == SENTINEL);
    CHECK_STATUS(numconc_campaign_save_json(c, NULL, &len), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_campaign_save_json(NULL, &text, &len), NUMCONC_NULL_ARGUMENT);
    CHECK(text == SENTINEL && len == 12345);
    CHECK_STATUS(numconc_campaign_document_state(c, S("D1"), NULL), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_budget_get_totals(NULL, NULL), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_eligibility_count(NULL, &len), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_custody_report_count(NULL, &len), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_test_panic(NULL), NUMCONC_NULL_ARGUMENT);
    CHECK(len == 12345);
    CHECK_STATUS(numconc_campaign_document_state(NULL, S("D1"), &st), NUMCONC_NULL_ARGUMENT);
    CHECK(st.round == 0xABABABABu);

    /* _free(NULL) is a no-op, and it leaves the last error alone. */
    numconc_programme_free(NULL);
    numconc_campaign_free(NULL);
    numconc_budget_free(NULL);
    numconc_eligibility_free(NULL);
    numconc_custody_report_free(NULL);
    numconc_string_free(NULL);
    CHECK(str_eq(numconc_last_error_code(), "NULL_ARGUMENT"));
}

static void check_utf8(numconc_campaign *c) {
    numconc_programme *p = SENTINEL;
    numconc_campaign *c2 = SENTINEL;
    const char *docs[] = {"D1", "\xc3\x28"};
    const size_t lens[] = {2, 2};

    CHECK_STATUS(numconc_programme_preset(S("hauts-de-france\xff"), &p), NUMCONC_INVALID_UTF8);
    CHECK(p == SENTINEL);
    CHECK(str_eq(numconc_last_error_code(), "INVALID_UTF8"));
    CHECK_STATUS(numconc_programme_from_json(S("{\"id\": \"\xed\xa0\x80\"}"), &p),
                 NUMCONC_INVALID_UTF8);
    CHECK_STATUS(numconc_campaign_load_json(S("\xfe"), &c2), NUMCONC_INVALID_UTF8);
    CHECK(c2 == SENTINEL);
    CHECK_STATUS(numconc_campaign_execute_json(c, S("{\"type\": \"select\", \"doc\": \"\x80\"}")),
                 NUMCONC_INVALID_UTF8);
    CHECK_STATUS(numconc_campaign_select(c, day(2026, 4, 10), S("D\xc0")), NUMCONC_INVALID_UTF8);
    CHECK_STATUS(numconc_campaign_ship(c, day(2026, 4, 10), S("S9"), S("SIM"), docs, lens, 2),
                 NUMCONC_INVALID_UTF8);
    /* A valid string cut inside a multi-byte character is not UTF-8 either. */
    CHECK_STATUS(numconc_programme_preset("\xc3\xa9", 1, &p), NUMCONC_INVALID_UTF8);
}

static void check_bad_json(numconc_campaign *c) {
    numconc_programme *p = SENTINEL;
    numconc_programme *preset = NULL;
    numconc_campaign *c2 = SENTINEL;

    CHECK_STATUS(numconc_programme_from_json(S("{"), &p), NUMCONC_INVALID_VALUE);
    CHECK(p == SENTINEL);
    CHECK(str_eq(numconc_last_error_code(), "INVALID_VALUE"));
    CHECK(numconc_last_error_issue_count() == 1);
    CHECK(str_eq(numconc_last_error_issue_code(0), "INVALID_JSON"));
    CHECK(numconc_last_error_issue_code(1) == NULL);
    CHECK_STATUS(numconc_programme_preset(S("atlantis"), &p), NUMCONC_UNKNOWN_PRESET);
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_EN), "atlantis"));
    /* Texts of the last error stay valid while they are passed to the next call. */
    {
        const char *code = numconc_last_error_code();
        CHECK_STATUS(numconc_programme_preset(code, code ? strlen(code) : 0, &p),
                     NUMCONC_UNKNOWN_PRESET);
        CHECK(contains(numconc_last_error_message(NUMCONC_LANG_EN), "UNKNOWN_PRESET"));
    }

    CHECK_OK(numconc_programme_preset(S("hauts-de-france"), &preset));
    CHECK_STATUS(numconc_campaign_new(preset, S("not json"), &c2), NUMCONC_INVALID_VALUE);
    CHECK_STATUS(numconc_campaign_new(preset,
                                      S("{\"id\": \"x\", \"programme\": \"hauts-de-france\","
                                        " \"year\": 2026, \"ends_on\": \"2027-02-30\","
                                        " \"colour\": 1}"),
                                      &c2),
                 NUMCONC_INVALID_VALUE);
    CHECK(numconc_last_error_issue_count() == 2);
    CHECK(str_eq(numconc_last_error_issue_code(0), "UNKNOWN_FIELD"));
    CHECK(str_eq(numconc_last_error_issue_path(0), "colour"));
    CHECK(str_eq(numconc_last_error_issue_code(1), "INVALID_DATE"));
    CHECK(str_eq(numconc_last_error_issue_path(1), "ends_on"));
    CHECK(numconc_last_error_issue_message(1, NUMCONC_LANG_FR) != NULL);
    CHECK_STATUS(numconc_campaign_new(preset,
                                      S("{\"id\": \"x\", \"programme\": \"collex-persee\","
                                        " \"year\": 2026, \"ends_on\": \"2027-06-30\"}"),
                                      &c2),
                 NUMCONC_INVALID_VALUE);
    CHECK(c2 == SENTINEL);
    numconc_programme_free(preset);

    CHECK_STATUS(numconc_campaign_load_json(S("{\"schema_version\": 1,"), &c2), NUMCONC_INVALID_JSON);
    CHECK_STATUS(numconc_campaign_load_json(S("{}"), &c2), NUMCONC_MISSING_SCHEMA_VERSION);
    CHECK_STATUS(numconc_campaign_load_json(S("{\"schema_version\": 2}"), &c2),
                 NUMCONC_UNSUPPORTED_SCHEMA_VERSION);
    CHECK(c2 == SENTINEL);

    CHECK_STATUS(numconc_campaign_execute_json(c, S("{\"type\": \"select\"")), NUMCONC_INVALID_VALUE);
    CHECK(str_eq(numconc_last_error_issue_code(0), "INVALID_JSON"));
    CHECK_STATUS(numconc_campaign_execute_json(c, S("{\"type\": \"fly\", \"date\": \"2026-04-10\"}")),
                 NUMCONC_INVALID_VALUE);
    CHECK_STATUS(numconc_campaign_execute_json(c, S("[1, 2]")), NUMCONC_INVALID_VALUE);
}

static void check_unknown_document(numconc_campaign *c) {
    numconc_document_state st;
    numconc_eligibility *e = SENTINEL;
    char *json = SENTINEL;

    memset(&st, 0, sizeof st);
    st.round = 77;
    CHECK_STATUS(numconc_campaign_document_state(c, S("NOPE"), &st), NUMCONC_UNKNOWN_DOCUMENT);
    CHECK(st.round == 77);
    CHECK(str_eq(numconc_last_error_code(), "UNKNOWN_DOCUMENT"));
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_EN), "NOPE"));
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_FR), "document inconnu"));
    CHECK_STATUS(numconc_campaign_document_state_json(c, S("NOPE"), &json, NULL),
                 NUMCONC_UNKNOWN_DOCUMENT);
    CHECK(json == SENTINEL);
    CHECK_STATUS(numconc_campaign_eligibility(c, day(2026, 4, 1), S("NOPE"), &e),
                 NUMCONC_UNKNOWN_DOCUMENT);
    CHECK(e == SENTINEL);
    CHECK_STATUS(numconc_campaign_select(c, day(2026, 4, 10), S("NOPE")), NUMCONC_UNKNOWN_DOCUMENT);
}

static void check_bad_arguments(numconc_campaign *c) {
    numconc_budget *b = SENTINEL;
    numconc_eligibility *e = NULL;
    numconc_eligibility_entry entry;
    numconc_reason reason;
    numconc_budget_line line;
    numconc_budget_totals t;
    int64_t cents = 42;

    CHECK_STATUS(numconc_campaign_budget(c, NUMCONC_BUDGET_ESTIMATE, day(2026, 2, 30), &b),
                 NUMCONC_INVALID_ARGUMENT);
    CHECK_STATUS(numconc_campaign_budget(c, 7, day(2026, 4, 1), &b), NUMCONC_INVALID_ARGUMENT);
    CHECK(b == SENTINEL);
    CHECK_STATUS(numconc_campaign_select(c, day(2026, 13, 1), S("D1")), NUMCONC_INVALID_ARGUMENT);
    CHECK_STATUS(numconc_campaign_eligibility_all(c, day(2026, 0, 1), &e), NUMCONC_INVALID_ARGUMENT);

    CHECK_OK(numconc_campaign_eligibility_all(c, day(2026, 4, 1), &e));
    CHECK_STATUS(numconc_eligibility_get_entry(e, 3, &entry), NUMCONC_INVALID_ARGUMENT);
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_EN), "out of range"));
    CHECK_STATUS(numconc_eligibility_get_reason(e, 0, 0, NUMCONC_LANG_EN, &reason),
                 NUMCONC_INVALID_ARGUMENT);
    CHECK_STATUS(numconc_eligibility_get_reason(e, 2, 0, 5, &reason), NUMCONC_INVALID_ARGUMENT);
    CHECK_STATUS(numconc_eligibility_get_warning(e, 2, 0, NUMCONC_LANG_EN, &reason),
                 NUMCONC_INVALID_ARGUMENT);
    numconc_eligibility_free(e);

    CHECK_OK(numconc_campaign_budget(c, NUMCONC_BUDGET_ESTIMATE, day(2026, 4, 1), &b));
    CHECK_OK(numconc_budget_get_totals(b, &t));
    CHECK_STATUS(numconc_budget_get_line(b, t.line_count, &line), NUMCONC_INVALID_ARGUMENT);
    CHECK_STATUS(numconc_budget_get_share(b, 0, t.funder_count, &cents), NUMCONC_INVALID_ARGUMENT);
    CHECK(cents == 42);
    CHECK_STATUS(numconc_budget_get_warning(b, 0, NULL), NUMCONC_NULL_ARGUMENT);
    numconc_budget_free(b);

    CHECK(numconc_last_error_message(99) == NULL);
}

/* A refused command changes nothing: same saved bytes, same event count. */
static void check_refused_command(numconc_campaign *c) {
    char *before = NULL, *after = NULL;
    size_t before_len = 0, after_len = 0, n_before = 0, n_after = 0;
    const char *docs[] = {"D1", "NOPE"};
    const size_t lens[] = {2, 4};
    numconc_document_state st;

    CHECK_OK(numconc_campaign_select(c, day(2026, 4, 10), S("D1")));
    CHECK_OK(numconc_campaign_record_condition(c, day(2026, 4, 12), S("D1"), S("good")));
    CHECK_OK(numconc_campaign_prepare(c, day(2026, 4, 13), S("D1"), true, 52));
    CHECK_OK(numconc_campaign_save_json(c, &before, &before_len));
    CHECK_OK(numconc_campaign_event_count(c, &n_before));

    CHECK_STATUS(numconc_campaign_deliver(c, day(2026, 4, 14), S("D1"), 10), NUMCONC_NOT_AT_PROVIDER);
    CHECK(str_eq(numconc_last_error_code(), "NOT_AT_PROVIDER"));
    CHECK(numconc_last_error_reason_count() == 0);
    CHECK_STATUS(numconc_campaign_ship(c, day(2026, 4, 14), S("S1"), S("SIM"), docs, lens, 2),
                 NUMCONC_UNKNOWN_DOCUMENT);
    CHECK_STATUS(numconc_campaign_ship(c, day(2026, 4, 1), S("S1"), S("SIM"), docs, lens, 1),
                 NUMCONC_DATE_OUT_OF_ORDER);
    CHECK_STATUS(numconc_campaign_execute_json(
                     c, S("{\"type\": \"select\", \"doc\": \"D1\", \"date\": \"2026-04-20\"}")),
                 NUMCONC_INVALID_TRANSITION);
    CHECK_STATUS(numconc_campaign_return(c, day(2026, 4, 20), docs, lens, docs, lens, 0, false),
                 NUMCONC_INVALID_VALUE);

    CHECK_OK(numconc_campaign_save_json(c, &after, &after_len));
    CHECK_OK(numconc_campaign_event_count(c, &n_after));
    CHECK(n_before == n_after && n_after == 3);
    CHECK(before_len == after_len && before != NULL && after != NULL &&
          memcmp(before, after, before_len) == 0);
    CHECK_OK(numconc_campaign_document_state(c, S("D1"), &st));
    CHECK(!st.at_provider && st.shipped == 0);
    /* A success clears the last error. */
    CHECK(numconc_last_error_code() == NULL);
    numconc_string_free(before);
    numconc_string_free(after);
}

/* Runs numconc_test_panic(c) with stderr sent to a temporary file; writes
 * how many bytes landed there to *written (-1 if stderr could not be
 * redirected). A panic caught at the boundary must print nothing: the
 * host's stderr is the host's. */
static numconc_status test_panic_quietly(numconc_campaign *c, long *written) {
    numconc_status status;
    FILE *tmp = tmpfile();
    int saved = -1;

    *written = -1;
    fflush(stderr);
    if (tmp != NULL) {
        saved = dup(STDERR_FILENO);
    }
    if (saved < 0 || dup2(fileno(tmp), STDERR_FILENO) < 0) {
        if (saved >= 0) {
            close(saved);
        }
        if (tmp != NULL) {
            fclose(tmp);
        }
        return numconc_test_panic(c);
    }
    status = numconc_test_panic(c);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    if (fseek(tmp, 0, SEEK_END) == 0) {
        *written = ftell(tmp);
    }
    fclose(tmp);
    return status;
}

/* A panic poisons the campaign: every later call says so, and freeing it
 * is still safe. Other campaigns are unaffected. The panic prints nothing;
 * its message and location are in the last error. */
static void check_poisoning(void) {
    numconc_campaign *victim = new_campaign();
    numconc_campaign *other = new_campaign();
    numconc_budget *b = SENTINEL;
    char *text = SENTINEL;
    size_t n = 99;
    numconc_document_state st;
    long written = -1;

    if (victim == NULL || other == NULL) {
        numconc_campaign_free(victim);
        numconc_campaign_free(other);
        return;
    }
    CHECK_STATUS(test_panic_quietly(victim, &written), NUMCONC_PANIC);
    CHECK(written == 0);
    CHECK(str_eq(numconc_last_error_code(), "PANIC"));
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_EN),
                   "internal error (panic) in numconc: numconc_test_panic: a deliberate panic "
                   "for tests at "));
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_EN), "lib.rs:"));
    CHECK(contains(numconc_last_error_message(NUMCONC_LANG_FR),
                   "erreur interne (panique) dans numconc : numconc_test_panic: "));
    CHECK_STATUS(numconc_campaign_select(victim, day(2026, 4, 10), S("D1")), NUMCONC_POISONED);
    CHECK(str_eq(numconc_last_error_code(), "POISONED"));
    CHECK_STATUS(numconc_campaign_select(victim, day(2026, 4, 10), S("D1")), NUMCONC_POISONED);
    CHECK_STATUS(numconc_campaign_budget(victim, NUMCONC_BUDGET_ACTUAL, day(2026, 4, 1), &b),
                 NUMCONC_POISONED);
    CHECK(b == SENTINEL);
    CHECK_STATUS(numconc_campaign_save_json(victim, &text, NULL), NUMCONC_POISONED);
    CHECK(text == SENTINEL);
    CHECK_STATUS(numconc_campaign_event_count(victim, &n), NUMCONC_POISONED);
    CHECK(n == 99);
    CHECK_STATUS(numconc_campaign_document_state(victim, S("D1"), &st), NUMCONC_POISONED);
    CHECK_STATUS(test_panic_quietly(victim, &written), NUMCONC_POISONED);
    CHECK(written == 0);
    numconc_campaign_free(victim);

    CHECK_OK(numconc_campaign_select(other, day(2026, 4, 10), S("D1")));
    numconc_campaign_free(other);
}

int main(void) {
    numconc_campaign *c;

    check_status_codes();
    c = new_campaign();
    if (c == NULL) {
        return finish("test_errors");
    }
    check_null_arguments(c);
    check_utf8(c);
    check_bad_json(c);
    check_unknown_document(c);
    check_bad_arguments(c);
    check_refused_command(c);
    numconc_campaign_free(c);
    check_poisoning();
    return finish("test_errors");
}
