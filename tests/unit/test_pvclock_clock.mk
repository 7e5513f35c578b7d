test_pvclock_clock_SRCS := pvclock/pvclock.c pvclock/pvclock_info.c pvclock/runstate.c
test_pvclock_clock_CFLAGS := -pthread
