/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * vcpu_op, set_timer_op and sched_op handlers with the mechanisms behind
 * them (vCPU timers, runstate and time areas, watchdogs, VCPUOP_initialise):
 * results and error codes for good and bad arguments, the runstate area's
 * XEN_RUNSTATE_UPDATE write sequence (64-bit and compat layouts, areas
 * crossing a page), and blocking without lost wake-ups.  The scheduler,
 * timers, clock and guest memory are fakes.
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/config.h>
#include <asm/cpuid_policy.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <public/hvm/hvm_vcpu.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/xen.h>

/* ---- guest memory: 4 pages of guest-virtual space, mapped backwards ---- */
#define NPAGES   4
#define GVA_BASE 0x400000ULL
#define GPA_BASE 0x10000ULL
static uint8_t gphys[NPAGES * 4096];
static int ro_page = -1;            /* page index whose writes fault */
static int unmapped_page = -1;

int guest_virt_to_phys(struct vcpu *v, uint64_t va, uint32_t pfec, uint64_t *gpa)
{
    (void)v;
    if (va < GVA_BASE || va >= GVA_BASE + NPAGES * 4096)
        return -EFAULT;
    int page = (int)((va - GVA_BASE) / 4096);
    if (page == unmapped_page || (page == ro_page && (pfec & PFEC_write)))
        return -EFAULT;
    *gpa = GPA_BASE + (uint64_t)(NPAGES - 1 - page) * 4096 + (va & 4095);
    return 0;
}

static uint8_t *phys(uint64_t gpa) { return gphys + (gpa - GPA_BASE); }
static uint8_t *virt(uint64_t va)
{
    uint64_t gpa;
    CHECK(guest_virt_to_phys(NULL, va, 0, &gpa) == 0);
    return phys(gpa);
}

/* Every guest-physical write, for the write-sequence checks. */
struct wr { uint64_t gpa; uint32_t len; uint8_t first; };
static struct wr writes[64];
static unsigned int nwrites;

int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *buf, size_t len)
{
    (void)d;
    if (gpa < GPA_BASE || gpa + len > GPA_BASE + sizeof(gphys))
        return -EFAULT;
    memcpy(phys(gpa), buf, len);
    if (nwrites < 64)
        writes[nwrites++] = (struct wr){ gpa, (uint32_t)len, *(const uint8_t *)buf };
    return 0;
}

static int virt_copy(uint64_t va, void *buf, size_t len, bool write)
{
    uint8_t *p = buf;

    for (size_t i = 0; i < len; i++) {
        uint64_t gpa;
        if (guest_virt_to_phys(NULL, va + i, write ? PFEC_write : 0, &gpa))
            return -EFAULT;
        if (write)
            *phys(gpa) = p[i];
        else
            p[i] = *phys(gpa);
    }
    return 0;
}

int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len)
{
    (void)v;
    return virt_copy(va, buf, len, false);
}

int copy_to_guest_virt(struct vcpu *v, uint64_t va, const void *buf, size_t len)
{
    (void)v;
    return virt_copy(va, (void *)buf, len, true);
}

/* ---- clock and timers ---- */
static s_time_t now_ns = 1000000000;
s_time_t NOW(void) { return now_ns; }

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    *t = (struct timer){ .function = fn, .data = data, .cpu = cpu };
}
int set_timer(struct timer *t, s_time_t expires)
{
    CHECK(t->status != TIMER_STATUS_killed);
    t->expires = expires;
    t->status = TIMER_STATUS_active;
    return 0;
}
void stop_timer(struct timer *t) { if (t->status == TIMER_STATUS_active) t->status = TIMER_STATUS_inactive; }
void kill_timer(struct timer *t) { t->status = TIMER_STATUS_killed; }
void migrate_timer(struct timer *t, unsigned int cpu) { t->cpu = cpu; }
static void fire(struct timer *t)
{
    CHECK(t->status == TIMER_STATUS_active);
    t->status = TIMER_STATUS_inactive;
    t->function(t->data);
}

