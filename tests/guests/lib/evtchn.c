/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Event channels for the ev-* guests (see evtchn.h): setup, the upcall
 * handler for both ABIs, EVTCHNOP wrappers and pvclock time.
 */
#include "evtchn.h"

#define TICK_VECTOR      0xf2        /* APIC one-shot timer bounding each halt */
#define FIFO_PAGES       (EV_MAX_PORTS / 1024)

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
static uint8_t fifo_cb_page[4096] __attribute__((aligned(4096)));
static uint8_t fifo_array[FIFO_PAGES][4096] __attribute__((aligned(4096)));

volatile struct shared_info *ev_shinfo;
volatile unsigned long ev_upcalls;
static ev_handler_t handler;
static bool use_fifo;
static uint32_t fifo_head[EVTCHN_FIFO_MAX_QUEUES];   /* where we stopped in each queue */

bool ev_fifo(void) { return use_fifo; }
const char *ev_abi(void) { return use_fifo ? "FIFO" : "2-level"; }

/* ---- wrappers ---- */

long ev_alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &a);

    *port = a.port;
    return rc;
}

long ev_bind_interdomain(domid_t remote, evtchn_port_t rport, evtchn_port_t *port)
{
    struct evtchn_bind_interdomain b = { .remote_dom = remote, .remote_port = rport };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &b);

    *port = b.local_port;
    return rc;
}

long ev_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &b);

    *port = b.port;
    return rc;
}

long ev_bind_ipi(uint32_t vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &b);

    *port = b.port;
    return rc;
}

long ev_close(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };
    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &c);
}

long ev_send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };
    return HYPERVISOR_event_channel_op(EVTCHNOP_send, &s);
}

long ev_unmask(evtchn_port_t port)
{
    struct evtchn_unmask u = { .port = port };
    return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &u);
}

long ev_status(domid_t dom, evtchn_port_t port, struct evtchn_status *st)
{
    *st = (struct evtchn_status){ .dom = dom, .port = port };
    return HYPERVISOR_event_channel_op(EVTCHNOP_status, st);
}

long ev_state(evtchn_port_t port)
{
    struct evtchn_status st;
    long rc = ev_status(DOMID_SELF, port, &st);

    return rc ? rc : (long)st.status;
}

/* ---- guest-side bits ---- */

static volatile uint32_t *fifo_word(evtchn_port_t port)
{
    if (port >= EV_MAX_PORTS)
        return NULL;
    return (volatile uint32_t *)fifo_array[port / 1024] + port % 1024;
}

static volatile unsigned long *bit_word(volatile xen_ulong_t *map, evtchn_port_t port)
{
    return (volatile unsigned long *)&map[port / 64];
}

static void set_bit_locked(volatile unsigned long *w, unsigned int bit)
{
    asm volatile ("lock btsq %1, %0" : "+m" (*w) : "r" ((unsigned long)bit) : "memory");
}

static bool test_clear_bit(volatile void *w, unsigned int bit)
{
    bool old;

    asm volatile ("lock btrq %2, %0" : "+m" (*(volatile unsigned long *)w), "=@ccc" (old)
                  : "r" ((unsigned long)bit) : "memory");
    return old;
}

static bool test_clear_bit32(volatile uint32_t *w, unsigned int bit)
{
    bool old;

    asm volatile ("lock btrl %2, %0" : "+m" (*w), "=@ccc" (old) : "r" (bit) : "memory");
    return old;
}

void ev_mask(evtchn_port_t port)
{
    volatile uint32_t *w = fifo_word(port);

    if (!use_fifo)
        set_bit_locked(bit_word(ev_shinfo->evtchn_mask, port), port % 64);
    else if (w)
        __atomic_or_fetch(w, 1u << EVTCHN_FIFO_MASKED, __ATOMIC_SEQ_CST);
}

void ev_clear_mask(evtchn_port_t port)
{
    volatile uint32_t *w = fifo_word(port);

    if (!use_fifo)
        test_clear_bit(bit_word(ev_shinfo->evtchn_mask, port), port % 64);
    else if (w)
        test_clear_bit32(w, EVTCHN_FIFO_MASKED);
}

bool ev_pending(evtchn_port_t port)
{
    volatile uint32_t *w = fifo_word(port);

    if (!use_fifo)
        return (*bit_word(ev_shinfo->evtchn_pending, port) >> (port % 64)) & 1;
    return w && (*w >> EVTCHN_FIFO_PENDING) & 1;
}

