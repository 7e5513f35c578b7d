/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The generic scheduler, pCPU side: the run loop, load balancing (before
 * each pick a pCPU asks the policy whether another pCPU has a queued vCPU
 * that should rather run here -- any for an idle pCPU -- and migrates it), kicking idle pCPUs, the slice and
 * accounting timers, and the sched= / time slice options.
 *
 * Lock order: two run queue locks are only ever taken lower CPU first
 * (lock_two); run queue locks come before timer queue locks.
 */
#include <xen/idle.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/sched-if.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/string.h>
#include <xen/time.h>
#include <asm/hvm.h>
#include <asm/processor.h>

static char opt_sched[16] = "credit";
string_param("sched", opt_sched);
static unsigned int opt_sched_timeslice = 10;       /* ms */
integer_param("sched_timeslice", opt_sched_timeslice);
static unsigned int opt_credit_tslice_ms;           /* Xen's name; 0: not given */
integer_param("sched_credit_tslice_ms", opt_credit_tslice_ms);

#define PERIOD_SLICES 3             /* accounting period = 3 slices (30 ms by default) */

static const struct sched_policy *const policies[] = {
    &sched_credit_policy, &sched_rr_policy,
};
const struct sched_policy *sched_policy = &sched_credit_policy;
struct sched_rq sched_runqs[NR_CPUS];

/* ---- resident lists and the accounting tick ------------------------------ */

static struct timer tick_timer;     /* on the boot CPU, every period once armed */
static s_time_t next_tick, last_tick; /* (tick_fn only, after arming) */
static bool tick_armed;             /* atomic */

/* Lock every online run queue, lowest CPU first; returns how many. */
static unsigned int lock_all(struct sched_rq *rqs[])
{
    unsigned int n = 0, cpu;

    for_each_online_cpu(cpu) {
        rqs[n] = &sched_runqs[cpu];
        spin_lock(&rqs[n++]->lock);
    }
    return n;
}

/* Which pCPUs should pick again after a refill: idle with work, or a better vCPU queued. */
static void repick_mask(struct sched_rq *const rqs[], unsigned int n, cpumask_t *kick)
{
    cpumask_clear(kick);
    for (unsigned int i = 0; i < n; i++) {
        const struct sched_rq *rq = rqs[i];
        int best = sched_policy->best_prio(rq);

        if (best != SCHED_PRI_NONE && (!rq->curr || best > rq->curr->sched.prio))
            cpumask_set_cpu(rq->cpu, kick);
    }
}

static void tick_fn(void *data)
{
    struct sched_rq *rqs[NR_CPUS];
    unsigned long flags = local_irq_save();
    unsigned int n = lock_all(rqs), cpu;
    s_time_t now = NOW();
    cpumask_t kick;

    (void)data;
    sched_policy->tick(rqs, n, now, now - last_tick);
    last_tick = now;
    repick_mask(rqs, n, &kick);
    while (n--)
        spin_unlock(&rqs[n]->lock);
    local_irq_restore(flags);
    for_each_cpu(cpu, &kick)
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
    next_tick += sched_runqs[0].period;     /* a fixed grid: no drift */
    if (next_tick <= now)
        next_tick = now + sched_runqs[0].period;
    set_timer(&tick_timer, next_tick);
}

/* The first vCPU is placed: start accounting (it then runs for good). */
static void arm_tick(void)
{
    if (!sched_policy->tick || __atomic_exchange_n(&tick_armed, true, __ATOMIC_SEQ_CST))
        return;
    last_tick = NOW();
    next_tick = last_tick + sched_runqs[0].period;
    set_timer(&tick_timer, next_tick);
}

void sched_res_link(struct sched_rq *rq, struct vcpu *v)
{
    v->sched.res_prev = NULL;
    v->sched.res_next = rq->res_head;
    if (rq->res_head)
        rq->res_head->sched.res_prev = v;
    rq->res_head = v;
    rq->nr_resident++;
    arm_tick();
}

void sched_res_unlink(struct sched_rq *rq, struct vcpu *v)
{
    BUG_ON(!rq->nr_resident);
    if (v->sched.res_prev)
        v->sched.res_prev->sched.res_next = v->sched.res_next;
    else
        rq->res_head = v->sched.res_next;
    if (v->sched.res_next)
        v->sched.res_next->sched.res_prev = v->sched.res_prev;
    v->sched.res_next = v->sched.res_prev = NULL;
    rq->nr_resident--;
}

/* ---- load balancing ------------------------------------------------------- */

