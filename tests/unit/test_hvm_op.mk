test_hvm_op_SRCS := hypercalls/hvm_op.c xen/arch/x86/hvm/params.c xen/arch/x86/hvm/upcall.c
