test_svm_SRCS := xen/arch/x86/svm/checks.c
