/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The generic scheduler: per-pCPU run queues, the run loop, wake/block,
 * pausing, runstates and the time slice.  Which queued vCPU runs next is
 * the policy's business (xen/sched-if.h; round-robin for now).
 *
 * Invariant (run queue lock of v->processor): a vCPU is running, or queued
 * exactly when it is runnable, or neither.  Whoever changes what
 * vcpu_runnable() depends on calls sched_sync() afterwards, which re-reads
 * the flags under the lock, so the last caller always leaves it right.
 * vCPUs stay on the pCPU they were placed on at creation.
 * After each change, with the lock dropped, runstate_area_publish() copies
 * the vCPU's runstate to the guest area it registered (if any).
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
#include <xen/time.h>
#include <asm/hvm.h>
#include <asm/processor.h>

static unsigned int opt_sched_timeslice = 10;       /* ms */
integer_param("sched_timeslice", opt_sched_timeslice);

static const struct sched_policy *policy = &sched_rr_policy;
static struct sched_rq runqs[NR_CPUS];

static struct sched_rq *vcpu_rq(const struct vcpu *v)
{
    return &runqs[v->processor];
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

static void update_runstate(struct vcpu *v, s_time_t now)
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
            policy->insert(rq, v);
            queued = true;
        } else if (!runnable && v->on_runq) {
            policy->remove(rq, v);
        }
    }
    update_runstate(v, NOW());
    return queued;
}

/*
 * Bring @v in line with its flags; kick its pCPU if it was queued there
 * while that pCPU idles (a busy one finds it at its next pick).
 */
static void sched_sync(struct vcpu *v)
{
    struct sched_rq *rq = vcpu_rq(v);
    unsigned long flags;
    bool kick;

    spin_lock_irqsave(&rq->lock, flags);
    kick = sched_sync_locked(rq, v) && !rq->curr;
    spin_unlock_irqrestore(&rq->lock, flags);
    runstate_area_publish(v);
    if (kick)
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
}

/* Make a running @v leave the guest soon (IPI -> exit -> yield check). */
static void kick_if_running(struct vcpu *v)
{
    if (READ_ONCE(v->is_running))
        cpu_raise_softirq(v->processor, SCHEDULE_SOFTIRQ);
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
    while (READ_ONCE(v->is_running)) {
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
    struct sched_rq *rq = vcpu_rq(v);
    unsigned long flags;
    s_time_t now;
    int state;

    spin_lock_irqsave(&rq->lock, flags);
    now = NOW();
    for (unsigned int i = 0; i < NR_RUNSTATES; i++)
        times[i] = v->runstate_time[i];
    if (now > v->runstate_entry_time)
        times[v->runstate] += now - v->runstate_entry_time;
    state = v->runstate;
    *entry = v->runstate_entry_time;
    spin_unlock_irqrestore(&rq->lock, flags);
    return state;
}

void vcpu_runstate_get(struct vcpu *v, s_time_t times[NR_RUNSTATES])
{
    s_time_t entry;

    vcpu_runstate_snapshot(v, &entry, times);
}

/* ---- placement --------------------------------------------------------- */

/*
 * Default placement, round-robin over the online CPUs by domain and vCPU:
 * vCPU k of domain d goes to online CPU (d + k) mod n.  Single-vCPU domains
 * spread over the CPUs, and so do the vCPUs of one domain, whatever order
 * they are created in.
 */
static unsigned int default_cpu(const struct vcpu *v)
{
    unsigned int n = num_online_cpus(), cpu;
    unsigned int nth = n ? (v->domain->domain_id + v->vcpu_id) % n : 0;

    for_each_online_cpu(cpu)
        if (nth-- == 0)
            return cpu;
    return smp_processor_id();
}

void sched_insert_vcpu(struct vcpu *v, unsigned int cpu)
{
    if (cpu >= NR_CPUS || !cpu_online(cpu))
        cpu = default_cpu(v);
    v->processor = cpu;
    v->runstate = RUNSTATE_offline;
    v->runstate_entry_time = NOW();
}

void sched_remove_vcpu(struct vcpu *v)
{
    struct sched_rq *rq = vcpu_rq(v);
    unsigned long flags;

    spin_lock_irqsave(&rq->lock, flags);
    BUG_ON(v->is_running);
    if (v->on_runq)
        policy->remove(rq, v);
    if (rq->last == v)
        rq->last = NULL;
    spin_unlock_irqrestore(&rq->lock, flags);
}

/* ---- the run loop -------------------------------------------------------- */

static struct vcpu *sched_pick(struct sched_rq *rq)
{
    unsigned long flags;
    bool new_slice;
    struct vcpu *v;

    spin_lock_irqsave(&rq->lock, flags);
    v = policy->pick(rq, NOW(), &new_slice);
    if (v) {
        v->is_running = true;
        rq->curr = v;
        this_cpu()->curr_vcpu = v;
        update_runstate(v, NOW());
        if (new_slice)
            set_timer(&rq->slice_timer, rq->slice_end);
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
    v->is_running = false;
    if (vcpu_runnable(v))
        policy->put_prev(rq, v, now);
    update_runstate(v, now);
    spin_unlock_irqrestore(&rq->lock, flags);
    runstate_area_publish(v);
}

/* Idle check (interrupts off): anything queued here? */
static bool rq_has_work(unsigned int cpu)
{
    return READ_ONCE(runqs[cpu].head) != NULL;
}

void schedule_loop(void)
{
    struct sched_rq *rq = &runqs[smp_processor_id()];

    local_irq_enable();                 /* run_once() and softirqs expect it */
    for (;;) {
        struct vcpu *v;

        do_softirq();
        v = sched_pick(rq);
        if (!v) {
            idle_halt(rq_has_work);
            continue;
        }
        update_vcpu_system_time(v);     /* scheduled in: refresh its pvclock */
        while (!vcpu_should_yield(v))
            hvm_ops->run_once(v);
        sched_deschedule(rq, v);
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

void sched_init(void)
{
    unsigned int ms = opt_sched_timeslice;

    if (ms < 1 || ms > 1000) {
        printk(XENLOG_WARNING "sched_timeslice=%u out of range (1-1000 ms), using 10\n", ms);
        ms = 10;
    }
    for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
        struct sched_rq *rq = &runqs[cpu];

        spin_lock_init(&rq->lock);
        rq->timeslice = MILLISECS(ms);
        init_timer(&rq->slice_timer, slice_timer_fn, NULL, cpu);
    }
    open_softirq(SCHEDULE_SOFTIRQ, schedule_softirq);
    printk("Scheduler: %s, time slice %u ms\n", policy->name, ms);
}

static int sched_initcall(void)
{
    sched_init();
    return 0;
}
presmp_initcall(sched_initcall);
