/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Boot-time domains, from the boot modules and the command line:
 *
 *   module 1            the initial domain's kernel (d0, privileged); its
 *                       module string is "<file> <kernel command line>"
 *   module 2            d0's initrd, unless a domU spec claims it
 *   dom0_mem=<size>     d0's RAM (default 256M; clamped to what is free)
 *   dom0_max_vcpus=<n>  d0's vCPUs (default 1)
 *   domU=<spec>;...     unprivileged domains d1, d2, ... (xen/domu_spec.h)
 *
 * Options after "--" on the hypervisor command line are appended to d0's
 * command line, as in Xen.  Every domain is built before any of them
 * starts; then vCPU 0 of each is brought up (the others wait for the
 * guest to start them).  A domain whose image is refused is destroyed and
 * the others go on.
 */
#include <xen/bootinfo.h>
#include <xen/domain_build.h>
#include <xen/domu_spec.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>
#include <asm/processor.h>

#define DOM0_DEFAULT_MEM    (256ULL << 20)
/* Pages a domain may own beyond its RAM: start_info, ACPI tables, etc. */
#define DOMAIN_EXTRA_PAGES  256
/* Free memory left to the hypervisor when sizing d0: 8 MiB + 1/64. */
#define HYP_RESERVE(freeb)  ((8ULL << 20) + (freeb) / 64)

static uint64_t opt_dom0_mem = DOM0_DEFAULT_MEM;
size_param("dom0_mem", opt_dom0_mem);
static unsigned int opt_dom0_max_vcpus = 1;
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);

static struct domu_spec domu_specs[MAX_DOMU_SPECS];
static unsigned int nr_domu_specs;

static int parse_domu(const char *val)
{
    char err[96];
    int n;

    nr_domu_specs = 0;
    if (val && !strcmp(val, "no"))         /* "no-domU": none */
        return 0;
    n = domu_spec_parse(val, domu_specs, MAX_DOMU_SPECS, err, sizeof(err));
    if (n < 0) {
        printk(XENLOG_WARNING "domU=: %s; no domU will be created\n", err);
        return n;
    }
    nr_domu_specs = n;
    return 0;
}
custom_param("domU", parse_domu);

/* The kernel command line in a module string: what follows the file name. */
static const char *module_args(const struct boot_module *m)
{
    const char *s = m->cmdline ? m->cmdline : "";

    while (*s == ' ')
        s++;
    while (*s && *s != ' ')
        s++;
    while (*s == ' ')
        s++;
    return s;
}

/* @args, plus " " and @extra if @extra is not empty (xmalloc'd; NULL if no memory). */
static char *join_cmdline(const char *args, const char *extra)
{
    size_t a = strlen(args), e = strlen(extra);
    char *s = xmalloc(a + e + 2);

    if (!s)
        return NULL;
    memcpy(s, args, a);
    s[a] = '\0';
    if (e) {
        if (a)
            s[a++] = ' ';
        memcpy(s + a, extra, e + 1);
    }
    return s;
}

/* Create, load and prepare one domain; its vCPUs stay down.  0 or -errno. */
static int build_domain(const struct domain_config *cfg)
{
    unsigned long pages = cfg->mem_bytes >> PAGE_SHIFT;
    uint64_t start_tsc = rdtsc_ordered();   /* for the benchmarks (scripts/bench) */
    struct pvh_entry entry;
    struct domain *d;
    int rc;

    d = domain_create(cfg->domid, cfg->privileged, cfg->max_vcpus,
                      pages + DOMAIN_EXTRA_PAGES);
    if (!d) {
        printk(XENLOG_ERR "d%u: cannot create the domain\n", cfg->domid);
        return -ENOMEM;
    }
    strlcpy(d->name, cfg->name, sizeof(d->name));
    sched_domain_config(d, cfg->weight, cfg->cap, cfg->cpus);   /* before its vCPUs */
    if (cfg->max_event_channels && evtchn_set_max_port(d, cfg->max_event_channels)) {
        domain_destroy(d);
        return -ENOMEM;
    }
    if ((cfg->max_grant_frames || cfg->max_maptrack_frames) &&
        gnttab_set_limits(d, cfg->max_grant_frames, cfg->max_maptrack_frames)) {
        domain_destroy(d);
        return -ENOMEM;
    }
    for (unsigned int i = 0; i < cfg->max_vcpus; i++) {
        if (!vcpu_create(d, i, VCPU_CPU_ANY)) {
            printk(XENLOG_ERR "d%u: cannot create vCPU %u\n", cfg->domid, i);
            domain_destroy(d);
            return -ENOMEM;
        }
    }
    rc = pvh_build_domain(d, cfg, &entry);     /* prints "refused: ..." itself */
    if (rc) {
        domain_destroy(d);
        return rc;
    }
    hvm_ops->set_pvh_entry_state(d->vcpu[0], entry.eip, entry.ebx);
    vcpu_set_initialised(d->vcpu[0], true);   /* VCPUOP_initialise on it: -EEXIST */
    printk("d%u: created (%s, %u vCPUs, %llu MiB)\n", cfg->domid, d->name,
           cfg->max_vcpus, (unsigned long long)(cfg->mem_bytes >> 20));
    printk("Boot: d%u build from TSC %llu, created at TSC %llu\n", cfg->domid,
           (unsigned long long)start_tsc, (unsigned long long)rdtsc_ordered());
    return 0;
}