void ev_clear_pending(evtchn_port_t port)
{
    volatile uint32_t *w = fifo_word(port);

    if (!use_fifo)
        test_clear_bit(bit_word(ev_shinfo->evtchn_pending, port), port % 64);
    else if (w)
        test_clear_bit32(w, EVTCHN_FIFO_PENDING);
}

void ev_dump(evtchn_port_t port)
{
    volatile struct vcpu_info *vi = &ev_shinfo->vcpu_info[0];
    volatile struct evtchn_fifo_control_block *cb = (void *)fifo_cb_page;
    unsigned int reg = EV_VECTOR / 32, bit = EV_VECTOR % 32;

    printf("ev: port %u (%s): upcall_pending %u mask %u, %lu upcalls, vector "
           "IRR %u ISR %u\n", port, ev_abi(), vi->evtchn_upcall_pending,
           vi->evtchn_upcall_mask, ev_upcalls,
           (unsigned int)(apic_rdmsr(0x200 + reg * 0x10) >> bit) & 1,
           (unsigned int)(apic_rdmsr(0x100 + reg * 0x10) >> bit) & 1);
    if (!use_fifo) {
        printf("ev: pending_sel %#lx, pending word %#lx, mask word %#lx\n",
               (unsigned long)vi->evtchn_pending_sel,
               (unsigned long)ev_shinfo->evtchn_pending[port / 64],
               (unsigned long)ev_shinfo->evtchn_mask[port / 64]);
    } else {
        volatile uint32_t *w = fifo_word(port);

        printf("ev: ready %#x, head[7] %u (ours %u), word %#x\n", cb->ready,
               cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], fifo_head[EVTCHN_FIFO_PRIORITY_DEFAULT],
               w ? *w : 0);
    }
}

/* ---- the upcall ---- */

static void scan_2l(void)
{
    volatile struct vcpu_info *vi = &ev_shinfo->vcpu_info[0];

    while (vi->evtchn_upcall_pending) {
        vi->evtchn_upcall_pending = 0;
        unsigned long sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);

        while (sel) {
            unsigned int i = __builtin_ctzl(sel);

            sel &= sel - 1;
            unsigned long bits = ev_shinfo->evtchn_pending[i] & ~ev_shinfo->evtchn_mask[i];

            while (bits) {
                unsigned int b = __builtin_ctzl(bits);

                bits &= bits - 1;
                if (test_clear_bit(&ev_shinfo->evtchn_pending[i], b))
                    handler(i * 64 + b);
            }
        }
    }
}

/* Unlink the head word: clear LINKED and the link; returns the next port. */
static uint32_t fifo_clear_linked(volatile uint32_t *w)
{
    uint32_t old = *w, new;

    do {
        new = old & ~((1u << EVTCHN_FIFO_LINKED) | EVTCHN_FIFO_LINK_MASK);
    } while (!__atomic_compare_exchange_n(w, &old, new, false, __ATOMIC_SEQ_CST,
                                          __ATOMIC_SEQ_CST));
    return old & EVTCHN_FIFO_LINK_MASK;
}

static void fifo_consume_one(volatile struct evtchn_fifo_control_block *cb, unsigned int q,
                             uint32_t *ready)
{
    uint32_t port = fifo_head[q];

    if (!port) {
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        port = cb->head[q];
    }
    volatile uint32_t *w = fifo_word(port);
    if (!w) {
        printf("ev: FIFO queue %u head %u outside our event array\n", q, port);
        *ready &= ~(1u << q);
        fifo_head[q] = 0;
        return;
    }
    uint32_t next = fifo_clear_linked(w);

    if (!next)
        *ready &= ~(1u << q);
    uint32_t v = *w;
    if ((v & (1u << EVTCHN_FIFO_PENDING)) && !(v & (1u << EVTCHN_FIFO_MASKED)) &&
        test_clear_bit32(w, EVTCHN_FIFO_PENDING))
        handler(port);
    fifo_head[q] = next;
}

static void scan_fifo(void)
{
    volatile struct evtchn_fifo_control_block *cb = (void *)fifo_cb_page;
    volatile struct vcpu_info *vi = &ev_shinfo->vcpu_info[0];

    vi->evtchn_upcall_pending = 0;
    uint32_t ready = __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);

    while (ready) {
        fifo_consume_one(cb, __builtin_ctz(ready), &ready);
        ready |= __atomic_exchange_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
    }
}

