test_vcpu_op_SRCS := hypercalls/vcpu_op.c hypercalls/set_timer_op.c hypercalls/sched_op.c \
                     xen/common/vcpu_timer.c xen/common/runstate_area.c xen/common/guest_area.c \
                     xen/common/watchdog.c xen/arch/x86/hvm/vcpu_init.c \
                     xen/arch/x86/hvm/vcpu_context.c
