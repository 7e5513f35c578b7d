test_svm_SRCS := xen/arch/x86/svm/checks.c xen/arch/x86/hvm/reg_checks.c