static void upcall(struct cpu_frame *f)
{
    (void)f;
    ev_upcalls++;
    if (use_fifo)
        scan_fifo();
    else
        scan_2l();
    apic_eoi();
}

static void tick(struct cpu_frame *f)
{
    (void)f;
    apic_eoi();
}

/* ---- setup ---- */

static void map_shared_info(void)
{
    struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
                                    .idx = 0, .gpfn = GFN(shinfo_page) };
    long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &x);

    if (rc)
        test_error("add_to_physmap shared_info: %ld", rc);
    ev_shinfo = (volatile struct shared_info *)shinfo_page;
    ev_shinfo->vcpu_info[0].evtchn_upcall_mask = 0;
}

static bool fifo_setup(void)
{
    struct evtchn_init_control ic = { .control_gfn = GFN(fifo_cb_page), .vcpu = 0 };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic);

    if (rc) {
        printf("ev: EVTCHNOP_init_control: %ld, falling back to 2-level\n", rc);
        return false;
    }
    for (unsigned int i = 0; i < FIFO_PAGES; i++) {
        struct evtchn_expand_array ea = { .array_gfn = GFN(fifo_array[i]) };

        rc = HYPERVISOR_event_channel_op(EVTCHNOP_expand_array, &ea);
        if (rc)
            test_error("EVTCHNOP_expand_array page %u: %ld", i, rc);
    }
    printf("ev: FIFO control block at gfn %#lx, link_bits %u, %u array pages\n",
           (unsigned long)GFN(fifo_cb_page), ic.link_bits, FIFO_PAGES);
    return true;
}

static void set_upcall(void)
{
    long rc;

    if (cmdline_has("callback")) {
        struct xen_hvm_param p = {
            .domid = DOMID_SELF, .index = HVM_PARAM_CALLBACK_IRQ,
            .value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR <<
                      HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT) | EV_VECTOR,
        };
        rc = HYPERVISOR_hvm_op(HVMOP_set_param, &p);
    } else {
        struct xen_hvm_evtchn_upcall_vector u = { .vcpu = 0, .vector = EV_VECTOR };
        rc = HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector, &u);
    }
    if (rc)
        test_error("setting the upcall vector: %ld", rc);
}

void ev_init(ev_handler_t fn)
{
    handler = fn;
    x2apic_enable();                    /* Xen starts in xAPIC mode; EOI via MSR */
    set_irq_handler(EV_VECTOR, upcall);
    set_irq_handler(TICK_VECTOR, tick);
    map_shared_info();
    use_fifo = cmdline_has("fifo") && fifo_setup();
    set_upcall();
    printf("ev: %s ABI, upcall vector %#x (%s)\n", ev_abi(), EV_VECTOR,
           cmdline_has("callback") ? "HVM_PARAM_CALLBACK_IRQ" : "per-vCPU upcall vector");
    irq_enable();
}

/* ---- time ---- */

static uint64_t scale(uint64_t delta, const volatile struct vcpu_time_info *t)
{
    int8_t shift = (int8_t)t->tsc_shift;

    if (shift < 0)
        delta >>= -shift;
    else
        delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
}

uint64_t ev_now_ns(void)
{
    const volatile struct vcpu_time_info *t = &ev_shinfo->vcpu_info[0].time;
    uint32_t ver;
    uint64_t ns;

    do {
        ver = t->version;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        ns = t->system_time + scale(rdtsc() - t->tsc_timestamp, t);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    } while ((ver & 1) || ver != t->version);
    return ns;
}

uint64_t ev_ticks_to_ns(uint64_t ticks)
{
    return scale(ticks, &ev_shinfo->vcpu_info[0].time);
}

bool ev_wait(volatile unsigned long *counter, unsigned long target, uint64_t timeout_ns)
{
    uint64_t end = ev_now_ns() + timeout_ns;

    for (unsigned int spin = 0; *counter < target; spin++) {
        if (spin < 200) {
            cpu_relax();
            continue;
        }
        if (ev_now_ns() > end)
            return false;
        irq_disable();
        if (*counter < target) {
            apic_timer_oneshot(TICK_VECTOR, 2000000);
            safe_halt();
        }
        irq_enable();
    }
    return true;
}

void ev_delay(uint64_t ns)
{
    static volatile unsigned long never;

    ev_wait(&never, 1, ns);
}

void ev_yield(void)
{
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}
