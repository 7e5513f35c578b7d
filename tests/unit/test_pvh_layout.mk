test_pvh_layout_SRCS := xen/arch/x86/pvh_layout.c
