test_pvclock_SRCS := pvclock/pvclock.c
