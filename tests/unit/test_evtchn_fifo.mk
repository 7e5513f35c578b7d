test_evtchn_fifo_SRCS := xen/common/event_fifo.c xen/common/event_fifo_ctl.c
test_evtchn_fifo_CFLAGS := -pthread
