/* Import of the note informative through the C ABI: the two example notes
 * as UTF-8 CSV, Windows-1252 CSV, .xlsx and .ods (written beforehand by
 * tests/data/make_sheets.py into $NUMCONC_TEST_SHEETS) give the same
 * proposals; bad workbooks are typed statuses. */
#include <stdlib.h>

#include "check.h"

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

static const struct numconc_date DAY = {2026, 2, 10};

/* The proposals of a file as JSON (a new string), or NULL. */
static char *documents_of(const char *path, const char *institution) {
    size_t len = 0;
    unsigned char *bytes = read_file(path, &len);
    struct numconc_import_report *report = NULL;
    char *json = NULL;
    size_t documents = 0, rows = 0, errors = 0;
    CHECK(bytes != NULL);
    if (bytes == NULL) return NULL;
    CHECK_OK(numconc_import_proposals(bytes, len, institution, strlen(institution), DAY, NULL, 0,
                                      &report));
    if (report != NULL) {
        CHECK_OK(numconc_import_report_counts(report, &documents, &rows, &errors));
        CHECK(documents > 0 && rows >= documents);
        CHECK_OK(numconc_import_report_documents_json(report, &json, NULL));
        numconc_import_report_free(report);
    }
    free(bytes);
    return json;
}

int main(void) {
    const char *dir = getenv("NUMCONC_TEST_SHEETS");
    static const char *notes[2][2] = {
        {"note-informative-bm-amiens", "FR-800216101"},
        {"note-informative-ad-aisne", "AD02"},
    };
    static const char *suffixes[3] = {".xlsx", ".ods", ".cp1252.csv"};
    char path[4096];
    int i, j;
    (void)new_campaign; /* the shared fixture: not needed here */
    CHECK(dir != NULL);
    if (dir == NULL) return 1;

    for (i = 0; i < 2; i++) {
        char *expected;
        snprintf(path, sizeof path, "tests/data/%s.csv", notes[i][0]);
        expected = documents_of(path, notes[i][1]);
        CHECK(expected != NULL && strlen(expected) > 100);
        for (j = 0; j < 3; j++) {
            char *got;
            snprintf(path, sizeof path, "%s/%s%s", dir, notes[i][0], suffixes[j]);
            got = documents_of(path, notes[i][1]);
            CHECK(str_eq(got, expected));
            if (!str_eq(got, expected)) fprintf(stderr, "%s differs\n", path);
            numconc_string_free(got);
        }
        numconc_string_free(expected);
    }

    {
        struct numconc_import_report *report = NULL;
        static const unsigned char junk[] = "PK\x03\x04 not a workbook";
        size_t len = 0;
        unsigned char *xlsx;
        char *json = NULL;
        CHECK_STATUS(numconc_import_proposals(junk, sizeof junk - 1, S("I1"), DAY, NULL, 0, &report),
                     NUMCONC_WORKBOOK_CORRUPT);
        CHECK(report == NULL);
        CHECK(str_eq(numconc_last_error_code(), "WORKBOOK_CORRUPT"));
        CHECK(strstr(numconc_last_error_message(NUMCONC_LANG_FR), "classeur") != NULL);
        CHECK_STATUS(numconc_import_proposals(NULL, 0, S("I1"), DAY, NULL, 0, &report),
                     NUMCONC_NULL_ARGUMENT);
        CHECK_STATUS(numconc_import_proposals(junk, 3, S("I1"), DAY, NULL, 0, &report),
                     NUMCONC_NO_HEADER);
        snprintf(path, sizeof path, "%s/note-informative-ad-aisne.xlsx", dir);
        xlsx = read_file(path, &len);
        CHECK(xlsx != NULL);
        if (xlsx != NULL) {
            CHECK_STATUS(numconc_import_proposals(xlsx, len, S("AD02"), DAY, S("Budget"), &report),
                         NUMCONC_UNKNOWN_SHEET);
            CHECK_OK(numconc_import_proposals(xlsx, len, S("AD02"), DAY, S("Note"), &report));
            CHECK_OK(numconc_import_report_to_json(report, &json, NULL));
            CHECK(json != NULL && strstr(json, "\"format\":\"xlsx\"") != NULL);
            numconc_string_free(json);
            numconc_import_report_free(report);
            free(xlsx);
        }
        numconc_import_report_free(NULL);
    }

    return finish("test_import");
}
