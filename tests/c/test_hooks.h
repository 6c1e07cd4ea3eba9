/* The test hook of libnumconc, exported only by a library built with the
 * cargo feature `test-hooks` (scripts/test-c.sh builds it so): never part
 * of the installed header or library. */
#ifndef NUMCONC_TEST_HOOKS_H
#define NUMCONC_TEST_HOOKS_H

#include "numconc.h"

/* Panics on purpose inside the library while holding the lock of
 * `campaign`: returns NUMCONC_PANIC, and every later call on the same
 * campaign returns NUMCONC_POISONED. NULL gives NUMCONC_NULL_ARGUMENT. */
numconc_status numconc_test_panic(const struct numconc_campaign *campaign);

#endif