/* ---- scheduler, domain and hooks ---- */
static int pending_irq = -1;
static bool events_pending;
static unsigned int virqs, unmasks, time_updates, wakes, pauses;
int hvm_pending_interrupt(struct vcpu *v) { (void)v; return pending_irq; }
void vcpu_block(struct vcpu *v) { v->pause_flags |= VPF_blocked; }
void vcpu_wake(struct vcpu *v) { v->pause_flags &= ~(unsigned long)VPF_blocked; wakes++; }
void vcpu_up(struct vcpu *v) { v->pause_flags &= ~(unsigned long)VPF_down; }
void vcpu_down(struct vcpu *v) { v->pause_flags |= VPF_down; }
void vcpu_pause(struct vcpu *v) { v->pause_count++; pauses++; }
void vcpu_unpause(struct vcpu *v) { v->pause_count--; }
bool hvm_log_allowed(struct domain *d) { (void)d; return true; }
void send_timer_virq(struct vcpu *v) { (void)v; virqs++; }
bool vcpu_events_pending(struct vcpu *v) { (void)v; return events_pending; }
void vcpu_unmask_events(struct vcpu *v) { (void)v; unmasks++; }
static int poll_port_rc = -EINVAL;
int evtchn_poll_port(struct domain *d, uint32_t port) { (void)d, (void)port; return poll_port_rc; }
void vcpu_force_time_update(struct vcpu *v) { (void)v; time_updates++; }
static uint64_t vcpu_info_arg;
long vcpu_op_register_vcpu_info(struct vcpu *v, uint64_t arg)
{
    (void)v;
    vcpu_info_arg = arg;
    return 0;
}

static int shutdown_reason = -1, stored_code = -1;
void domain_shutdown(struct domain *d, int reason)
{
    (void)d;
    if (shutdown_reason < 0)
        shutdown_reason = reason;
}
bool domain_set_shutdown_code(struct domain *d, int r)
{
    (void)d;
    if (stored_code >= 0)
        return true;
    stored_code = r;
    return false;
}

static int rs_state = RUNSTATE_running;
static s_time_t rs_entry = 777, rs_times[NR_RUNSTATES] = { 10, 20, 30, 40 };
int vcpu_runstate_snapshot(struct vcpu *v, s_time_t *entry, s_time_t times[NR_RUNSTATES])
{
    (void)v;
    *entry = rs_entry;
    memcpy(times, rs_times, sizeof(rs_times));
    return rs_state;
}
void vcpu_runstate_info_raw(struct vcpu *v, struct vcpu_runstate_info *info)
{
    s_time_t entry, times[NR_RUNSTATES];

    memset(info, 0, sizeof(*info));
    info->state = vcpu_runstate_snapshot(v, &entry, times);
    info->state_entry_time = (uint64_t)entry;
    for (unsigned int i = 0; i < NR_RUNSTATES; i++)
        info->time[i] = (uint64_t)times[i];
}

static struct guest_paging paging;
static struct hvm_vcpu_state loaded;
static unsigned int loads;
static void get_paging(struct vcpu *v, struct guest_paging *pg) { (void)v; *pg = paging; }
static void set_vcpu_state(struct vcpu *v, const struct hvm_vcpu_state *s)
{
    (void)v;
    loaded = *s;
    loads++;
}
static const struct hvm_vendor_ops test_ops = {
    .name = "test", .get_paging = get_paging, .set_vcpu_state = set_vcpu_state };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static struct cpuid_policy pol;
static struct domain dom, dom2;
static struct vcpu v0, v1, *vcpus[2] = { &v0, &v1 };
cpumask_t cpu_online_map;
static int holds;
struct domain *domain_get(domid_t id)
{
    struct domain *d = id == 2 ? &dom2 : id == 0 ? &dom : NULL;
    holds += d != NULL;
    return d;
}
void domain_put(struct domain *d) { (void)d; holds--; }

static void fresh(bool is64)
{
    memset(&dom, 0, sizeof(dom));
    memset(&v0, 0, sizeof(v0));
    memset(&v1, 0, sizeof(v1));
    memset(gphys, 0, sizeof(gphys));
    dom.max_vcpus = 2;
    dom.vcpu = vcpus;
    dom.is_privileged = true;
    memset(&pol, 0, sizeof(pol));
    pol.basic[0].a = 1;
    pol.basic[1].d = 1u << 6;       /* PAE */
    pol.extd[0].a = 0x80000001;
    pol.extd[1].d = 1u << 29;       /* LM */
    dom.arch.cpuid = &pol;
    v0.domain = v1.domain = &dom;
    v1.vcpu_id = 1;
    vcpu_op_init(&v0);
    vcpu_op_init(&v1);
    vcpu_set_initialised(&v0, true);
    v1.pause_flags = VPF_down;
    paging = (struct guest_paging){ .cs_long = is64 };
    domain_watchdog_init(&dom);
    cpumask_clear(&cpu_online_map);
    cpumask_set_cpu(0, &cpu_online_map);
    cpumask_set_cpu(1, &cpu_online_map);
    pending_irq = -1;
    events_pending = false;
    virqs = unmasks = time_updates = wakes = pauses = loads = 0;
    shutdown_reason = stored_code = -1;
    poll_port_rc = -EINVAL;
    ro_page = unmapped_page = -1;
    nwrites = 0;
    now_ns = 1000000000;
}

