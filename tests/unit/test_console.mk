test_console_SRCS := xen/common/conring.c xen/common/loglvl.c xen/drivers/char/serial_config.c \
                     xen/common/parse_value.c
