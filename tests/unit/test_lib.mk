test_lib_SRCS := xen/common/lib.c
