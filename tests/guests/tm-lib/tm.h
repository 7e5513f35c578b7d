/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Shared by the tm-* time test guests (this directory has no Makefile: it
 * is not a guest).  A guest lists tm.c and the pvclock sources in SRCS and
 * includes tm.mk, which finds them here and in pvclock/: the guests read
 * time and runstate with the very code the hypervisor and the host tests
 * use.  Provides: this vCPU's pvclock (vcpu_info[n].time in shared_info),
 * runstate areas, and starting vCPUs 1..n-1 with VCPUOP_initialise/up,
 * each on its own stack.
 */
#ifndef TM_H
#define TM_H

#include "evtchn.h"
#include <pvclock/pvclock_info.h>
#include <pvclock/runstate.h>

#define TM_MAX_VCPUS 8

/* ev_init() (shared_info mapped, vCPU 0's upcall), banner line. */
void tm_init(const char *name, ev_handler_t fn);

/* pvclock of vCPU @vcpu from its vcpu_info in shared_info (use on that vCPU). */
uint64_t tm_clock(unsigned int vcpu);
/* The last snapshot tm_clock(@vcpu) took (version, flags ...). */
const struct vcpu_time_info *tm_last_record(unsigned int vcpu);

/* Register @area as @vcpu's runstate area; the rc of the hypercall. */
long tm_register_runstate(unsigned int vcpu, struct vcpu_runstate_info *area);
/* Consistent copy of @area (fails the test if it stays torn). */
void tm_runstate_read(const volatile struct vcpu_runstate_info *area,
                      struct vcpu_runstate_info *out);

/*
 * Start vCPUs 1 .. @n-1 one after the other, each running @fn(its id) on
 * its own stack; returns how many are up (including vCPU 0).
 */
unsigned int tm_start_vcpus(unsigned int n, void (*fn)(unsigned int id));

/* A lock for the guests' own shared data. */
void tm_lock(volatile int *l);
void tm_unlock(volatile int *l);

#endif
