test_hvm_exits_SRCS := xen/arch/x86/hvm/msr.c xen/arch/x86/hvm/io.c xen/common/loglvl.c
test_hvm_exits_CFLAGS := -Wno-format-truncation
