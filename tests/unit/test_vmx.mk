test_vmx_SRCS := xen/arch/x86/vmx/checks.c xen/arch/x86/p2m_pt.c xen/common/page_alloc.c tests/unit/mm_arena.c
