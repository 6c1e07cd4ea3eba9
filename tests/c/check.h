/* Helpers and fixtures shared by the C tests of libnumconc.
 * Each test program counts its checks, prints one summary line and exits
 * non-zero when a check failed. */
#ifndef NUMCONC_TEST_CHECK_H
#define NUMCONC_TEST_CHECK_H

#include <numconc.h>
#include <stdio.h>
#include <string.h>

static int checks_run = 0;
static int checks_failed = 0;

#define CHECK(cond)                                                                          \
    do {                                                                                     \
        checks_run++;                                                                        \
        if (!(cond)) {                                                                       \
            checks_failed++;                                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);        \
        }                                                                                    \
    } while (0)

/* A call must return `expected`; on a mismatch, print the last error. */
#define CHECK_STATUS(call, expected)                                                         \
    do {                                                                                     \
        numconc_status got_ = (call);                                                        \
        checks_run++;                                                                        \
        if (got_ != (numconc_status)(expected)) {                                            \
            const char *code_ = numconc_last_error_code();                                   \
            const char *msg_ = numconc_last_error_message(NUMCONC_LANG_EN);                  \
            checks_failed++;                                                                 \
            fprintf(stderr, "%s:%d: %s returned %u (%s), expected %s: %s\n", __FILE__,       \
                    __LINE__, #call, (unsigned)got_, code_ ? code_ : "-", #expected,         \
                    msg_ ? msg_ : "-");                                                      \
        }                                                                                    \
    } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, NUMCONC_OK)

/* A string literal as pointer + length. */
#define S(lit) (lit), (sizeof(lit) - 1)

/* Two C strings are equal (NULL is equal to nothing). */
static inline int str_eq(const char *a, const char *b) {
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* A borrowed pointer + length equals a C string. */
static inline int text_eq(const char *p, size_t len, const char *expected) {
    return p != NULL && len == strlen(expected) && memcmp(p, expected, len) == 0 && p[len] == '\0';
}

static inline int contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

static inline numconc_date day(int32_t year, uint32_t month, uint32_t d) {
    numconc_date x;
    x.year = year;
    x.month = month;
    x.day = d;
    return x;
}

static inline int finish(const char *name) {
    printf("%s: %d checks, %d failed\n", name, checks_run, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

/* A campaign of the hauts-de-france preset: two institutions, D1 and D2
 * eligible on 2026-04-01, D3 not (theses, no theme, no author), and one
 * shared cost. Estimate: D1 605.00, D2 137.00, transport 300.00. */
static const char CAMPAIGN_JSON[] =
    "{\"id\": \"hdf-2026\", \"programme\": \"hauts-de-france\", \"year\": 2026,"
    " \"ends_on\": \"2027-06-30\","
    " \"institutions\": ["
    "  {\"id\": \"FR-801216101\", \"name\": \"BM d'Amiens\", \"kind\": \"municipal_library\","
    "   \"size\": \"medium\", \"membership_years\": [2025, 2026]},"
    "  {\"id\": \"FR-620416101\", \"name\": \"Maison d'\xc3\xa9" "crivain\","
    "   \"kind\": \"writers_house\", \"size\": \"small\", \"membership_years\": [2026]}],"
    " \"conventions\": ["
    "  {\"id\": \"C1\", \"institution\": \"FR-801216101\", \"kind\": \"coordinator\","
    "   \"signed_on\": \"2025-01-01\", \"starts_on\": \"2025-01-01\", \"ends_on\": \"2027-12-31\"},"
    "  {\"id\": \"C2\", \"institution\": \"FR-801216101\", \"kind\": \"national_library\","
    "   \"signed_on\": \"2025-01-01\", \"starts_on\": \"2025-01-01\", \"ends_on\": \"2027-12-31\"},"
    "  {\"id\": \"C3\", \"institution\": \"FR-620416101\", \"kind\": \"coordinator\","
    "   \"signed_on\": \"2025-01-01\", \"starts_on\": \"2025-01-01\", \"ends_on\": \"2027-12-31\"}],"
    " \"documents\": ["
    "  {\"id\": \"D1\", \"institution\": \"FR-801216101\", \"title\": \"Le Journal d'Amiens\","
    "   \"author\": \"Collectif\", \"date\": \"1871\", \"typology\": \"press\", \"format\": \"A2\","
    "   \"views\": 1200, \"themes\": [\"regional_interest\"], \"rights\": \"public_domain\","
    "   \"targets\": [\"armarium\", \"gallica\"], \"ocr\": true, \"insured_value\": \"3000.00\","
    "   \"proposed_on\": \"2026-02-10\"},"
    "  {\"id\": \"D2\", \"institution\": \"FR-620416101\", \"title\": \"Lettres\","
    "   \"author\": \"Anonyme\", \"date\": \"1898-05\", \"typology\": \"manuscripts\","
    "   \"format\": \"A4\", \"views\": 200, \"themes\": [\"regional_interest\"],"
    "   \"rights\": \"public_domain\", \"targets\": [\"armarium\"], \"fragile\": true,"
    "   \"proposed_on\": \"2026-02-10\"},"
    "  {\"id\": \"D3\", \"institution\": \"FR-801216101\", \"title\": \"Th\xc3\xa8se\","
    "   \"date\": \"1950\", \"typology\": \"theses\", \"format\": \"A4\", \"views\": 300,"
    "   \"rights\": \"public_domain\", \"targets\": [\"armarium\"], \"proposed_on\": \"2026-02-10\"}],"
    " \"shared_costs\": [{\"label\": \"transport\", \"amount\": \"300.00\"}]}";

/* The campaign above, or NULL (with a failed check). */
static inline numconc_campaign *new_campaign(void) {
    numconc_programme *programme = NULL;
    numconc_campaign *campaign = NULL;
    CHECK_OK(numconc_programme_preset(S("hauts-de-france"), &programme));
    CHECK_OK(numconc_campaign_new(programme, CAMPAIGN_JSON, strlen(CAMPAIGN_JSON), &campaign));
    numconc_programme_free(programme);
    return campaign;
}

#endif
