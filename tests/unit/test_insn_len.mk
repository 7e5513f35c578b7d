test_insn_len_SRCS := xen/arch/x86/hvm/insn_decode.c