static void lock_two(struct sched_rq *a, struct sched_rq *b, unsigned long *flags)
{
    struct sched_rq *lo = a->cpu < b->cpu ? a : b, *hi = lo == a ? b : a;

    spin_lock_irqsave(&lo->lock, *flags);
    spin_lock(&hi->lock);
}

static void unlock_two(struct sched_rq *a, struct sched_rq *b, unsigned long flags)
{
    struct sched_rq *lo = a->cpu < b->cpu ? a : b, *hi = lo == a ? b : a;

    spin_unlock(&hi->lock);
    spin_unlock_irqrestore(&lo->lock, flags);
}

/* Move queued @v from @from to @to (both locked): the only place v->processor changes. */
static void migrate_locked(struct sched_rq *from, struct sched_rq *to, struct vcpu *v)
{
    sched_policy->remove(from, v);
    if (from->last == v)
        from->last = NULL;
    sched_res_unlink(from, v);
    WRITE_ONCE(v->processor, to->cpu);
    sched_res_link(to, v);
    v->sched.woke = v->sched.prio == SCHED_PRI_BOOST;   /* keeps a boost */
    sched_policy->insert(to, v);
}

static bool rq_pickable(const struct sched_rq *rq)
{
    return READ_ONCE(rq->nr_queued) > READ_ONCE(rq->nr_parked);
}

/*
 * Does @other (locked) need help?  Not when it is between vCPUs (idle, or
 * about to pick) with a single vCPU to run: it runs that one itself, on
 * the pCPU whose caches and FPU registers still hold it.  (Stealing it
 * there would turn every event-channel ping-pong into two migrations.)
 */
static bool needs_help(const struct sched_rq *other)
{
    return other->curr || other->nr_queued - other->nr_parked > 1;
}

/* Try to steal one vCPU from @other better than what @rq has; true if done. */
static bool steal_from(struct sched_rq *rq, struct sched_rq *other)
{
    unsigned long flags;
    struct vcpu *v = NULL;

    lock_two(rq, other, &flags);
    if (needs_help(other))
        v = sched_policy->steal(other, rq->cpu, rq);
    if (v)
        migrate_locked(other, rq, v);
    unlock_two(rq, other, flags);
    return v != NULL;
}

/* Before picking: is there better work queued on another pCPU?  Take one vCPU. */
static void sched_balance(struct sched_rq *rq)
{
    unsigned int n = nr_cpu_ids < NR_CPUS ? nr_cpu_ids : NR_CPUS;

    for (unsigned int i = 1; i < n; i++) {
        unsigned int cpu = (rq->cpu + i) % n;

        if (!cpu_online(cpu) || !rq_pickable(&sched_runqs[cpu]))
            continue;
        if (steal_from(rq, &sched_runqs[cpu]))
            return;
    }
}

void sched_tickle_idle(struct sched_rq *rq)
{
    unsigned int cpu;

    for_each_online_cpu(cpu) {
        if (cpu == rq->cpu || READ_ONCE(sched_runqs[cpu].curr))
            continue;
        if (sched_policy->steal(rq, cpu, NULL)) {
            cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
            return;
        }
    }
}

/* ---- the run loop ------------------------------------------------------------ */

static struct vcpu *sched_pick(struct sched_rq *rq)
{
    unsigned long flags;
    bool new_slice;
    struct vcpu *v;

    spin_lock_irqsave(&rq->lock, flags);
    v = sched_policy->pick(rq, NOW(), &new_slice);
    if (!v)
        rq->switch_at = 0;                  /* going idle */
    if (v) {
        /* before is_running: vcpu_on_pcpu() covers all of is_running */
        __atomic_add_fetch(&v->sched_refs, 1, __ATOMIC_SEQ_CST);
        v->is_running = true;
        rq->curr = v;
        this_cpu()->curr_vcpu = v;
        sched_update_runstate(v, NOW());
        if (new_slice)
            set_timer(&rq->slice_timer, rq->slice_end);
        if (rq->nr_queued > rq->nr_parked)
            sched_tickle_idle(rq);          /* more work than this pCPU can do now */
    }
    spin_unlock_irqrestore(&rq->lock, flags);
    if (v)
        runstate_area_publish(v);
    return v;
}

