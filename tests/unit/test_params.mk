test_params_SRCS := xen/common/params.c xen/common/parse_value.c
