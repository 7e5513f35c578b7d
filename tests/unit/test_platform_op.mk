test_platform_op_SRCS := hypercalls/platform_op.c hypercalls/physdev_op.c
