test_gnttab_SRCS := xen/common/grant_table.c xen/common/grant_entry.c xen/common/grant_maptrack.c \
                    xen/common/grant_map.c xen/common/grant_copy.c xen/common/grant_keys.c \
                    xen/common/page_ref.c xen/common/physmap.c xen/common/shared_info.c \
                    xen/common/domheap.c xen/common/page_alloc.c xen/common/xmalloc.c \
                    xen/common/wallclock.c xen/arch/x86/p2m.c xen/arch/x86/p2m_pt.c \
                    pvclock/pvclock_info.c pvclock/pvclock.c tests/unit/mm_arena.c
test_gnttab_CFLAGS := -pthread -Wl,--wrap=p2m_set_entry
