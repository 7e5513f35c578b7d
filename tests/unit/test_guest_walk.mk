test_guest_walk_SRCS := xen/arch/x86/guest_walk.c xen/arch/x86/guest_copy.c \
                        xen/arch/x86/p2m_copy.c xen/arch/x86/p2m.c xen/arch/x86/p2m_pt.c \
                        xen/common/page_alloc.c xen/common/xmalloc.c tests/unit/mm_arena.c
