test_evtchn_SRCS := xen/common/event_channel.c xen/common/event_ops.c xen/common/event_2l.c \
                    xen/common/event_deliver.c xen/common/event_fifo.c \
                    xen/common/event_fifo_ctl.c hypercalls/event_channel_op.c
test_evtchn_CFLAGS := -pthread
