test_cpuid_SRCS := xen/arch/x86/hvm/cpuid_policy.c pvclock/pvclock.c
