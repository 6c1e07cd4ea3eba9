/* One campaign used from several threads at once: commands and queries
 * serialize inside the handle, no update is lost, and each thread has its
 * own last error. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <pthread.h>

#define THREADS 4
#define ROUNDS 25

struct worker {
    numconc_campaign *campaign;
    int index;
    int accepted;
    int problems;
};

static void *work(void *arg) {
    struct worker *w = arg;
    char command[160];
    int i;

    for (i = 0; i < ROUNDS; i++) {
        numconc_budget *b = NULL;
        numconc_eligibility *e = NULL;
        numconc_budget_totals t;
        int n = snprintf(command, sizeof command,
                         "{\"type\": \"record_membership\", \"institution\": \"FR-620416101\","
                         " \"year\": %d, \"date\": \"2026-04-01\"}",
                         2100 + w->index * ROUNDS + i);
        if (n < 0 || numconc_campaign_execute_json(w->campaign, command, (size_t)n) != NUMCONC_OK) {
            w->problems++;
        } else {
            w->accepted++;
        }
        if (numconc_campaign_budget(w->campaign, NUMCONC_BUDGET_ESTIMATE, day(2026, 4, 1), &b) !=
                NUMCONC_OK ||
            numconc_budget_get_totals(b, &t) != NUMCONC_OK || t.total_cents != 104200) {
            w->problems++;
        }
        numconc_budget_free(b);
        if (numconc_campaign_eligibility_all(w->campaign, day(2026, 4, 1), &e) != NUMCONC_OK) {
            w->problems++;
        }
        numconc_eligibility_free(e);
        /* A refused command on this thread: its own last error. */
        if (numconc_campaign_select(w->campaign, day(2026, 4, 1), S("NOPE")) !=
                NUMCONC_UNKNOWN_DOCUMENT ||
            !str_eq(numconc_last_error_code(), "UNKNOWN_DOCUMENT")) {
            w->problems++;
        }
    }
    return NULL;
}

int main(void) {
    numconc_campaign *c = new_campaign();
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    size_t events = 0;
    int i, started = 0, accepted = 0, problems = 0;

    if (c == NULL) {
        return finish("test_threads");
    }
    for (i = 0; i < THREADS; i++) {
        workers[i].campaign = c;
        workers[i].index = i;
        workers[i].accepted = 0;
        workers[i].problems = 0;
        if (pthread_create(&threads[i], NULL, work, &workers[i]) == 0) {
            started++;
        }
    }
    CHECK(started == THREADS);
    for (i = 0; i < started; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        accepted += workers[i].accepted;
        problems += workers[i].problems;
    }
    CHECK(problems == 0);
    CHECK(accepted == THREADS * ROUNDS);
    CHECK_OK(numconc_campaign_event_count(c, &events));
    CHECK(events == (size_t)(THREADS * ROUNDS));
    /* This thread made no failing call: its last error is empty. */
    CHECK(numconc_last_error_code() == NULL);
    numconc_campaign_free(c);
    return finish("test_threads");
}