static long vcpu_op(uint32_t cmd, uint32_t id, uint64_t arg)
{
    struct hypercall_args a = { { cmd, id, arg } };
    return do_vcpu_op(&v0, &a);
}

static long sched_op(uint32_t cmd, uint64_t arg)
{
    struct hypercall_args a = { { cmd, arg } };
    return do_sched_op(&v0, &a);
}

#define VA(off) (GVA_BASE + (off))

static uint64_t rd64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

TEST(bad_ids_and_subops)
{
    fresh(true);
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 2, 0), -ENOENT);
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 0xffffffff, 0), -ENOENT);
    vcpus[1] = NULL;
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 1, 0), -ENOENT);
    vcpus[1] = &v1;
    CHECK_EQ(vcpu_op(VCPUOP_send_nmi, 0, 0), -ENOSYS);
    CHECK_EQ(vcpu_op(VCPUOP_send_nmi, 0, 8), -EINVAL);
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_phys_area, 0, VA(0)), -ENOSYS);
    CHECK_EQ(vcpu_op(99, 0, 0), -ENOSYS);
    CHECK_EQ(vcpu_op(0x80000000u, 0, 0), -ENOSYS);
    CHECK_EQ(vcpu_op(VCPUOP_get_physid, 0, VA(0)), -EINVAL);
    /* A bad id wins over a bad sub-op, as in Xen. */
    CHECK_EQ(vcpu_op(99, 5, 0), -ENOENT);
}

static struct vcpu_hvm_context good_ctx(void)
{
    struct vcpu_hvm_context c = { .mode = VCPU_HVM_MODE_64B };
    c.cpu_regs.x86_64 = (struct vcpu_hvm_x86_64){
        .rip = 0x1000, .rsp = 0x8000, .rdi = 42, .cr0 = 0x80000001, .cr3 = 0x2000,
        .cr4 = 0x20, .efer = 0x100 };
    return c;
}

TEST(initialise_up_down)
{
    struct vcpu_hvm_context c = good_ctx();

    fresh(true);
    memcpy(virt(VA(0)), &c, sizeof(c));
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 1, 0), 0);
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 0, 0), 1);
    CHECK_EQ(vcpu_op(VCPUOP_up, 1, 0), -EINVAL);                /* never initialised */
    CHECK_EQ(vcpu_op(VCPUOP_initialise, 0, VA(0)), -EEXIST);    /* vCPU 0 is */
    CHECK_EQ(vcpu_op(VCPUOP_initialise, 1, 0), -EFAULT);
    CHECK_EQ(vcpu_op(VCPUOP_initialise, 1, VA(NPAGES * 4096 - 64)), -EFAULT);
    c.cpu_regs.x86_64.cr0 = 1;                                   /* no paging in 64B */
    memcpy(virt(VA(4096)), &c, sizeof(c));
    CHECK_EQ(vcpu_op(VCPUOP_initialise, 1, VA(4096)), -EINVAL);
    CHECK(strstr(unit_log, "VCPUOP_initialise: CR0.PG not set") != NULL);
    CHECK(!vcpu_is_initialised(&v1));
    CHECK_EQ(loads, 0);
    CHECK_EQ(vcpu_op(VCPUOP_initialise, 1, VA(0)), 0);
    CHECK_EQ(loads, 1);
    CHECK_EQ(pauses, 1);
    CHECK_EQ(v1.pause_count, 0);
    CHECK_EQ(loaded.regs.rip, 0x1000);
    CHECK_EQ(loaded.regs.rdi, 42);
    CHECK_EQ(loaded.efer, 0x500);                                /* LMA added */
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 1, 0), 0);                   /* still down */
    CHECK_EQ(vcpu_op(VCPUOP_initialise, 1, VA(0)), -EEXIST);
    CHECK_EQ(vcpu_op(VCPUOP_up, 1, 0), 0);
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 1, 0), 1);
    CHECK_EQ(vcpu_op(VCPUOP_up, 1, 0), 0);                      /* again: fine */
    /* Down: vCPU 1 goes; then vCPU 0, the last one, powers the domain off. */
    CHECK_EQ(vcpu_op(VCPUOP_down, 1, 0), 0);
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 1, 0), 0);
    CHECK_EQ(shutdown_reason, -1);
    CHECK_EQ(vcpu_op(VCPUOP_down, 0, 0), 0);
    CHECK_EQ(shutdown_reason, SHUTDOWN_poweroff);
    CHECK_EQ(vcpu_op(VCPUOP_is_up, 0, 0), 1);                   /* Xen leaves it so */
    /* INIT makes it initialisable again. */
    vcpu_set_initialised(&v1, false);
    CHECK_EQ(vcpu_op(VCPUOP_initialise, 1, VA(0)), 0);
}

