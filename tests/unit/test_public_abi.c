/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The ABI check: numbers, sizes and offsets of include/public/ that guests
 * depend on, against Xen 4.17's values (taken from Xen's public headers for
 * 64-bit guests; the compat_* structures against the same headers built
 * for i386).  The headers _Static_assert most of this already; this test
 * repeats it as a table so a change shows up as a named failure, adds the
 * constants, and runs io/ring.h's protocol on the host.
 */
#include "harness.h"
#include <stddef.h>
#include <stdint.h>
#include <public/xen.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/features.h>
#include <public/grant_table.h>
#include <public/io/console.h>
#include <public/io/ring.h>
#include <public/io/xs_wire.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/xen-compat.h>

struct layout {
    const char *what;
    size_t got, want;
};

#define SZ(t, n)      { "sizeof(" #t ")", sizeof(t), n }
#define OFF(t, f, n)  { "offsetof(" #t ", " #f ")", offsetof(t, f), n }

static const struct layout layouts[] = {
    SZ(struct multicall_entry, 64), OFF(struct multicall_entry, result, 8),
    OFF(struct multicall_entry, args, 16),
    SZ(struct compat_multicall_entry, 32), OFF(struct compat_multicall_entry, args, 8),
    SZ(xen_extraversion_t, 16), SZ(struct xen_compile_info, 144),
    OFF(struct xen_compile_info, compile_by, 64), OFF(struct xen_compile_info, compile_domain, 80),
    OFF(struct xen_compile_info, compile_date, 112), SZ(xen_capabilities_info_t, 1024),
    SZ(xen_changeset_info_t, 64), SZ(struct xen_platform_parameters, 8),
    SZ(struct compat_xen_platform_parameters, 4), SZ(struct xen_feature_info, 8),
    OFF(struct xen_feature_info, submap, 4), SZ(xen_domain_handle_t, 16),
    SZ(xen_commandline_t, 1024), SZ(struct xen_build_id, 4),
    SZ(struct evtchn_alloc_unbound, 8), OFF(struct evtchn_alloc_unbound, remote_dom, 2),
    OFF(struct evtchn_alloc_unbound, port, 4), SZ(struct evtchn_bind_interdomain, 12),
    OFF(struct evtchn_bind_interdomain, local_port, 8), SZ(struct evtchn_bind_virq, 12),
    OFF(struct evtchn_bind_virq, port, 8), SZ(struct evtchn_bind_pirq, 12),
    SZ(struct evtchn_bind_ipi, 8), SZ(struct evtchn_close, 4), SZ(struct evtchn_send, 4),
    SZ(struct evtchn_status, 24), OFF(struct evtchn_status, status, 8),
    OFF(struct evtchn_status, vcpu, 12), OFF(struct evtchn_status, u, 16),
    OFF(struct evtchn_status, u.interdomain.port, 20), SZ(struct evtchn_bind_vcpu, 8),
    SZ(struct evtchn_unmask, 4), SZ(struct evtchn_reset, 2),
    SZ(struct evtchn_init_control, 24), OFF(struct evtchn_init_control, offset, 8),
    OFF(struct evtchn_init_control, vcpu, 12), OFF(struct evtchn_init_control, link_bits, 16),
    SZ(struct evtchn_expand_array, 8), SZ(struct evtchn_set_priority, 8),
    SZ(struct evtchn_op, 28), OFF(struct evtchn_op, u, 4),
    SZ(struct evtchn_fifo_control_block, 72), OFF(struct evtchn_fifo_control_block, head, 8),
    SZ(event_word_t, 4),
    SZ(struct grant_entry_v1, 8), OFF(struct grant_entry_v1, domid, 2),
    OFF(struct grant_entry_v1, frame, 4), SZ(union grant_entry_v2, 16),
    OFF(union grant_entry_v2, full_page.frame, 8), OFF(union grant_entry_v2, sub_page.length, 6),
    OFF(union grant_entry_v2, sub_page.frame, 8), OFF(union grant_entry_v2, transitive.gref, 8),
    SZ(grant_status_t, 2), SZ(struct gnttab_map_grant_ref, 32),
    OFF(struct gnttab_map_grant_ref, flags, 8), OFF(struct gnttab_map_grant_ref, ref, 12),
    OFF(struct gnttab_map_grant_ref, dom, 16), OFF(struct gnttab_map_grant_ref, status, 18),
    OFF(struct gnttab_map_grant_ref, handle, 20), OFF(struct gnttab_map_grant_ref, dev_bus_addr, 24),
    SZ(struct gnttab_unmap_grant_ref, 24), OFF(struct gnttab_unmap_grant_ref, handle, 16),
    OFF(struct gnttab_unmap_grant_ref, status, 20), SZ(struct gnttab_setup_table, 24),
    OFF(struct gnttab_setup_table, nr_frames, 4), OFF(struct gnttab_setup_table, status, 8),
    OFF(struct gnttab_setup_table, frame_list, 16), SZ(struct gnttab_dump_table, 4),
    SZ(struct gnttab_transfer, 24), OFF(struct gnttab_transfer, ref, 12),
    OFF(struct gnttab_transfer, status, 16), SZ(struct gnttab_copy, 40),
    OFF(struct gnttab_copy, source.domid, 8), OFF(struct gnttab_copy, source.offset, 10),
    OFF(struct gnttab_copy, dest, 16), OFF(struct gnttab_copy, len, 32),
    OFF(struct gnttab_copy, flags, 34), OFF(struct gnttab_copy, status, 36),
    SZ(struct gnttab_query_size, 16), OFF(struct gnttab_query_size, max_nr_frames, 8),
    OFF(struct gnttab_query_size, status, 12), SZ(struct gnttab_unmap_and_replace, 24),
    SZ(struct gnttab_set_version, 4), SZ(struct gnttab_get_status_frames, 16),
    OFF(struct gnttab_get_status_frames, frame_list, 8), SZ(struct gnttab_get_version, 8),
    OFF(struct gnttab_get_version, version, 4), SZ(struct gnttab_swap_grant_ref, 12),
    SZ(struct gnttab_cache_flush, 16), OFF(struct gnttab_cache_flush, op, 12),
    SZ(struct compat_gnttab_setup_table, 16), OFF(struct compat_gnttab_setup_table, frame_list, 12),
    SZ(struct compat_gnttab_transfer, 16), OFF(struct compat_gnttab_transfer, status, 12),
    SZ(struct compat_gnttab_copy, 24), OFF(struct compat_gnttab_copy, dest, 8),
    OFF(struct compat_gnttab_copy, status, 20), SZ(struct compat_gnttab_get_status_frames, 12),
    SZ(struct xencons_interface, 3088), OFF(struct xencons_interface, out, 1024),
    OFF(struct xencons_interface, in_cons, 3072), OFF(struct xencons_interface, out_cons, 3080),
    SZ(struct xsd_sockmsg, 16), OFF(struct xsd_sockmsg, len, 12),
    SZ(struct xenstore_domain_interface, 2076),
    OFF(struct xenstore_domain_interface, rsp, 1024),
    OFF(struct xenstore_domain_interface, req_cons, 2048),
    OFF(struct xenstore_domain_interface, rsp_prod, 2060),
    OFF(struct xenstore_domain_interface, server_features, 2064),
    OFF(struct xenstore_domain_interface, error, 2072),
};

