/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Debug keys for domains: 'q' dumps domains and vCPUs (state, pages,
 * runstate times, the most frequent exits), 'd' dumps vCPU registers.
 * Key handlers run from a timer on CPU 0, with no vCPU current there.
 */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/hvm.h>

#define TOP_EXITS 6
/* How long 'd' waits for a running vCPU to leave its pCPU. */
#define DUMP_PAUSE_TIMEOUT MILLISECS(50)

static const char *const runstate_names[NR_RUNSTATES] = {
    [RUNSTATE_running] = "running",
    [RUNSTATE_runnable] = "runnable",
    [RUNSTATE_blocked] = "blocked",
    [RUNSTATE_offline] = "offline",
};

static unsigned long long ms(s_time_t ns)
{
    return ns > 0 ? (unsigned long long)(ns / 1000000) : 0;
}

/* The @n most frequent exit codes of @v, as "code:count" pairs. */
static void dump_top_exits(const struct vcpu *v)
{
    unsigned int top[TOP_EXITS], n = 0;
    uint64_t total = 0;
    char line[160];
    int len;

    for (unsigned int code = 0; code < NR_EXIT_COUNTERS; code++) {
        uint64_t c = READ_ONCE(v->arch.exit_count[code]);
        unsigned int i;

        if (!c)
            continue;
        total += c;
        if (n < TOP_EXITS)
            n++;
        else if (c <= v->arch.exit_count[top[n - 1]])
            continue;
        for (i = n - 1; i > 0 && v->arch.exit_count[top[i - 1]] < c; i--)
            top[i] = top[i - 1];
        top[i] = code;
    }
    len = snprintf(line, sizeof(line), "        exits: %llu total", (unsigned long long)total);
    for (unsigned int i = 0; i < n && len > 0 && (size_t)len < sizeof(line); i++)
        len += snprintf(line + len, sizeof(line) - len, "%s%#x:%llu", i ? ", " : "; top ",
                        top[i], (unsigned long long)v->arch.exit_count[top[i]]);
    printk("%s\n", line);
}

static void dump_vcpu_state(struct vcpu *v)
{
    s_time_t t[NR_RUNSTATES];
    unsigned long f = READ_ONCE(v->pause_flags);

    vcpu_runstate_get(v, t);
    printk("    vCPU%u: CPU%u %s, pause_flags %s%s%s, pause_count %d\n", v->vcpu_id,
           v->processor, runstate_names[v->runstate], f ? "" : "none",
           (f & VPF_blocked) ? "blocked" : "",
           (f & VPF_down) ? ((f & VPF_blocked) ? ",down" : "down") : "",
           READ_ONCE(v->pause_count));
    printk("        time (ms): running %llu, runnable %llu, blocked %llu, offline %llu\n",
           ms(t[RUNSTATE_running]), ms(t[RUNSTATE_runnable]),
           ms(t[RUNSTATE_blocked]), ms(t[RUNSTATE_offline]));
    dump_top_exits(v);
}

static void dump_domain(struct domain *d)
{
    struct vcpu *v;

    printk("Domain %u (%s)%s: tot_pages %lu, max_pages %lu, pause_count %d, "
           "shutdown %s%s\n", d->domain_id, d->name, d->is_privileged ? " privileged" : "",
           READ_ONCE(d->tot_pages), d->max_pages, READ_ONCE(d->pause_count),
           d->is_shutting_down ? shutdown_reason_name(d->shutdown_code) : "none",
           d->is_dying ? ", dying" : "");
    for_each_vcpu(d, v)
        dump_vcpu_state(v);
    /* As Xen: ask each vCPU to dump its own state (VIRQ_DEBUG, if bound). */
    for_each_vcpu(d, v) {
        uint32_t port = READ_ONCE(d->evtchn.virq_to_port[v->vcpu_id][VIRQ_DEBUG]);

        if (port) {
            printk("    notifying d%uv%u (virq %u, port %u)\n", d->domain_id, v->vcpu_id,
                   VIRQ_DEBUG, port);
            send_guest_vcpu_virq(v, VIRQ_DEBUG);
        }
    }
}

static void dump_domains(unsigned char key)
{
    unsigned long flags;

    (void)key;
    printk("'q' pressed -> dumping domain info (now %llu ms)\n", ms(NOW()));
    spin_lock_irqsave(&domlist_lock, flags);
    if (!domain_list)
        printk("No domains\n");
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        dump_domain(d);
    spin_unlock_irqrestore(&domlist_lock, flags);
}
DEFINE_KEYHANDLER('q', dump_domains, "dump domain (and guest debug) info");

/*
 * A running vCPU's registers live on its pCPU (in the VMCB and that CPU's
 * registers until the next exit): pause it first, and skip it if it does
 * not stop in time.
 */
static void dump_vcpu_regs(struct vcpu *v)
{
    printk("d%uv%u: CPU%u, %s\n", v->domain->domain_id, v->vcpu_id, v->processor,
           runstate_names[v->runstate]);
    vcpu_pause_nosync(v);
    if (vcpu_wait_descheduled(v, DUMP_PAUSE_TIMEOUT)) {
        hvm_ops->dump_vcpu(v);
        vlapic_dump(v);
    } else
        printk("    still running on CPU%u: registers not safe to read, skipped\n",
               v->processor);
    vcpu_unpause(v);
}

static void dump_registers(unsigned char key)
{
    unsigned long flags;
    struct vcpu *v;

    (void)key;
    printk("'d' pressed -> dumping vCPU registers\n");
    if (!hvm_ops || !hvm_ops->dump_vcpu) {
        printk("No hardware virtualization: no vCPU state\n");
        return;
    }
    spin_lock_irqsave(&domlist_lock, flags);
    if (!domain_list)
        printk("No domains\n");
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        for_each_vcpu(d, v)
            dump_vcpu_regs(v);
    spin_unlock_irqrestore(&domlist_lock, flags);
}
DEFINE_KEYHANDLER('d', dump_registers, "dump vCPU registers");