TEST(runstate_info_and_area)
{
    struct vcpu_runstate_info ri;

    fresh(true);
    CHECK_EQ(vcpu_op(VCPUOP_get_runstate_info, 1, VA(100)), 0);
    memcpy(&ri, virt(VA(100)), sizeof(ri));
    CHECK_EQ(ri.state, RUNSTATE_running);
    CHECK_EQ(ri.state_entry_time, 777);
    CHECK_EQ(ri.time[3], 40);
    CHECK_EQ(vcpu_op(VCPUOP_get_runstate_info, 1, 0), -EFAULT);
    CHECK_EQ(vcpu_op(VCPUOP_get_runstate_info, 1, VA(NPAGES * 4096 - 40)), -EFAULT);
    /* Register an area crossing from page 1 into page 2: written at once. */
    *(uint64_t *)virt(VA(0)) = VA(2 * 4096 - 20);
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_memory_area, 1, VA(0)), 0);
    CHECK_EQ(*(int32_t *)virt(VA(2 * 4096 - 20)), RUNSTATE_running);
    CHECK_EQ(rd64(virt(VA(2 * 4096 - 12))), 777);       /* state_entry_time */
    CHECK_EQ(rd64(virt(VA(2 * 4096 + 20))), 40);        /* time[3] in page 2 */
    /* A transition republishes. */
    rs_state = RUNSTATE_blocked;
    rs_entry = 999;
    runstate_area_publish(&v1);
    CHECK_EQ(*(int32_t *)virt(VA(2 * 4096 - 20)), RUNSTATE_blocked);
    CHECK_EQ(rd64(virt(VA(2 * 4096 - 12))), 999);
    /* Nothing for a vCPU without an area. */
    nwrites = 0;
    runstate_area_publish(&v0);
    CHECK_EQ(nwrites, 0);
    /* Bad pointers: the argument faults; an unmapped area registers nothing but is 0. */
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_memory_area, 1, 0), -EFAULT);
    ro_page = 3;
    *(uint64_t *)virt(VA(0)) = VA(3 * 4096);
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_memory_area, 1, VA(0)), 0);
    CHECK_EQ(v1.vop.runstate.size, 0);
    *(uint64_t *)virt(VA(0)) = 0xffff800000000000ull;
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_memory_area, 1, VA(0)), 0);
    nwrites = 0;
    runstate_area_publish(&v1);
    CHECK_EQ(nwrites, 0);
    /* Registering 0 unregisters. */
    *(uint64_t *)virt(VA(0)) = 0;
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_memory_area, 1, VA(0)), 0);
    CHECK_EQ(v1.vop.runstate.size, 0);
    rs_state = RUNSTATE_running;
    rs_entry = 777;
}

/* The recorded write sequence of one publish. */
TEST(runstate_update_flag_sequence)
{
    uint64_t base = VA(4096 + 64), gpa;

    fresh(true);
    dom.vm_assist = 1ul << VMASST_TYPE_runstate_update_flag;
    *(uint64_t *)virt(VA(0)) = base;
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_memory_area, 0, VA(0)), 0);
    guest_virt_to_phys(NULL, base, 0, &gpa);
    CHECK_EQ(nwrites, 3);
    CHECK_EQ(writes[0].gpa, gpa + 15);          /* top byte of state_entry_time */
    CHECK_EQ(writes[0].len, 1);
    CHECK_EQ(writes[0].first, 0x80);            /* XEN_RUNSTATE_UPDATE set */
    CHECK_EQ(writes[1].gpa, gpa);
    CHECK_EQ(writes[1].len, 48);
    CHECK_EQ(writes[2].gpa, gpa + 15);
    CHECK_EQ(writes[2].first, 0x00);            /* cleared */
    CHECK_EQ(*(uint64_t *)phys(gpa + 8), 777);  /* final value has no flag */
    /* Without the assist: one plain write. */
    dom.vm_assist = 0;
    nwrites = 0;
    runstate_area_publish(&v0);
    CHECK_EQ(nwrites, 1);
    CHECK_EQ(writes[0].len, 48);
}

