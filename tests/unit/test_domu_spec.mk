test_domu_spec_SRCS := xen/common/domu_spec.c xen/common/parse_value.c