TEST(layouts)
{
    for (unsigned int i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        if (layouts[i].got != layouts[i].want) {
            snprintf(unit_test_why, sizeof(unit_test_why), "%s is %zu, Xen's is %zu",
                     layouts[i].what, layouts[i].got, layouts[i].want);
            longjmp(unit_test_jmp, 1);
        }
    }
}

TEST(interface_versions)
{
    CHECK_EQ(__XEN_LATEST_INTERFACE_VERSION__, 0x00040e00);
    CHECK_EQ(__XEN_INTERFACE_VERSION__, __XEN_LATEST_INTERFACE_VERSION__);
    CHECK_EQ(XEN_CONTROL_INTERFACE_VERSION, 0x15);
}

TEST(numbers)
{
    CHECK_EQ(__HYPERVISOR_multicall, 13);
    CHECK_EQ(__HYPERVISOR_xen_version, 17);
    CHECK_EQ(__HYPERVISOR_console_io, 18);
    CHECK_EQ(__HYPERVISOR_grant_table_op, 20);
    CHECK_EQ(__HYPERVISOR_vm_assist, 21);
    CHECK_EQ(__HYPERVISOR_event_channel_op, 32);
    CHECK_EQ(XENVER_build_id, 10);
    CHECK_EQ(XENFEAT_hvm_callback_vector, 8);
    CHECK_EQ(XENFEAT_dom0, 11);
    CHECK_EQ(XENFEAT_direct_mapped, 17);
    CHECK_EQ(VMASST_TYPE_runstate_update_flag, 5);
    CHECK_EQ(VMASST_TYPE_m2p_strict, 32);
    CHECK_EQ(VIRQ_CONSOLE, 2);
    CHECK_EQ(VIRQ_XENPMU, 13);
    CHECK_EQ(NR_VIRQS, 24);
    CHECK_EQ(EVTCHNOP_reset, 10);
    CHECK_EQ(EVTCHNOP_set_priority, 13);
    CHECK_EQ(EVTCHNSTAT_ipi, 5);
    CHECK_EQ(EVTCHN_2L_NR_CHANNELS, 4096);
    CHECK_EQ(EVTCHN_FIFO_NR_CHANNELS, 131072);
    CHECK_EQ(EVTCHN_FIFO_LINK_MASK, 0x1ffff);
    CHECK_EQ(EVTCHN_FIFO_BUSY, 28);
    CHECK_EQ(EVTCHN_FIFO_PENDING, 31);
    CHECK_EQ(EVTCHN_FIFO_MAX_QUEUES, 16);
    CHECK_EQ(GNTTABOP_cache_flush, 12);
    CHECK_EQ(GTF_sub_page, 0x100);
    CHECK_EQ(GTF_transfer_completed, 8);
    CHECK_EQ(GNTMAP_contains_pte, 16);
    CHECK_EQ(GNTMAP_guest_avail_mask, 0xffff0000u);
    CHECK_EQ(GNTST_no_space, -13);
    CHECK_EQ(GNTTAB_CACHE_SOURCE_GREF, 0x80000000u);
    CHECK_EQ(XS_WATCH_EVENT, 15);
    CHECK_EQ(XS_SET_TARGET, 19);
    CHECK_EQ(XS_RESET_WATCHES, 21);
    CHECK_EQ(XS_DIRECTORY_PART, 22);
    CHECK_EQ(XS_TYPE_COUNT, 23);
    CHECK_EQ(XS_INVALID, 0xffff);
    CHECK_EQ(XENSTORE_PAYLOAD_MAX, 4096);
}

