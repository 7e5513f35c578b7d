test_insn_store_SRCS := xen/arch/x86/hvm/insn_store.c
