test_deny_log_SRCS := xen/common/deny_log.c xen/common/loglvl.c
