/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Domains: the global list, creation, shutdown, crash and destruction.
 *
 * Shutdown pauses the domain without waiting (it may be called from one of
 * its own vCPUs, or from two of them at once) and leaves the destruction to
 * a reaper timer on CPU 0, which destroys a shut-down domain once none of
 * its vCPUs is on a pCPU any more.  Boot-time domains have no toolstack, so
 * every shutdown ends in destruction.  When the last domain is gone the
 * free-page count is compared with the one taken before the first domain
 * was created: destruction returns every page.
 */
#include <xen/grant_table.h>
#include <xen/guest_console.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>

DEFINE_SPINLOCK(domlist_lock);
struct domain *domain_list;

static unsigned int nr_domains;             /* domlist_lock */
static bool domains_created;                /* one was ever created (domlist_lock) */
static unsigned long free_before_domains;   /* total_free_pages() before the first */
static bool boot_domains_done;              /* end-of-life report armed */
static struct timer reaper_timer;           /* CPU 0: destroys shut-down domains */

static const char *const shutdown_names[] = {
    [SHUTDOWN_poweroff] = "poweroff",
    [SHUTDOWN_reboot] = "reboot",
    [SHUTDOWN_suspend] = "suspend",
    [SHUTDOWN_crash] = "crash",
    [SHUTDOWN_watchdog] = "watchdog",
};

const char *shutdown_reason_name(int reason)
{
    if (reason < 0 || reason >= (int)ARRAY_SIZE(shutdown_names))
        return "?";
    return shutdown_names[reason];
}

static struct domain *lookup_locked(domid_t domid)
{
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        if (d->domain_id == domid)
            return d;
    return NULL;
}

struct domain *domain_lookup(domid_t domid)
{
    unsigned long flags;
    struct domain *d;

    spin_lock_irqsave(&domlist_lock, flags);
    d = lookup_locked(domid);
    spin_unlock_irqrestore(&domlist_lock, flags);
    return d;
}

struct domain *domain_get(domid_t domid)
{
    unsigned long flags;
    struct domain *d;

    spin_lock_irqsave(&domlist_lock, flags);
    d = lookup_locked(domid);
    if (d && d->is_dying)
        d = NULL;
    if (d)
        __atomic_add_fetch(&d->hold_count, 1, __ATOMIC_SEQ_CST);
    spin_unlock_irqrestore(&domlist_lock, flags);
    return d;
}

void domain_put(struct domain *d)
{
    /* A shut-down domain still held was skipped by the reaper, which retries. */
    BUG_ON(__atomic_sub_fetch(&d->hold_count, 1, __ATOMIC_SEQ_CST) < 0);
}

static void domain_free(struct domain *d)
{
    xfree(d->vcpu);
    xfree(d);
}

/* Append @d unless its ID is taken; false if it is. */
static bool domain_link(struct domain *d)
{
    unsigned long flags;
    struct domain **pp;
    bool ok;

    spin_lock_irqsave(&domlist_lock, flags);
    ok = !lookup_locked(d->domain_id);
    if (ok) {
        for (pp = &domain_list; *pp; pp = &(*pp)->next_in_list)
            ;
        *pp = d;
        nr_domains++;
    }
    spin_unlock_irqrestore(&domlist_lock, flags);
    return ok;
}

/* Take @d off the list; true if it was the last domain. */
static bool domain_unlink(struct domain *d)
{
    unsigned long flags;
    bool last;

    spin_lock_irqsave(&domlist_lock, flags);
    for (struct domain **pp = &domain_list; *pp; pp = &(*pp)->next_in_list) {
        if (*pp == d) {
            *pp = d->next_in_list;
            nr_domains--;
            break;
        }
    }
    last = nr_domains == 0;
    spin_unlock_irqrestore(&domlist_lock, flags);
    return last;
}

void domains_sample_free_pages(void)
{
    unsigned long flags;
    bool first;

    spin_lock_irqsave(&domlist_lock, flags);
    first = !domains_created;
    domains_created = true;
    spin_unlock_irqrestore(&domlist_lock, flags);
    if (first) {
        xmalloc_trim();
        free_before_domains = total_free_pages();
    }
}

struct domain *domain_create(domid_t domid, bool privileged, unsigned int max_vcpus,
                             unsigned long max_pages)
{
    struct domain *d;

    if (domid >= DOMID_FIRST_RESERVED || !max_vcpus || max_vcpus > MAX_VIRT_CPUS ||
        domain_lookup(domid))
        return NULL;
    domains_sample_free_pages();
    d = xzalloc(sizeof(*d));
    if (!d)
        return NULL;
    d->vcpu = xzalloc_array(struct vcpu *, max_vcpus);
    if (!d->vcpu) {
        domain_free(d);
        return NULL;
    }
    d->domain_id = domid;
    d->is_privileged = privileged;
    d->shutdown_code = -1;
    d->max_vcpus = max_vcpus;
    d->max_pages = max_pages;
    spin_lock_init(&d->lock);
    domain_watchdog_init(d);
    snprintf(d->name, sizeof(d->name), "d%u", domid);
    if (shared_info_domain_init(d)) {
        shared_info_domain_destroy(d);
        domain_free(d);
        return NULL;
    }
    if (hvm_domain_init(d)) {
        shared_info_domain_destroy(d);
        domain_free(d);
        return NULL;
    }
    if (evtchn_domain_init(d)) {
        evtchn_domain_destroy(d);
        hvm_domain_destroy(d);
        shared_info_domain_destroy(d);
        domain_free(d);
        return NULL;
    }
    if (gnttab_domain_init(d)) {
        gnttab_domain_destroy(d);
        evtchn_domain_destroy(d);
        hvm_domain_destroy(d);
        shared_info_domain_destroy(d);
        domain_free(d);
        return NULL;
    }
    if (!domain_link(d)) {
        gnttab_domain_destroy(d);
        evtchn_domain_destroy(d);
        hvm_domain_destroy(d);
        shared_info_domain_destroy(d);
        domain_free(d);
        return NULL;
    }
    return d;
}