static uint64_t domu_mem(const struct domu_spec *s)
{
    return s->mem_bytes ? s->mem_bytes : DOMU_DEFAULT_MEM;
}

/* Check every domU spec against the modules; claimed gets their modules. */
static void check_domu_specs(bool ok[], uint32_t *claimed, uint64_t *domu_total)
{
    char err[96];

    *claimed = 1u << 1;                     /* d0's kernel */
    *domu_total = 0;
    for (unsigned int i = 0; i < nr_domu_specs; i++) {
        ok[i] = domu_spec_check(&domu_specs[i], boot_info.nr_mods, claimed,
                                err, sizeof(err)) == 0;
        if (!ok[i])
            printk(XENLOG_ERR "d%u: not created: domU spec %u: %s\n", i + 1, i + 1, err);
        else
            *domu_total += domu_mem(&domu_specs[i]);
    }
}

/* d0's RAM: dom0_mem=, clamped to what is free after the domUs and a reserve. */
static uint64_t dom0_mem(uint64_t domu_total)
{
    uint64_t freeb = (uint64_t)total_free_pages() << PAGE_SHIFT;
    uint64_t avail = freeb > domu_total + HYP_RESERVE(freeb) ?
                     freeb - domu_total - HYP_RESERVE(freeb) : 0;
    uint64_t mem = opt_dom0_mem & ~(uint64_t)(PAGE_SIZE - 1);

    if (mem > avail) {
        printk(XENLOG_WARNING "dom0_mem: %llu MiB asked, %llu MiB available\n",
               (unsigned long long)(mem >> 20), (unsigned long long)(avail >> 20));
        mem = avail & ~((1ULL << 20) - 1);
    }
    return mem;
}

static void build_dom0(uint32_t claimed, uint64_t domu_total)
{
    const char *args = module_args(&boot_info.mods[0]);
    struct domain_config cfg = {
        .domid = 0, .privileged = true, .name = "d0",
        .mem_bytes = dom0_mem(domu_total),
        .max_vcpus = min(max(opt_dom0_max_vcpus, 1u), (unsigned int)MAX_VIRT_CPUS),
        .kernel = &boot_info.mods[0],
        .initrd = boot_info.nr_mods >= 2 && !(claimed & (1u << 2)) ? &boot_info.mods[1] : NULL,
    };
    char *cmdline = join_cmdline(args, dom0_cmdline_extra);

    if (!cmdline || cfg.mem_bytes < DOMU_MIN_MEM) {
        printk(XENLOG_ERR "d0: not created: not enough memory\n");
        xfree(cmdline);
        return;
    }
    cfg.cmdline = cmdline;
    build_domain(&cfg);
    xfree(cmdline);
}

static void build_domu(unsigned int i)
{
    const struct domu_spec *s = &domu_specs[i];
    struct domain_config cfg = {
        .domid = i + 1, .privileged = false,
        .mem_bytes = domu_mem(s),
        .max_vcpus = s->vcpus ? s->vcpus : 1,
        .kernel = &boot_info.mods[s->kernel - 1],
        .initrd = s->initrd ? &boot_info.mods[s->initrd - 1] : NULL,
        .cmdline = module_args(&boot_info.mods[s->kernel - 1]),
        .max_event_channels = s->max_event_channels,
        .max_grant_frames = s->max_grant_frames,
        .max_maptrack_frames = s->max_maptrack_frames,
        .weight = s->weight, .cap = s->cap, .cpus = s->cpus,
    };

    if (s->name[0])
        strlcpy(cfg.name, s->name, sizeof(cfg.name));
    else
        snprintf(cfg.name, sizeof(cfg.name), "d%u", cfg.domid);
    if (cfg.mem_bytes + (8ULL << 20) > ((uint64_t)total_free_pages() << PAGE_SHIFT)) {
        printk(XENLOG_ERR "d%u: not created: not enough memory\n", cfg.domid);
        return;
    }
    build_domain(&cfg);
}

/* Bring up vCPU 0 of every domain built: they start running now. */
static void start_domains(void)
{
    unsigned long flags;

    spin_lock_irqsave(&domlist_lock, flags);
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        vcpu_up(d->vcpu[0]);
    spin_unlock_irqrestore(&domlist_lock, flags);
}

static void report_unused_modules(uint32_t claimed)
{
    for (unsigned int m = 3; m <= boot_info.nr_mods; m++)
        if (!(claimed & (1u << m)))
            printk(XENLOG_WARNING "boot module %u is not used by any domain\n", m);
}

void create_boot_domains(void)
{
    bool ok[MAX_DOMU_SPECS];
    uint64_t domu_total;
    uint32_t claimed;

    if (!boot_info.nr_mods) {
        if (nr_domu_specs)
            printk(XENLOG_WARNING "domU= given but there are no boot modules\n");
        return;
    }
    if (!hvm_ops) {
        printk(XENLOG_ERR "No hardware virtualization: boot domains cannot run, not created\n");
        return;
    }
    domains_sample_free_pages();            /* before anything is allocated for them */
    check_domu_specs(ok, &claimed, &domu_total);
    report_unused_modules(claimed | (1u << 2));   /* module 2: d0's initrd by default */
    build_dom0(claimed, domu_total);
    for (unsigned int i = 0; i < nr_domu_specs; i++)
        if (ok[i])
            build_domu(i);
    start_domains();
    domains_boot_done();
}