/* The pure sequence, with a recording writer, in both layouts. */
struct seq { uint32_t off[4], len[4]; uint8_t img[48]; unsigned int n; };
static int rec(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    struct seq *s = ctx;
    if (s->n < 4) {
        s->off[s->n] = off;
        s->len[s->n] = len;
        s->n++;
    }
    memcpy(s->img + off, buf, len);
    return s->n == 2 ? -EFAULT : 0;             /* a failure does not stop the sequence */
}

TEST(runstate_write_seq_layouts)
{
    struct vcpu_runstate_info ri = { .state = 2, .state_entry_time = 0x0102030405060708ull,
                                     .time = { 1, 2, 3, 4 } };
    struct seq s = { 0 };

    runstate_area_write_seq(&ri, true, true, rec, &s);
    CHECK_EQ(s.n, 3);
    CHECK_EQ(s.off[0], 11);                     /* compat: entry time at 4 */
    CHECK_EQ(s.len[1], 44);
    CHECK_EQ(s.off[2], 11);
    CHECK_EQ(*(uint32_t *)s.img, 2);
    CHECK_EQ(rd64((s.img + 4)), 0x0102030405060708ull);
    CHECK_EQ(rd64((s.img + 36)), 4);
    memset(&s, 0, sizeof(s));
    runstate_area_write_seq(&ri, false, false, rec, &s);
    CHECK_EQ(s.n, 1);
    CHECK_EQ(s.len[0], 48);
    CHECK_EQ(rd64((s.img + 8)), 0x0102030405060708ull);
    CHECK_EQ(rd64((s.img + 40)), 4);
}

TEST(compat_callers)
{
    uint8_t out[48];

    fresh(false);
    memset(virt(VA(200)), 0xee, 48);
    CHECK_EQ(vcpu_op(VCPUOP_get_runstate_info, 0, VA(200)), 0);
    memcpy(out, virt(VA(200)), 48);
    CHECK_EQ(rd64((out + 4)), 777);
    CHECK_EQ(rd64((out + 36)), 40);
    CHECK_EQ(out[44], 0xee);                    /* 44 bytes only */
    /* A 4-byte address argument at the very end of the mapped space. */
    *(uint32_t *)virt(VA(NPAGES * 4096 - 4)) = (uint32_t)VA(300);
    CHECK_EQ(vcpu_op(VCPUOP_register_runstate_memory_area, 0, VA(NPAGES * 4096 - 4)), 0);
    CHECK_EQ(v0.vop.runstate.size, 44);
    CHECK(v0.vop.runstate_compat);
}

TEST(singleshot_timer)
{
    struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = 5000000000ull };

    fresh(true);
    memcpy(virt(VA(0)), &t, sizeof(t));
    CHECK_EQ(vcpu_op(VCPUOP_set_singleshot_timer, 1, VA(0)), -EINVAL);   /* not self */
    CHECK_EQ(vcpu_op(VCPUOP_stop_singleshot_timer, 1, 0), -EINVAL);
    CHECK_EQ(vcpu_op(VCPUOP_set_singleshot_timer, 0, 0), -EFAULT);
    CHECK_EQ(vcpu_op(VCPUOP_set_singleshot_timer, 0, VA(0)), 0);
    CHECK(timer_is_active(&v0.vop.singleshot));
    CHECK_EQ(v0.vop.singleshot.expires, 5000000000ll);
    CHECK_EQ(vcpu_op(VCPUOP_stop_singleshot_timer, 0, 0), 0);
    CHECK(!timer_is_active(&v0.vop.singleshot));
    /* In the past: fires at once, VCPU_SSHOTTMR_future ignored (as Xen 4.17.x). */
    t = (struct vcpu_set_singleshot_timer){ .timeout_abs_ns = 10, .flags = VCPU_SSHOTTMR_future };
    memcpy(virt(VA(0)), &t, sizeof(t));
    CHECK_EQ(vcpu_op(VCPUOP_set_singleshot_timer, 0, VA(0)), 0);
    CHECK_EQ(v0.vop.singleshot.expires, 10);
    /* Expiry: VIRQ_TIMER and a blocked vCPU wakes. */
    CHECK(vcpu_block_unless_pending(&v0));
    CHECK(v0.pause_flags & VPF_blocked);
    fire(&v0.vop.singleshot);
    CHECK_EQ(virqs, 1);
    CHECK(!(v0.pause_flags & VPF_blocked));
    /* The struct is 12 bytes for a 32-bit caller: fits the last 12 bytes. */
    fresh(false);
    t = (struct vcpu_set_singleshot_timer){ .timeout_abs_ns = 3000000000ull };
    memcpy(virt(VA(NPAGES * 4096 - 12)), &t, 12);
    CHECK_EQ(vcpu_op(VCPUOP_set_singleshot_timer, 0, VA(NPAGES * 4096 - 12)), 0);
    fresh(true);
    memcpy(virt(VA(NPAGES * 4096 - 12)), &t, 12);
    CHECK_EQ(vcpu_op(VCPUOP_set_singleshot_timer, 0, VA(NPAGES * 4096 - 12)), -EFAULT);
}

