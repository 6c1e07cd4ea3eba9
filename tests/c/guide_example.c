/* docs/guide-c.md: a campaign, a refused command and its issues, a typed
 * command, the estimate as JSON, the saved file. */
#include <numconc.h>
#include <stdio.h>
#include <string.h>

#define S(text) text, strlen(text) /* a string argument: pointer + length */

static int fail(const char *what) {
    fprintf(stderr, "%s: %s %s\n", what, numconc_last_error_code(),
            numconc_last_error_message(NUMCONC_LANG_EN));
    return 1;
}

int main(void) {
    const char *data = "{\"id\": \"hdf-2026\", \"programme\": \"hauts-de-france\", \"year\": 2026,"
        " \"ends_on\": \"2027-06-30\", \"institutions\": [{\"id\": \"FR-801216101\", \"name\": \"BM\","
        " \"kind\": \"municipal_library\", \"size\": \"medium\", \"membership_years\": [2026]}],"
        " \"conventions\": [{\"id\": \"C1\", \"institution\": \"FR-801216101\", \"kind\": \"coordinator\","
        " \"signed_on\": \"2025-01-15\", \"starts_on\": \"2025-01-15\", \"ends_on\": \"2027-12-31\"}],"
        " \"documents\": [{\"id\": \"D1\", \"institution\": \"FR-801216101\", \"title\": \"Journal\","
        " \"author\": \"Collectif\", \"date\": \"1871\", \"typology\": \"press\", \"format\": \"A2\","
        " \"views\": 1200, \"themes\": [\"regional_interest\"], \"rights\": \"public_domain\","
        " \"ocr\": true, \"proposed_on\": \"2026-02-10\"}]}";
    const char *bad = "{\"type\": \"register_institution\", \"date\": \"2026-04-01\","
        " \"institution\": {\"id\": \"BM-X\", \"name\": \"BM\", \"kind\": \"libary\", \"size\": \"small\"}}";
    numconc_programme *programme = NULL;
    numconc_campaign *campaign = NULL;
    numconc_budget *budget = NULL;
    char *json = NULL;
    size_t json_len = 0;
    numconc_date day = {2026, 4, 15};
    size_t i;

    if (numconc_programme_preset(S("hauts-de-france"), &programme) != NUMCONC_OK)
        return fail("preset");
    if (numconc_campaign_new(programme, S(data), &campaign) != NUMCONC_OK)
        return fail("campaign");
    numconc_programme_free(programme); /* the campaign holds its own copy */

    /* A refused command changes nothing; the last error says why. */
    if (numconc_campaign_execute_json(campaign, S(bad)) != NUMCONC_INVALID_VALUE)
        return fail("expected INVALID_VALUE");
    for (i = 0; i < numconc_last_error_issue_count(); i++)
        printf("%s at %s: %s\n", numconc_last_error_issue_code(i),
               numconc_last_error_issue_path(i),
               numconc_last_error_issue_message(i, NUMCONC_LANG_FR));

    /* A typed command, then the estimate as the JSON of the vectors. */
    if (numconc_campaign_select(campaign, day, S("D1")) != NUMCONC_OK)
        return fail("select");
    if (numconc_campaign_estimate_budget(campaign, day, &budget) != NUMCONC_OK
        || numconc_budget_to_json(budget, &json, &json_len) != NUMCONC_OK)
        return fail("budget");
    printf("estimate: %.40s…\n", json);
    numconc_string_free(json);
    numconc_budget_free(budget);

    /* The saved file (docs/schemas/saved.schema.json): load it later with
     * numconc_campaign_load_json. */
    if (numconc_campaign_save_json(campaign, &json, &json_len) != NUMCONC_OK)
        return fail("save");
    printf("saved: %zu bytes\n", json_len);
    numconc_string_free(json);
    numconc_campaign_free(campaign);
    return 0;
}