static void sched_deschedule(struct sched_rq *rq, struct vcpu *v)
{
    unsigned long flags;
    s_time_t now;

    spin_lock_irqsave(&rq->lock, flags);
    now = NOW();
    this_cpu()->curr_vcpu = NULL;
    rq->curr = NULL;
    rq->switch_at = now;
    v->is_running = false;
    if (sched_policy->burn)
        sched_policy->burn(rq, v, now);
    if (vcpu_runnable(v))
        sched_policy->put_prev(rq, v, now);
    sched_update_runstate(v, now);
    spin_unlock_irqrestore(&rq->lock, flags);
    runstate_area_publish(v);
}

/* Idle check (interrupts off): anything this pCPU could run? */
static bool rq_has_work(unsigned int cpu)
{
    return rq_pickable(&sched_runqs[cpu]);
}

/* A vCPU's state is live on one pCPU at a time: two would tear its VMCB. */
static void claim_vcpu(struct vcpu *v, unsigned int cpu)
{
    unsigned int was = 0;

    if (!__atomic_compare_exchange_n(&v->in_loop_on, &was, cpu + 1, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        panic("d%u v%u picked on CPU%u while CPU%u runs it", v->domain->domain_id,
              v->vcpu_id, cpu, was - 1);
}

static void release_vcpu(struct vcpu *v, unsigned int cpu)
{
    unsigned int was = __atomic_exchange_n(&v->in_loop_on, 0, __ATOMIC_ACQ_REL);

    if (was != cpu + 1)
        panic("d%u v%u left CPU%u but was marked on %d", v->domain->domain_id, v->vcpu_id,
              cpu, (int)was - 1);
}

void schedule_loop(void)
{
    struct sched_rq *rq = &sched_runqs[smp_processor_id()];

    local_irq_enable();                 /* run_once() and softirqs expect it */
    for (;;) {
        struct vcpu *v;

        do_softirq();
        sched_balance(rq);
        v = sched_pick(rq);
        if (!v) {
            idle_halt(rq_has_work);
            continue;
        }
        update_vcpu_system_time(v);     /* scheduled in (maybe on a new pCPU): refresh its pvclock */
        claim_vcpu(v, rq->cpu);
        while (!vcpu_should_yield(v))
            hvm_ops->run_once(v);
        release_vcpu(v, rq->cpu);
        sched_deschedule(rq, v);
        /* Only now may its domain be destroyed (any_vcpu_running()): the
         * deschedule still charged it and published its runstate. */
        __atomic_sub_fetch(&v->sched_refs, 1, __ATOMIC_SEQ_CST);
    }
}

/* ---- set-up ------------------------------------------------------------- */

/* The slice is over: make the running vCPU come back to the loop. */
static void slice_timer_fn(void *data)
{
    (void)data;
    raise_softirq(SCHEDULE_SOFTIRQ);
}

/* Nothing to do: the loop re-picks after every softirq round. */
static void schedule_softirq(void)
{
}

static const struct sched_policy *choose_policy(void)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(policies); i++)
        if (!strcmp(opt_sched, policies[i]->opt_name))
            return policies[i];
    printk(XENLOG_WARNING "sched=%s: unknown scheduler (credit, rr), using credit\n",
           opt_sched);
    return &sched_credit_policy;
}

static unsigned int timeslice_ms(void)
{
    bool xen_name = opt_credit_tslice_ms != 0;
    unsigned int ms = xen_name ? opt_credit_tslice_ms : opt_sched_timeslice;

    if (ms < 1 || ms > 1000) {
        printk(XENLOG_WARNING "%s=%u out of range (1-1000 ms), using 10\n",
               xen_name ? "sched_credit_tslice_ms" : "sched_timeslice", ms);
        ms = 10;
    }
    return ms;
}

void sched_init(void)
{
    unsigned int ms = timeslice_ms();

    sched_policy = choose_policy();
    for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
        struct sched_rq *rq = &sched_runqs[cpu];

        spin_lock_init(&rq->lock);
        rq->cpu = cpu;
        rq->timeslice = MILLISECS(ms);
        rq->period = PERIOD_SLICES * rq->timeslice;
        init_timer(&rq->slice_timer, slice_timer_fn, NULL, cpu);
    }
    init_timer(&tick_timer, tick_fn, NULL, smp_processor_id());
    open_softirq(SCHEDULE_SOFTIRQ, schedule_softirq);
    if (sched_policy->tick)
        printk("Scheduler: %s, time slice %u ms, accounting period %u ms\n",
               sched_policy->name, ms, PERIOD_SLICES * ms);
    else
        printk("Scheduler: %s, time slice %u ms\n", sched_policy->name, ms);
}

static int sched_initcall(void)
{
    sched_init();
    return 0;
}
presmp_initcall(sched_initcall);
