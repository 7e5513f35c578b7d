test_guest_console_SRCS := xen/common/guest_console.c xen/common/loglvl.c
test_guest_console_CFLAGS := -Wno-format-truncation
