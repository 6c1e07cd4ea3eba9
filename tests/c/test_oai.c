/* The OAI-PMH repository through the C ABI, on the worked campaign's saved
 * file (run from the repository root): Identify, a whole ListRecords
 * harvest through resumption tokens (each published document once), a
 * GetRecord, protocol errors in the response, the Dublin Core record of a
 * document, and the errors of the call itself. */
#include "check.h"

#include <stdlib.h>

static const char SAVED[] = "core/tests/fixtures/campagne-saved-before-typed-core.json";
static const char BASE[] = "https://bibliotheques.example.org/oai";
static const int64_t NOW = 1790000000; /* 2026-09-21T14:13:20Z */

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (f == NULL) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n) {
            buf[n] = '\0';
            *len = (size_t)n;
        } else {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static size_t count(const char *haystack, const char *needle) {
    size_t n = 0;
    const char *p = haystack;
    while (p != NULL && (p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

/* The text of the first resumptionToken element, percent-encoded for a
 * query, into `query` ("" when the token is empty or absent). */
static void resume_query(const char *xml, char *query, size_t size) {
    const char *start = strstr(xml, "<resumptionToken");
    const char *end;
    size_t used;
    query[0] = '\0';
    if (start == NULL || (start = strchr(start, '>')) == NULL || start[-1] == '/') return;
    start++;
    end = strstr(start, "</resumptionToken>");
    if (end == NULL || end == start) return;
    used = (size_t)snprintf(query, size, "verb=ListRecords&resumptionToken=");
    for (; start < end && used + 4 < size; start++) {
        unsigned char c = (unsigned char)*start;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            query[used++] = (char)c;
        } else {
            used += (size_t)snprintf(query + used, size - used, "%%%02X", c);
        }
    }
    query[used] = '\0';
}

static char *respond(const numconc_campaign *const *cs, size_t n, const char *query,
                     const numconc_oai_options *options) {
    char *xml = NULL;
    size_t len = 0;
    CHECK_OK(numconc_oai_respond(cs, n, query, strlen(query), S(BASE), NOW, options, &xml, &len));
    CHECK(xml != NULL && strlen(xml) == len);
    CHECK(contains(xml, "<responseDate>2026-09-21T14:13:20Z</responseDate>"));
    return xml;
}

static void check_harvest(const numconc_campaign *c) {
    const numconc_campaign *cs[1];
    numconc_oai_options options;
    char query[2048] = "verb=ListRecords&metadataPrefix=oai_dc";
    const char *docs[] = {"AMI-01", "AMI-02", "AD02-02", "AMI-03", "AMI-04", "AD02-01", "SAP-03"};
    size_t seen[7] = {0};
    size_t records = 0, pages = 0, i;
    cs[0] = c;
    memset(&options, 0, sizeof options);
    options.page_size = 3;
    options.repository_id = "bibliotheques.example.org";
    options.repository_id_len = strlen(options.repository_id);
    while (query[0] != '\0' && pages < 10) {
        char *xml = respond(cs, 1, query, &options);
        CHECK(!contains(xml, "<error"));
        records += count(xml, "<record>");
        for (i = 0; i < 7; i++) {
            char id[128];
            snprintf(id, sizeof id, "<identifier>oai:bibliotheques.example.org:hdf-2026/%s<", docs[i]);
            seen[i] += count(xml, id);
        }
        pages++;
        resume_query(xml, query, sizeof query);
        numconc_string_free(xml);
    }
    CHECK(pages == 3);
    CHECK(records == 7);
    for (i = 0; i < 7; i++) CHECK(seen[i] == 1);
}

static void check_verbs_and_errors(const numconc_campaign *c) {
    const numconc_campaign *cs[2];
    char *xml;
    cs[0] = c;
    cs[1] = c;

    xml = respond(cs, 1, "verb=Identify", NULL);
    CHECK(contains(xml, "<granularity>YYYY-MM-DD</granularity>"));
    CHECK(contains(xml, "<earliestDatestamp>2026-09-01</earliestDatestamp>"));
    CHECK(contains(xml, "<adminEmail>admin@bibliotheques.example.org</adminEmail>"));
    numconc_string_free(xml);

    xml = respond(cs, 1,
                  "verb=GetRecord&metadataPrefix=oai_dc"
                  "&identifier=oai%3Abibliotheques.example.org%3Ahdf-2026%2FAMI-01",
                  NULL);
    CHECK(contains(xml, "<dc:title>Le Progr\xc3\xa8s de la Somme (1871-1872)</dc:title>"));
    CHECK(contains(xml, "<dc:identifier>https://gallica.bnf.fr/ark:/12148/bpt6k205233j</dc:identifier>"));
    CHECK(contains(xml, "<datestamp>2026-09-02</datestamp>"));
    numconc_string_free(xml);

    xml = respond(cs, 1, "verb=Sing", NULL);
    CHECK(contains(xml, "<error code=\"badVerb\">") && contains(xml, "<request>https://"));
    numconc_string_free(xml);
    xml = respond(cs, 1, "verb=ListRecords&metadataPrefix=marc21", NULL);
    CHECK(contains(xml, "<error code=\"cannotDisseminateFormat\">"));
    numconc_string_free(xml);
    xml = respond(cs, 1, "verb=ListRecords&resumptionToken=forged", NULL);
    CHECK(contains(xml, "<error code=\"badResumptionToken\">"));
    numconc_string_free(xml);
    xml = respond(NULL, 0, "verb=ListSets", NULL);
    CHECK(contains(xml, "<error code=\"noSetHierarchy\">"));
    numconc_string_free(xml);

    /* Errors of the call: out untouched. */
    xml = (char *)"untouched";
    CHECK_STATUS(numconc_oai_respond(cs, 2, S("verb=Identify"), S(BASE), NOW, NULL, &xml, NULL),
                 NUMCONC_INVALID_VALUE);
    CHECK(str_eq(numconc_last_error_code(), "INVALID_VALUE"));
    CHECK(str_eq(xml, "untouched"));
    CHECK_STATUS(numconc_oai_respond(cs, 1, S("verb=Identify"), S("ftp://x"), NOW, NULL, &xml, NULL),
                 NUMCONC_INVALID_VALUE);
    CHECK_STATUS(numconc_oai_respond(NULL, 1, S("verb=Identify"), S(BASE), NOW, NULL, &xml, NULL),
                 NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_oai_respond(cs, 1, NULL, 0, S(BASE), NOW, NULL, &xml, NULL),
                 NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_oai_respond(cs, 1, S("verb=\xff"), S(BASE), NOW, NULL, &xml, NULL),
                 NUMCONC_INVALID_UTF8);
    CHECK_STATUS(numconc_oai_respond(cs, 1, S("verb=Identify"), S(BASE), INT64_MAX, NULL, &xml, NULL),
                 NUMCONC_INVALID_ARGUMENT);
    CHECK_STATUS(numconc_oai_respond(cs, 1, S("verb=Identify"), S(BASE), NOW, NULL, NULL, NULL),
                 NUMCONC_NULL_ARGUMENT);
    CHECK(str_eq(xml, "untouched"));
}

static void check_dublin_core(const numconc_campaign *c) {
    char *dc = NULL;
    size_t len = 0;
    CHECK_OK(numconc_campaign_dublin_core(c, S("AMI-04"), &dc, &len));
    CHECK(dc != NULL && strlen(dc) == len);
    CHECK(contains(dc, "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\""));
    CHECK(contains(dc, "<dc:creator>J.-B. Devermont</dc:creator>"));
    numconc_string_free(dc);
    dc = (char *)"x";
    CHECK_OK(numconc_campaign_dublin_core(c, S("MJV-01"), &dc, &len));
    CHECK(dc == NULL && len == 0);
    CHECK_STATUS(numconc_campaign_dublin_core(c, S("NOPE"), &dc, &len), NUMCONC_UNKNOWN_DOCUMENT);
}

int main(void) {
    size_t len = 0;
    char *saved = read_file(SAVED, &len);
    numconc_campaign *c = NULL;
    CHECK(saved != NULL);
    if (saved == NULL) return finish("test_oai");
    CHECK_OK(numconc_campaign_load_json(saved, len, &c));
    free(saved);
    if (c != NULL) {
        check_harvest(c);
        check_verbs_and_errors(c);
        check_dublin_core(c);
    }
    numconc_campaign_free(c);
    return finish("test_oai");
}
