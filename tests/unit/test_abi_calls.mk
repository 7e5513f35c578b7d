test_abi_calls_SRCS := hypercalls/table.c hypercalls/hvm_entry.c hypercalls/xen_version.c \
                       hypercalls/console_io.c hypercalls/sched_op.c \
                       hypercalls/multicall.c hypercalls/vm_assist.c xen/common/console_rx.c
