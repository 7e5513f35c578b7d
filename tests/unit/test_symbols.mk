test_symbols_SRCS := xen/common/symbols.c
