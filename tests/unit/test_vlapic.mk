test_vlapic_SRCS := xen/arch/x86/hvm/vlapic_regs.c xen/arch/x86/hvm/vlapic_timer.c
