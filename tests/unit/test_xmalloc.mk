test_xmalloc_SRCS := xen/common/page_alloc.c xen/common/xmalloc.c tests/unit/mm_arena.c