TEST(periodic_timer)
{
    fresh(true);
    *(uint64_t *)virt(VA(0)) = 999999;                          /* < 1 ms */
    CHECK_EQ(vcpu_op(VCPUOP_set_periodic_timer, 1, VA(0)), -EINVAL);
    *(uint64_t *)virt(VA(0)) = (1ull << 62) + 1;
    CHECK_EQ(vcpu_op(VCPUOP_set_periodic_timer, 1, VA(0)), -EINVAL);
    CHECK_EQ(vcpu_op(VCPUOP_set_periodic_timer, 1, 0), -EFAULT);
    *(uint64_t *)virt(VA(0)) = 1000000;
    CHECK_EQ(vcpu_op(VCPUOP_set_periodic_timer, 1, VA(0)), 0);   /* any vCPU */
    CHECK_EQ(v1.vop.periodic.expires, now_ns + 1000000);
    now_ns += 1000000;
    fire(&v1.vop.periodic);
    CHECK_EQ(virqs, 1);
    CHECK_EQ(v1.vop.periodic.expires, now_ns + 1000000);         /* re-armed */
    CHECK_EQ(vcpu_op(VCPUOP_stop_periodic_timer, 1, 0), 0);
    CHECK(!timer_is_active(&v1.vop.periodic));
}

TEST(set_timer_op)
{
    struct hypercall_args a = { { 0 } };

    fresh(true);
    a.a[0] = now_ns + 5000;
    CHECK_EQ(do_set_timer_op(&v0, &a), 0);
    CHECK_EQ(v0.vop.singleshot.expires, now_ns + 5000);
    a.a[0] = 0;
    CHECK_EQ(do_set_timer_op(&v0, &a), 0);
    CHECK(!timer_is_active(&v0.vop.singleshot));
    a.a[0] = (uint64_t)-5;                                       /* wrapped: 100 ms */
    CHECK_EQ(do_set_timer_op(&v0, &a), 0);
    CHECK_EQ(v0.vop.singleshot.expires, now_ns + 100000000);
    a.a[0] = now_ns + (1ull << 51);                              /* > 2^50 ahead */
    CHECK_EQ(do_set_timer_op(&v0, &a), 0);
    CHECK_EQ(v0.vop.singleshot.expires, now_ns + 100000000);
    /* 32-bit caller: low and high halves. */
    paging.cs_long = false;
    a.a[0] = 0x89abcdef;
    a.a[1] = 0x1;
    CHECK_EQ(do_set_timer_op(&v0, &a), 0);
    CHECK_EQ(v0.vop.singleshot.expires, 0x189abcdefll);
}

TEST(time_area_and_vcpu_info)
{
    uint8_t ti[32];

    fresh(true);
    *(uint64_t *)virt(VA(0)) = VA(4096 - 16);                    /* crosses a page */
    CHECK_EQ(vcpu_op(VCPUOP_register_vcpu_time_memory_area, 1, VA(0)), 0);
    CHECK_EQ(time_updates, 1);
    for (unsigned int i = 0; i < 32; i++)
        ti[i] = (uint8_t)(i + 1);
    ti[0] = 4;                                                    /* version 4 (even) */
    ti[1] = ti[2] = ti[3] = 0;
    nwrites = 0;
    vcpu_time_area_update(&v1, ti);
    CHECK_EQ(writes[0].len, 4);
    CHECK_EQ(writes[0].first, 3);                                 /* odd first */
    CHECK_EQ(*virt(VA(4096 - 16)), 4);                            /* even at the end */
    CHECK_EQ(*virt(VA(4096 + 15)), 32);
    CHECK_EQ(vcpu_op(VCPUOP_register_vcpu_time_memory_area, 1, 0), -EFAULT);
    unmapped_page = 2;
    *(uint64_t *)virt(VA(0)) = VA(2 * 4096);
    CHECK_EQ(vcpu_op(VCPUOP_register_vcpu_time_memory_area, 1, VA(0)), 0);
    CHECK_EQ(v1.vop.time.size, 0);
    CHECK_EQ(vcpu_op(VCPUOP_register_vcpu_info, 1, VA(8)), 0);
    CHECK_EQ(vcpu_info_arg, VA(8));
}