TEST(error_tables)
{
    static const char *const gnttab_msgs[] = GNTTABOP_error_msgs;

    CHECK_EQ(sizeof(gnttab_msgs) / sizeof(gnttab_msgs[0]), 1 - GNTST_no_space);
    CHECK_STR(gnttab_msgs[-GNTST_permission_denied], "permission denied");
    /* xenstore errors: fixed order, EINVAL first (the fallback). */
    CHECK_EQ(sizeof(xsd_errors) / sizeof(xsd_errors[0]), 16);
    CHECK_STR(xsd_errors[0].errstring, "EINVAL");
    CHECK_EQ(xsd_errors[0].errnum, XEN_EINVAL);
    CHECK_STR(xsd_errors[4].errstring, "ENOENT");
    CHECK_EQ(xsd_errors[4].errnum, 2);
    CHECK_STR(xsd_errors[15].errstring, "EPERM");
    CHECK_EQ(xsd_errors[13].errnum, 106);
}

/* ---- io/ring.h on the host ---- */
struct req { uint32_t id; uint8_t pad[108]; };
struct rsp { uint32_t id; int16_t status; };
DEFINE_RING_TYPES(test, struct req, struct rsp);

TEST(ring_sizes)
{
    CHECK_EQ(offsetof(struct test_sring, ring), XEN_RING_HEADER_SIZE);
    CHECK_EQ(__CONST_RING_SIZE(test, 4096), 32);    /* blkif-sized requests */
    CHECK_EQ(__CONST_RING_SIZE(test, 8192), 64);
    CHECK_EQ(XEN_RING_POW2_FLOOR(0), 0);
    CHECK_EQ(XEN_RING_POW2_FLOOR(1), 1);
    CHECK_EQ(XEN_RING_POW2_FLOOR(255), 128);
    CHECK_EQ(XEN_RING_POW2_FLOOR(256), 256);
    CHECK_EQ(XEN_RING_POW2_FLOOR(0xffffffffu), 0x80000000u);
}

TEST(ring_protocol)
{
    static union { struct test_sring s; uint8_t page[4096]; } shared;
    struct test_front_ring front;
    struct test_back_ring back;
    int notify, work;

    XEN_FRONT_RING_INIT(&front, &shared.s, sizeof(shared));
    BACK_RING_INIT(&back, &shared.s, sizeof(shared));
    CHECK_EQ(RING_SIZE(&front), 32);
    CHECK_EQ(RING_FREE_REQUESTS(&front), 32);
    /* The back end sleeps with req_event = 1: the first request notifies. */
    RING_GET_REQUEST(&front, front.req_prod_pvt)->id = 7;
    front.req_prod_pvt++;
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    CHECK(notify);
    /* A second push without the back end having re-armed: no notification. */
    RING_GET_REQUEST(&front, front.req_prod_pvt)->id = 8;
    front.req_prod_pvt++;
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, notify);
    CHECK(!notify);
    CHECK_EQ(RING_HAS_UNCONSUMED_REQUESTS(&back), 2);
    for (unsigned int want = 7; want <= 8; want++) {
        struct req r;
        RING_COPY_REQUEST(&back, back.req_cons, &r);
        back.req_cons++;
        CHECK_EQ(r.id, want);
        RING_GET_RESPONSE(&back, back.rsp_prod_pvt)->id = r.id;
        back.rsp_prod_pvt++;
    }
    RING_FINAL_CHECK_FOR_REQUESTS(&back, work);
    CHECK(!work);
    CHECK_EQ(shared.s.req_event, 3);                /* re-armed past what it took */
    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, notify);
    CHECK(notify);                                  /* rsp_event was 1 */
    CHECK_EQ(RING_HAS_UNCONSUMED_RESPONSES(&front), 2);
    front.rsp_cons += 2;
    /* Fill the ring: full after 32 outstanding requests. */
    for (unsigned int i = 0; i < 32; i++)
        front.req_prod_pvt++;
    CHECK(RING_FULL(&front));
    RING_PUSH_REQUESTS(&front);
    /* A hostile producer index never yields more than the ring can answer. */
    shared.s.req_prod = back.req_cons + 1000;
    CHECK_EQ(RING_HAS_UNCONSUMED_REQUESTS(&back), 32);
    CHECK(RING_REQUEST_PROD_OVERFLOW(&back, shared.s.req_prod));
    CHECK(!RING_REQUEST_CONS_OVERFLOW(&back, back.req_cons));
}

TEST_MAIN()
