#include <numconc.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    const char *json = "{\"id\": \"hdf-2026\", \"programme\": \"hauts-de-france\", \"year\": 2026,"
        " \"ends_on\": \"2027-06-30\", \"institutions\": [{\"id\": \"FR-801216101\", \"name\": \"BM\","
        " \"kind\": \"municipal_library\", \"size\": \"medium\", \"membership_years\": [2026]}],"
        " \"conventions\": [{\"id\": \"C1\", \"institution\": \"FR-801216101\", \"kind\": \"coordinator\","
        " \"signed_on\": \"2025-01-15\", \"starts_on\": \"2025-01-15\", \"ends_on\": \"2027-12-31\"}],"
        " \"documents\": [{\"id\": \"D1\", \"institution\": \"FR-801216101\", \"title\": \"Journal\","
        " \"author\": \"Collectif\", \"date\": \"1871\", \"typology\": \"press\", \"format\": \"A2\","
        " \"views\": 1200, \"themes\": [\"regional_interest\"], \"rights\": \"public_domain\","
        " \"ocr\": true, \"proposed_on\": \"2026-02-10\"}]}";
    numconc_programme *programme = NULL;
    numconc_campaign *campaign = NULL;
    numconc_budget *budget = NULL;
    numconc_budget_totals totals;
    numconc_date as_of = {2026, 4, 1};

    if (numconc_programme_preset("hauts-de-france", strlen("hauts-de-france"), &programme) != NUMCONC_OK
        || numconc_campaign_new(programme, json, strlen(json), &campaign) != NUMCONC_OK
        || numconc_campaign_budget(campaign, NUMCONC_BUDGET_ESTIMATE, as_of, &budget) != NUMCONC_OK
        || numconc_budget_get_totals(budget, &totals) != NUMCONC_OK) {
        fprintf(stderr, "error %s: %s\n", numconc_last_error_code(),
                numconc_last_error_message(NUMCONC_LANG_EN));
        return 1;
    }
    printf("numconc %s: estimate %lld.%02lld EUR, institution pays %lld.%02lld EUR\n",
           numconc_version(), (long long)(totals.total_cents / 100),
           (long long)(totals.total_cents % 100), (long long)(totals.partner_cents / 100),
           (long long)(totals.partner_cents % 100));
    numconc_budget_free(budget);
    numconc_campaign_free(campaign);
    numconc_programme_free(programme);
    return 0;
}
