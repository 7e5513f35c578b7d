test_page_alloc_SRCS := xen/common/page_alloc.c xen/common/bootmem.c tests/unit/mm_arena.c
