test_sched_rr_SRCS := xen/common/sched_rr.c
