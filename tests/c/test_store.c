/* A campaign kept in a store file through the C ABI: create, the typed and
 * JSON commands on the borrowed campaign (durable), a refused command,
 * events since a sequence number, the lock, a snapshot, close and reopen to
 * the same bytes, import, and the typed errors of bad files and options. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/numconc-c-store-XXXXXX";

static void path_of(char *out, size_t size, const char *name) {
    snprintf(out, size, "%s/%s", dir, name);
}

static char *saved(const numconc_campaign *c, size_t *len) {
    char *json = NULL;
    CHECK_OK(numconc_campaign_save_json(c, &json, len));
    return json;
}

static void check_events_since(const numconc_campaign *c) {
    char *json = NULL;
    size_t len = 0;
    CHECK_OK(numconc_campaign_events_since(c, 0, &json, &len));
    CHECK(json != NULL && strlen(json) == len && contains(json, "\"select\"") &&
          contains(json, "\"reject\""));
    numconc_string_free(json);
    CHECK_OK(numconc_campaign_events_since(c, 1, &json, &len));
    CHECK(json != NULL && !contains(json, "\"select\"") && contains(json, "\"reject\""));
    CHECK(json != NULL && json[0] == '[' && json[len - 1] == ']');
    numconc_string_free(json);
    CHECK_OK(numconc_campaign_events_since(c, 99, &json, &len));
    CHECK(str_eq(json, "[]") && len == 2);
    numconc_string_free(json);
    CHECK_STATUS(numconc_campaign_events_since(c, 0, NULL, NULL), NUMCONC_NULL_ARGUMENT);
}

int main(void) {
    char path[256], other[256], text[256];
    numconc_programme *programme = NULL;
    numconc_store *store = NULL, *second = NULL, *imported = NULL;
    numconc_campaign *c = NULL;
    numconc_store_options normal = {NUMCONC_SYNCHRONOUS_NORMAL, 50};
    numconc_store_options bad = {7, 0};
    char *before = NULL, *after = NULL;
    size_t before_len = 0, after_len = 0, n = 0;
    uint64_t seq = 0;
    FILE *f;

    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    path_of(path, sizeof path, "campagne.numconc");
    path_of(other, sizeof other, "imported.numconc");
    path_of(text, sizeof text, "text.numconc");

    CHECK_OK(numconc_programme_preset(S("hauts-de-france"), &programme));
    CHECK_OK(numconc_store_create(path, strlen(path), programme, CAMPAIGN_JSON,
                                  strlen(CAMPAIGN_JSON), NULL, &store));
    CHECK_STATUS(numconc_store_create(path, strlen(path), programme, CAMPAIGN_JSON,
                                      strlen(CAMPAIGN_JSON), NULL, &second),
                 NUMCONC_STORE_EXISTS);
    CHECK(second == NULL);
    CHECK(str_eq(numconc_last_error_code(), "STORE_EXISTS"));

    CHECK_OK(numconc_store_campaign(store, &c));
    CHECK_OK(numconc_campaign_select(c, day(2026, 4, 15), S("D1")));
    CHECK_OK(numconc_campaign_execute_json(
        c, S("{\"type\": \"reject\", \"doc\": \"D3\", \"reason\": \"hors programme\","
             " \"date\": \"2026-04-16\"}")));
    /* Refused: nothing written. */
    CHECK_STATUS(numconc_campaign_deliver(c, day(2026, 4, 17), S("D1"), 10),
                 NUMCONC_NOT_AT_PROVIDER);
    CHECK_OK(numconc_campaign_event_count(c, &n));
    CHECK(n == 2);
    check_events_since(c);

    /* The file is held: a second store is told so. */
    CHECK_STATUS(numconc_store_open(path, strlen(path), NULL, &second), NUMCONC_STORE_LOCKED);
    CHECK_STATUS(numconc_store_open(path, strlen(path), &normal, &second), NUMCONC_STORE_LOCKED);
    CHECK(second == NULL);

    before = saved(c, &before_len);
    /* The same commands on a campaign in memory save the same bytes. */
    {
        numconc_campaign *memory = new_campaign();
        char *json = NULL;
        size_t len = 0;
        CHECK_OK(numconc_campaign_select(memory, day(2026, 4, 15), S("D1")));
        CHECK_OK(numconc_campaign_reject(memory, day(2026, 4, 16), S("D3"), S("hors programme")));
        json = saved(memory, &len);
        CHECK(json != NULL && len == before_len && memcmp(json, before, len) == 0);
        numconc_string_free(json);
        numconc_campaign_free(memory);
    }
    CHECK_OK(numconc_store_snapshot(store, &seq));
    CHECK(seq == 2);
    CHECK_OK(numconc_store_close(store));
    CHECK_OK(numconc_store_close(NULL));

    /* Reopened: the same campaign, byte for byte. */
    CHECK_OK(numconc_store_open(path, strlen(path), &normal, &store));
    CHECK_OK(numconc_store_campaign(store, &c));
    after = saved(c, &after_len);
    CHECK(before != NULL && after != NULL && before_len == after_len &&
          memcmp(before, after, before_len) == 0);
    numconc_string_free(after);
    CHECK_STATUS(numconc_campaign_preserve(c, day(2026, 4, 18), S("D1")), NUMCONC_QC_NOT_PASSED);
    CHECK_OK(numconc_store_close(store));

    /* A saved campaign becomes a store with the same bytes. */
    CHECK_OK(numconc_store_import_json(other, strlen(other), before, before_len, NULL, &imported));
    CHECK_OK(numconc_store_campaign(imported, &c));
    after = saved(c, &after_len);
    CHECK(after != NULL && after_len == before_len && memcmp(before, after, before_len) == 0);
    numconc_string_free(after);
    CHECK_OK(numconc_store_close(imported));
    numconc_string_free(before);

    /* Typed errors: missing file, bad options, a file that is not a store. */
    CHECK_STATUS(numconc_store_open(S("/nonexistent/x.numconc"), NULL, &second),
                 NUMCONC_STORE_NOT_FOUND);
    CHECK_STATUS(numconc_store_open(path, strlen(path), &bad, &second), NUMCONC_INVALID_ARGUMENT);
    f = fopen(text, "w");
    CHECK(f != NULL);
    if (f != NULL) {
        fputs("{\"schema_version\": 1}\n", f);
        fclose(f);
    }
    CHECK_STATUS(numconc_store_open(text, strlen(text), NULL, &second), NUMCONC_STORE_CORRUPT);
    CHECK(str_eq(numconc_last_error_code(), "STORE_CORRUPT"));
    CHECK(second == NULL);
    CHECK_STATUS(numconc_store_open(NULL, 0, NULL, &second), NUMCONC_NULL_ARGUMENT);
    CHECK_STATUS(numconc_store_campaign(NULL, &c), NUMCONC_NULL_ARGUMENT);

    numconc_programme_free(programme);
    unlink(path);
    unlink(other);
    unlink(text);
    rmdir(dir);
    return finish("test_store");
}
