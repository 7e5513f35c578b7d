test_hvm_context_SRCS := xen/arch/x86/hvm/vcpu_context.c
