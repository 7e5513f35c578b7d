/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Host stand-in for <xen/percpu.h>: one CPU, number 0. */
#ifndef XEN_PERCPU_H
#define XEN_PERCPU_H
static inline unsigned int smp_processor_id(void) { return 0; }
#endif
