test_sched_credit_SRCS := xen/common/sched_credit.c xen/common/sched_credit_acct.c
