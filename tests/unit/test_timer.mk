test_timer_SRCS := xen/common/timer_heap.c xen/common/timer.c
