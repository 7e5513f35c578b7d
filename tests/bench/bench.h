/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The benchmark guest: one row per measured operation.  Each operation has
 * an optional setup (run once; returns 0 or the error that makes the row
 * "n/a"), an optional untimed step before every sample, and the timed step.
 */
#ifndef BENCH_H
#define BENCH_H

#include "evtchn.h"

struct bench_op {
    const char *key;                /* JSON / table key */
    const char *label;              /* what the table calls it */
    long (*setup)(void);            /* 0 = ready; else the row is n/a with this rc */
    void (*before)(void);           /* untimed, before each sample (may be NULL) */
    void (*run)(void);              /* the timed operation */
};

extern const struct bench_op bench_ops[];
extern const unsigned int bench_nr_ops;

/* shared_info, upcall vector and handler (ev_init once). */
void bench_events_init(void);

/* "BENCH domain_memory ..." where the control ABI lets us (domain_mem.c). */
void bench_domain_memory(void);

/* map + unmap of one of our own grants (grant_map.c). */
long bench_map_setup(void);
void bench_map_before(void);
void bench_map_run(void);

/* A failed call inside a timed step: remembered, reported after the row. */
void bench_fail(const char *what, long rc);

#endif
