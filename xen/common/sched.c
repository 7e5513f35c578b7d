/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The generic scheduler, vCPU side: locking a vCPU's run queue, wake/block,
 * pausing, yield, runstates, placement.  The pCPU side (run loop, load
 * balancing, timers, set-up) is sched_run.c; which queued vCPU runs next
 * is the policy's business (xen/sched-if.h).
 *
 * Invariant (run queue lock of v->processor): a vCPU is running, or queued
 * exactly when it is runnable, or neither.  Whoever changes what
 * vcpu_runnable() depends on calls sched_sync() afterwards, which re-reads
 * the flags under the lock, so the last caller always leaves it right.
 *
 * Migration: vCPUs move between pCPUs only while queued (sched_run.c's
 * steal), with both run queue locks held while v->processor changes.  So
 * vcpu_schedule_lock() reads v->processor, locks that queue and checks
 * v->processor again; a wake-up racing a move either sees the vCPU still
 * on its old queue (and the move waits for the lock) or on the new one.
 * After each change, with the lock dropped, runstate_area_publish() copies
 * the vCPU's runstate to the guest area it registered (if any).
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/sched-if.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/processor.h>

struct sched_rq *vcpu_schedule_lock(const struct vcpu *v, unsigned long *flags)
{
    for (;;) {
        unsigned int cpu = READ_ONCE(v->processor);
        struct sched_rq *rq = &sched_runqs[cpu];

        spin_lock_irqsave(&rq->lock, *flags);
        if (cpu == READ_ONCE(v->processor))
            return rq;
        spin_unlock_irqrestore(&rq->lock, *flags);
    }
}

void vcpu_schedule_unlock(struct sched_rq *rq, unsigned long flags)
{
    spin_unlock_irqrestore(&rq->lock, flags);
}

struct vcpu *current_vcpu(void)
{
    return this_cpu()->curr_vcpu;
}

bool vcpu_runnable(const struct vcpu *v)
{
    return !READ_ONCE(v->pause_flags) && !READ_ONCE(v->pause_count) &&
           !READ_ONCE(v->domain->pause_count);
}

bool vcpu_should_yield(const struct vcpu *v)
{
    return !vcpu_runnable(v) || softirq_pending(smp_processor_id());
}

/* The runstate @v's flags call for (Xen's rules: paused counts as offline). */
static int runstate_of(const struct vcpu *v)
{
    if (v->is_running)
        return RUNSTATE_running;
    if (READ_ONCE(v->pause_flags) & VPF_blocked)
        return RUNSTATE_blocked;
    return vcpu_runnable(v) ? RUNSTATE_runnable : RUNSTATE_offline;
}

void sched_update_runstate(struct vcpu *v, s_time_t now)
{
    int state = runstate_of(v);

    if (state != v->runstate)
        vcpu_runstate_change(v, state, now);
}

/* Queue or unqueue @v as its flags say; true if it was queued now. */
static bool sched_sync_locked(struct sched_rq *rq, struct vcpu *v)
{
    bool runnable = vcpu_runnable(v), queued = false;

    if (!v->is_running) {
        if (runnable && !v->on_runq) {
            v->sched.woke = v->runstate == RUNSTATE_blocked;
            sched_policy->insert(rq, v);
            queued = true;
        } else if (!runnable && v->on_runq) {
            sched_policy->remove(rq, v);
        }
    }
    sched_update_runstate(v, NOW());
    return queued;
}

/*
 * Bring @v in line with its flags.  If it was queued now: kick its pCPU
 * when that idles or should run @v instead of its current vCPU; otherwise
 * an idle pCPU that may steal it.
 */
static void sched_sync(struct vcpu *v)
{
    unsigned long flags;
    struct sched_rq *rq = vcpu_schedule_lock(v, &flags);
    int kick = -1;

    if (sched_sync_locked(rq, v)) {
        if (!rq->curr || (sched_policy->preempt && sched_policy->preempt(rq, v)))
            kick = rq->cpu;
        else
            sched_tickle_idle(rq);
    }
    vcpu_schedule_unlock(rq, flags);
    runstate_area_publish(v);
    if (kick >= 0)
        cpu_raise_softirq(kick, SCHEDULE_SOFTIRQ);
}

/* Make a running @v leave the guest soon (IPI -> exit -> yield check). */
static void kick_if_running(struct vcpu *v)
{
    unsigned int cpu = READ_ONCE(v->processor);

    /* (A running vCPU does not move; a stale kick is harmless.) */
    if (READ_ONCE(v->is_running))
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
}

void vcpu_wake(struct vcpu *v)
{
    __atomic_fetch_and(&v->pause_flags, ~(unsigned long)VPF_blocked, __ATOMIC_SEQ_CST);
    sched_sync(v);
}

void vcpu_block(struct vcpu *v)
{
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_SEQ_CST);
    sched_sync(v);
}

void vcpu_yield(struct vcpu *v)
{
    unsigned long flags;
    struct sched_rq *rq = vcpu_schedule_lock(v, &flags);

    if (v->is_running && sched_policy->yield)
        sched_policy->yield(rq, v);
    vcpu_schedule_unlock(rq, flags);
    if (v == current_vcpu())
        raise_softirq(SCHEDULE_SOFTIRQ);    /* back to the loop: pick again */
}

void vcpu_up(struct vcpu *v)
{
    __atomic_fetch_and(&v->pause_flags, ~(unsigned long)VPF_down, __ATOMIC_SEQ_CST);
    sched_sync(v);
}

void vcpu_down(struct vcpu *v)
{
    __atomic_fetch_or(&v->pause_flags, VPF_down, __ATOMIC_SEQ_CST);
    sched_sync(v);
    kick_if_running(v);
}