static void report_all_ended(void)
{
    xmalloc_trim();
    printk("All domains ended: %lu pages free (before domains: %lu)\n",
           total_free_pages(), free_before_domains);
}

void domain_destroy(struct domain *d)
{
    unsigned int domid = d->domain_id;
    unsigned long freed;
    struct vcpu *v;
    bool last;

    last = domain_unlink(d);
    d->is_dying = true;
    domain_watchdog_destroy(d);
    evtchn_domain_destroy(d);               /* closes ports, tells peers */
    for_each_vcpu(d, v)
        vcpu_destroy(v);
    gnttab_domain_destroy(d);               /* its mappings of others' grants, its table */
    hvm_domain_destroy(d);                  /* p2m tables, CPUID policy */
    shared_info_domain_destroy(d);          /* shared_info page, memory map */
    freed = domain_relinquish_pages(d);
    domain_free(d);
    printk("d%u: destroyed, %lu pages freed\n", domid, freed);
    send_control_domain_virq(VIRQ_DOM_EXC); /* as Xen: the toolstack looks */
    if (last && READ_ONCE(boot_domains_done))
        report_all_ended();
}

void domains_boot_done(void)
{
    unsigned long flags;
    bool none;

    spin_lock_irqsave(&domlist_lock, flags);
    boot_domains_done = true;
    none = domains_created && nr_domains == 0;
    spin_unlock_irqrestore(&domlist_lock, flags);
    if (none)
        report_all_ended();
}

/* ---- shutdown, crash and the reaper ------------------------------------ */

static bool any_vcpu_running(struct domain *d)
{
    struct vcpu *v;

    for_each_vcpu(d, v)
        if (vcpu_on_pcpu(v))
            return true;
    return false;
}

/* A shut-down domain none of whose vCPUs runs, claimed for destruction. */
static struct domain *claim_reapable(bool *more)
{
    unsigned long flags;
    struct domain *found = NULL;

    *more = false;
    spin_lock_irqsave(&domlist_lock, flags);
    for (struct domain *d = domain_list; d; d = d->next_in_list) {
        if (!d->is_shutting_down || d->is_dying)
            continue;
        if (!found && !any_vcpu_running(d) && !READ_ONCE(d->hold_count)) {
            d->is_dying = true;
            found = d;
        } else {
            *more = true;
        }
    }
    spin_unlock_irqrestore(&domlist_lock, flags);
    return found;
}

static void reaper_fn(void *data)
{
    struct domain *d;
    bool more;

    (void)data;
    while ((d = claim_reapable(&more)) != NULL)
        domain_destroy(d);
    if (more)
        set_timer(&reaper_timer, NOW() + MICROSECS(100));
}

void domain_shutdown(struct domain *d, int reason)
{

    if (reason < 0 || reason >= (int)ARRAY_SIZE(shutdown_names)) {
        domain_crash(d, "invalid shutdown reason %d", reason);
        return;
    }
    /* The first shutdown wins; later ones (a crash racing a poweroff) are ignored. */
    if (__atomic_exchange_n(&d->is_shutting_down, true, __ATOMIC_SEQ_CST))
        return;
    /*
     * A code stored earlier by SCHEDOP_shutdown_code is the reason, as in
     * Xen (a kexec'd crash kernel that later reboots still reports crash);
     * a crash always reports as crash.
     */
    if (reason != SHUTDOWN_crash && domain_set_shutdown_code(d, reason))
        reason = READ_ONCE(d->shutdown_code);
    d->shutdown_code = reason;
    domain_pause_nosync(d);
    guest_console_flush(d);
    printk("d%u: shutdown: %s\n", d->domain_id, shutdown_names[reason]);
    set_timer(&reaper_timer, NOW());
}

bool domain_set_shutdown_code(struct domain *d, int reason)
{
    int none = -1;

    return !__atomic_compare_exchange_n(&d->shutdown_code, &none, reason, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
    struct vcpu *v = current_vcpu();
    char why[160];
    va_list ap;

    if (READ_ONCE(d->is_shutting_down))
        return;                 /* already on its way out */
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    printk(XENLOG_ERR "d%u: crashed: %s\n", d->domain_id, why);
    if (v && v->domain == d && hvm_ops && hvm_ops->dump_vcpu)
        hvm_ops->dump_vcpu(v);
    domain_shutdown(d, SHUTDOWN_crash);
}

static int domain_initcall(void)
{
    init_timer(&reaper_timer, reaper_fn, NULL, 0);
    return 0;
}
presmp_initcall(domain_initcall);