TEST(sched_block_no_lost_wakeup)
{
    fresh(true);
    CHECK_EQ(sched_op(SCHEDOP_block, 0), 0);
    CHECK_EQ(unmasks, 1);
    CHECK(v0.pause_flags & VPF_blocked);
    CHECK(v0.arch.hlt_blocked);
    vcpu_kick_blocked(&v0);
    CHECK(!(v0.pause_flags & VPF_blocked));
    /* Pending interrupt or event: no sleep. */
    pending_irq = 0x30;
    CHECK_EQ(sched_op(SCHEDOP_block, 0), 0);
    CHECK(!(v0.pause_flags & VPF_blocked));
    pending_irq = -1;
    events_pending = true;
    CHECK_EQ(sched_op(SCHEDOP_block, 0), 0);
    CHECK(!(v0.pause_flags & VPF_blocked));
}

TEST(sched_poll)
{
    struct sched_poll p = { .ports = VA(64), .nr_ports = 1, .timeout = 0 };

    fresh(true);
    memcpy(virt(VA(0)), &p, sizeof(p));
    CHECK_EQ(sched_op(SCHEDOP_poll, VA(0)), -EINVAL);            /* no valid port yet */
    CHECK(!(v0.pause_flags & VPF_blocked));
    CHECK_EQ(sched_op(SCHEDOP_poll, 0), -EFAULT);
    p.nr_ports = 129;
    memcpy(virt(VA(0)), &p, sizeof(p));
    CHECK_EQ(sched_op(SCHEDOP_poll, VA(0)), -EINVAL);
    p.nr_ports = 2;
    p.ports = VA(NPAGES * 4096 - 4);                              /* second port unmapped */
    memcpy(virt(VA(0)), &p, sizeof(p));
    poll_port_rc = 0;
    CHECK_EQ(sched_op(SCHEDOP_poll, VA(0)), -EFAULT);
    /* A pending port returns at once. */
    poll_port_rc = 1;
    CHECK_EQ(sched_op(SCHEDOP_poll, VA(0)), 0);
    CHECK(!(v0.pause_flags & VPF_blocked));
    /* No ports, a timeout: blocks until it fires. */
    p = (struct sched_poll){ .nr_ports = 0, .timeout = now_ns + 1000 };
    memcpy(virt(VA(0)), &p, sizeof(p));
    CHECK_EQ(sched_op(SCHEDOP_poll, VA(0)), 0);
    CHECK(v0.pause_flags & VPF_blocked);
    CHECK_EQ(v0.vop.poll.expires, now_ns + 1000);
    fire(&v0.vop.poll);
    CHECK(!(v0.pause_flags & VPF_blocked));
    /* An event already pending: 0 before the ports are even looked at. */
    events_pending = true;
    poll_port_rc = -EINVAL;
    p = (struct sched_poll){ .ports = VA(64), .nr_ports = 1 };
    memcpy(virt(VA(0)), &p, sizeof(p));
    CHECK_EQ(sched_op(SCHEDOP_poll, VA(0)), 0);
    /* 32-bit layout: 16 bytes. */
    fresh(false);
    uint32_t c[4] = { (uint32_t)VA(64), 1, 0, 0 };
    memcpy(virt(VA(NPAGES * 4096 - 16)), c, 16);
    CHECK_EQ(sched_op(SCHEDOP_poll, VA(NPAGES * 4096 - 16)), -EINVAL);
}

