/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Runstate accounting in Xen's model (struct vcpu_runstate_info,
 * include/public/vcpu.h), both sides.  Freestanding, shared by the
 * hypervisor, test guests and host tests.
 *
 * Producer: a vCPU is in exactly one runstate at a time; on a transition
 * the time since state_entry_time is charged to the old state.  The
 * registered area holds these raw figures: time[] covers everything up to
 * state_entry_time and the current state's share since then is implicit
 * (now - state_entry_time), as in Xen.
 *
 * Consumer: with the runstate_update_flag assist the producer sets
 * XEN_RUNSTATE_UPDATE in state_entry_time while it rewrites the area; a
 * reader retries while the flag is set or the entry time changed.
 *
 * Steal time is the time a vCPU was runnable but not running:
 * time[RUNSTATE_runnable].  (Linux's steal clock also adds
 * time[RUNSTATE_offline], i.e. time paused by the toolstack.)
 */
#ifndef PVCLOCK_RUNSTATE_H
#define PVCLOCK_RUNSTATE_H

#include <stdint.h>
#include <public/vcpu.h>

#define RUNSTATE_COUNT 4

/*
 * Charge the time since *@entry to @time[@state] and restart the entry
 * clock at @now.  A @now earlier than *@entry (clocks of two CPUs) charges
 * nothing and keeps *@entry, so time[] and the entry never go backwards.
 * An out-of-range @state charges nothing.
 */
void runstate_charge(int64_t time[RUNSTATE_COUNT], int64_t *entry, unsigned int state,
                     int64_t now);

/*
 * One timestamp per context switch (Xen's schedule() stamps both sides
 * with one NOW()): a vCPU switched in at @now on a pCPU whose last
 * switch-out was at @out enters running at @out -- or at @entry, when it
 * became runnable, if later -- provided it was runnable (@was_runnable)
 * and the gap is at most @gap_max; else at @now (the pCPU idled, or the
 * vCPU was not waiting).  The switch's cost then counts as the incoming
 * vCPU's running time, and one vCPU's steal is exactly what the others
 * ran on that pCPU.
 */
int64_t runstate_switch_in_time(int64_t now, int64_t out, int64_t entry, int was_runnable,
                                int64_t gap_max);

/*
 * Consumer: a consistent copy of a guest's runstate area (state_entry_time
 * without XEN_RUNSTATE_UPDATE).  Gives up after @max_tries torn reads and
 * returns 0 (the copy is then the last one read, flag cleared); else 1.
 */
int runstate_snapshot(const volatile struct vcpu_runstate_info *src,
                      struct vcpu_runstate_info *dst, unsigned long max_tries);

/* Time accounted in all states up to @now (the current state's share included). */
uint64_t runstate_total(const struct vcpu_runstate_info *r, uint64_t now);

/* Time in @state up to @now (the current state's share included if it is @state). */
uint64_t runstate_time_in(const struct vcpu_runstate_info *r, unsigned int state, uint64_t now);

/* Steal time up to @now: runnable but not running. */
uint64_t runstate_steal(const struct vcpu_runstate_info *r, uint64_t now);

#endif
