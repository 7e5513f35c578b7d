test_memory_op_SRCS := hypercalls/memory_op.c hypercalls/memory_reservation.c hypercalls/memory_physmap.c
test_memory_op_CFLAGS := -Wno-format-truncation