TEST(shutdown_code_remote_pin)
{
    fresh(true);
    *(uint32_t *)virt(VA(0)) = SHUTDOWN_crash;
    CHECK_EQ(sched_op(SCHEDOP_shutdown_code, VA(0)), 0);
    CHECK_EQ(stored_code, SHUTDOWN_crash);
    CHECK_EQ(shutdown_reason, -1);                               /* only stored */
    *(uint32_t *)virt(VA(0)) = 9;
    CHECK_EQ(sched_op(SCHEDOP_shutdown_code, VA(0)), -EINVAL);
    CHECK_EQ(sched_op(SCHEDOP_shutdown_code, 0), -EFAULT);
    /* remote_shutdown: domain 2 exists, 7 does not. */
    struct sched_remote_shutdown rs = { .domain_id = 7, .reason = SHUTDOWN_reboot };
    memcpy(virt(VA(0)), &rs, sizeof(rs));
    CHECK_EQ(sched_op(SCHEDOP_remote_shutdown, VA(0)), -ESRCH);
    rs.domain_id = 2;
    memcpy(virt(VA(0)), &rs, sizeof(rs));
    dom.is_privileged = false;
    CHECK_EQ(sched_op(SCHEDOP_remote_shutdown, VA(0)), -EPERM);
    dom.is_privileged = true;
    CHECK_EQ(sched_op(SCHEDOP_remote_shutdown, 0), -EFAULT);
    CHECK_EQ(sched_op(SCHEDOP_remote_shutdown, VA(0)), 0);
    CHECK_EQ(shutdown_reason, SHUTDOWN_reboot);
    CHECK_EQ(holds, 0);                                          /* every get put */
    /* pin_override (Xen 4.17: undo without a pin is -EINVAL) */
    *(int32_t *)virt(VA(0)) = -1;
    CHECK_EQ(sched_op(SCHEDOP_pin_override, VA(0)), -EINVAL);
    *(int32_t *)virt(VA(0)) = 1;
    CHECK_EQ(sched_op(SCHEDOP_pin_override, VA(0)), 0);
    CHECK_EQ(sched_op(SCHEDOP_pin_override, VA(0)), -EBUSY);
    *(int32_t *)virt(VA(0)) = -1;
    CHECK_EQ(sched_op(SCHEDOP_pin_override, VA(0)), 0);
    *(int32_t *)virt(VA(0)) = 5;                                 /* offline */
    CHECK_EQ(sched_op(SCHEDOP_pin_override, VA(0)), -EINVAL);
    *(int32_t *)virt(VA(0)) = NR_CPUS;
    CHECK_EQ(sched_op(SCHEDOP_pin_override, VA(0)), -EINVAL);
    CHECK_EQ(sched_op(SCHEDOP_pin_override, 0), -EFAULT);
    dom.is_privileged = false;
    CHECK_EQ(sched_op(SCHEDOP_pin_override, VA(0)), -EPERM);
}

TEST(watchdog)
{
    struct sched_watchdog w = { .id = 0, .timeout = 10 };

    fresh(true);
    memcpy(virt(VA(0)), &w, sizeof(w));
    CHECK_EQ(sched_op(SCHEDOP_watchdog, VA(0)), 1);
    CHECK_EQ(sched_op(SCHEDOP_watchdog, VA(0)), 2);
    CHECK_EQ(sched_op(SCHEDOP_watchdog, VA(0)), 0xffffffe4);    /* Xen 4.17's -ENOSPC */
    CHECK_EQ(dom.wdog.timer[0].expires, now_ns + SECONDS(10));
    CHECK_EQ(sched_op(SCHEDOP_watchdog, 0), -EFAULT);
    w = (struct sched_watchdog){ .id = 3, .timeout = 1 };
    memcpy(virt(VA(0)), &w, sizeof(w));
    CHECK_EQ(sched_op(SCHEDOP_watchdog, VA(0)), -EINVAL);
    w = (struct sched_watchdog){ .id = 2, .timeout = 0 };       /* free #2 */
    memcpy(virt(VA(0)), &w, sizeof(w));
    CHECK_EQ(sched_op(SCHEDOP_watchdog, VA(0)), 0);
    CHECK_EQ(sched_op(SCHEDOP_watchdog, VA(0)), -EINVAL);       /* not in use now */
    w = (struct sched_watchdog){ .id = 1, .timeout = 30 };      /* re-arm #1 */
    memcpy(virt(VA(0)), &w, sizeof(w));
    CHECK_EQ(sched_op(SCHEDOP_watchdog, VA(0)), 0);
    CHECK_EQ(dom.wdog.timer[0].expires, now_ns + SECONDS(30));
    unit_log_clear();
    fire(&dom.wdog.timer[0]);
    CHECK_EQ(shutdown_reason, SHUTDOWN_watchdog);
    CHECK(strstr(unit_log, "Watchdog timer fired for domain 0") != NULL);
    domain_watchdog_destroy(&dom);
    CHECK_EQ(dom.wdog.timer[1].status, TIMER_STATUS_killed);
    vcpu_op_destroy(&v0);
    CHECK_EQ(v0.vop.singleshot.status, TIMER_STATUS_killed);
}

TEST_MAIN()