bool vcpu_wait_descheduled(struct vcpu *v, s_time_t timeout)
{
    s_time_t deadline = timeout == STIME_MAX ? STIME_MAX : NOW() + timeout;

    if (v == current_vcpu())
        return false;
    while (vcpu_on_pcpu(v)) {
        if (NOW() >= deadline)
            return false;
        cpu_relax();
    }
    return true;
}

void vcpu_pause_nosync(struct vcpu *v)
{
    __atomic_fetch_add(&v->pause_count, 1, __ATOMIC_SEQ_CST);
    sched_sync(v);      /* after this, a pick that missed the count has set is_running */
    kick_if_running(v);
}

void vcpu_pause(struct vcpu *v)
{
    vcpu_pause_nosync(v);
    vcpu_wait_descheduled(v, STIME_MAX);
}

void vcpu_unpause(struct vcpu *v)
{
    int old = __atomic_fetch_sub(&v->pause_count, 1, __ATOMIC_SEQ_CST);

    BUG_ON(old <= 0);
    sched_sync(v);
}

void domain_pause_nosync(struct domain *d)
{
    struct vcpu *v;

    __atomic_fetch_add(&d->pause_count, 1, __ATOMIC_SEQ_CST);
    for_each_vcpu(d, v) {
        sched_sync(v);
        kick_if_running(v);
    }
}

void domain_pause(struct domain *d)
{
    struct vcpu *v;

    domain_pause_nosync(d);
    for_each_vcpu(d, v)
        vcpu_wait_descheduled(v, STIME_MAX);
}

void domain_unpause(struct domain *d)
{
    int old = __atomic_fetch_sub(&d->pause_count, 1, __ATOMIC_SEQ_CST);
    struct vcpu *v;

    BUG_ON(old <= 0);
    for_each_vcpu(d, v)
        sched_sync(v);
}

int vcpu_runstate_snapshot(struct vcpu *v, s_time_t *entry, s_time_t times[NR_RUNSTATES])
{
    unsigned long flags;
    struct sched_rq *rq = vcpu_schedule_lock(v, &flags);
    s_time_t now = NOW();
    int state;

    for (unsigned int i = 0; i < NR_RUNSTATES; i++)
        times[i] = v->runstate_time[i];
    if (now > v->runstate_entry_time)
        times[v->runstate] += now - v->runstate_entry_time;
    state = v->runstate;
    *entry = v->runstate_entry_time;
    vcpu_schedule_unlock(rq, flags);
    return state;
}

void vcpu_runstate_get(struct vcpu *v, s_time_t times[NR_RUNSTATES])
{
    s_time_t entry;

    vcpu_runstate_snapshot(v, &entry, times);
}

/* ---- placement --------------------------------------------------------- */

void sched_domain_config(struct domain *d, unsigned int weight, unsigned int cap,
                         uint64_t cpus)
{
    d->sched.weight = weight;
    d->sched.cap = cap;
    cpumask_clear(&d->sched.affinity);
    for (unsigned int cpu = 0; cpu < 64 && cpu < NR_CPUS; cpu++)
        if (cpus & (1ull << cpu))
            cpumask_set_cpu(cpu, &d->sched.affinity);
}

/* @v's hard affinity: its domain's, limited to online pCPUs (all if that is empty). */
static void init_affinity(struct vcpu *v)
{
    cpumask_t *a = &v->sched.affinity;

    cpumask_and(a, &v->domain->sched.affinity, &cpu_online_map);
    if (cpumask_empty(a)) {
        if (!cpumask_empty(&v->domain->sched.affinity))
            printk(XENLOG_WARNING "d%uv%u: no online pCPU in its affinity, using all\n",
                   v->domain->domain_id, v->vcpu_id);
        cpumask_copy(a, &cpu_online_map);
    }
}

/*
 * Default placement, round-robin over the pCPUs of its affinity by domain
 * and vCPU: vCPU k of domain d goes to the ((d + k) mod n)th of them.
 * Single-vCPU domains spread over the CPUs, and so do the vCPUs of one
 * domain, whatever order they are created in.
 */
static unsigned int default_cpu(const struct vcpu *v)
{
    unsigned int n = cpumask_weight(&v->sched.affinity), cpu;
    unsigned int nth = n ? (v->domain->domain_id + v->vcpu_id) % n : 0;

    for_each_cpu(cpu, &v->sched.affinity)
        if (nth-- == 0)
            return cpu;
    return smp_processor_id();
}

void sched_insert_vcpu(struct vcpu *v, unsigned int cpu)
{
    unsigned long flags;
    struct sched_rq *rq;

    init_affinity(v);
    if (cpu >= NR_CPUS || !cpumask_test_cpu(cpu, &v->sched.affinity))
        cpu = default_cpu(v);
    v->processor = cpu;
    v->runstate = RUNSTATE_offline;
    v->runstate_entry_time = NOW();
    rq = vcpu_schedule_lock(v, &flags);
    if (sched_policy->vcpu_init)
        sched_policy->vcpu_init(rq, v);
    sched_res_link(rq, v);
    vcpu_schedule_unlock(rq, flags);
}

void sched_remove_vcpu(struct vcpu *v)
{
    unsigned long flags;
    struct sched_rq *rq = vcpu_schedule_lock(v, &flags);

    BUG_ON(v->is_running);
    if (v->on_runq)
        sched_policy->remove(rq, v);
    if (rq->last == v)
        rq->last = NULL;
    sched_res_unlink(rq, v);
    vcpu_schedule_unlock(rq, flags);
}
