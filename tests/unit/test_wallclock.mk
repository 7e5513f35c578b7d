test_wallclock_SRCS := xen/common/rtc_time.c xen/common/wallclock.c pvclock/pvclock_info.c pvclock/pvclock.c
