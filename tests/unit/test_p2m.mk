test_p2m_SRCS := xen/arch/x86/p2m.c xen/arch/x86/p2m_pt.c xen/arch/x86/p2m_npf.c xen/common/page_alloc.c \
                 xen/common/xmalloc.c tests/unit/mm_arena.c
