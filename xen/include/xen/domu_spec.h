/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The domU= boot option (our extension to Xen's boot configuration):
 *
 *   domU=<spec>[;<spec>...]
 *   spec = <kernel-module>[,mem=<size>][,vcpus=<n>][,name=<name>][,initrd=<module>]
 *          [,max_event_channels=<n>][,max_grant_frames=<n>][,max_maptrack_frames=<n>]
 *          [,weight=<n>][,cap=<pct>][,cpus=<N>|<N-M>]
 *
 * Modules are numbered from 1 in boot-loader order (module 1 is always the
 * initial domain's kernel).  <size> uses Xen's size syntax (K/M/G suffix;
 * a plain number is KiB).  Names are 1-31 characters of [A-Za-z0-9_.-].
 * Host-testable: no hypervisor state, only xen/param.h's value parsers.
 */
#ifndef XEN_DOMU_SPEC_H
#define XEN_DOMU_SPEC_H

#include <xen/types.h>

#define MAX_DOMU_SPECS      15
#define DOMU_DEFAULT_MEM    (32ULL << 20)
#define DOMU_MIN_MEM        (1ULL << 20)
#define DOMU_MAX_MEM        (1ULL << 40)
#define DOMU_MAX_EVENT_CHANNELS 131071  /* the FIFO ABI's last port */
#define DOMU_MAX_GRANT_FRAMES   4096    /* GNTTAB_LIMIT_FRAMES */
#define DOMU_MAX_WEIGHT     65535   /* Xen's credit scheduler range */
#define DOMU_MAX_CAP        12800   /* 100% x MAX_VIRT_CPUS */
#define DOMU_MAX_CPUS       64      /* cpus= names CPUs 0-63 (NR_CPUS) */

struct domu_spec {
    unsigned int kernel;        /* module number (from 1) */
    unsigned int initrd;        /* module number, 0 for none */
    uint64_t mem_bytes;         /* 0: default (DOMU_DEFAULT_MEM) */
    unsigned int vcpus;         /* 0: default (1) */
    char name[32];              /* "": default ("d<id>") */
    unsigned int max_event_channels; /* highest port; 0: max_event_channels= option */
    unsigned int max_grant_frames;   /* 0: gnttab_max_frames= option */
    unsigned int max_maptrack_frames; /* 0: gnttab_max_maptrack_frames= option */
    unsigned int weight;        /* credit scheduler weight; 0: default (256) */
    unsigned int cap;           /* % of one CPU; 0: none */
    uint64_t cpus;              /* hard affinity, bit n = CPU n; 0: any CPU */
};

/*
 * Parse @s into @out[0..max).  Returns the number of specs, or -EINVAL
 * with a reason in @err (size @errlen) naming the spec (from 1) at fault.
 * Syntax only: module numbers are checked against the modules present by
 * domu_spec_check().
 */
int domu_spec_parse(const char *s, struct domu_spec *out, unsigned int max,
                    char *err, size_t errlen);

/*
 * Check @spec against the @nr_mods modules the loader gave: its kernel and
 * initrd must exist, differ, not be module 1 and not be claimed yet (bit n
 * of *@claimed: module n is in use).  On success marks them claimed and
 * returns 0; otherwise -EINVAL with a reason in @err.
 */
int domu_spec_check(const struct domu_spec *spec, unsigned int nr_mods,
                    uint32_t *claimed, char *err, size_t errlen);

#endif
