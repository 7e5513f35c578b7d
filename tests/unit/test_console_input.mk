test_console_input_SRCS := xen/common/console_input.c xen/common/console_rx.c
