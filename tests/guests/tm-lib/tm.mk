# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Included by the tm-* guests' Makefiles instead of ../lib/guest.mk: adds
# tm-lib and the shared pvclock sources (found through vpath).
SRCS += tm.c pvclock.c pvclock_info.c runstate.c
vpath %.c ../tm-lib ../../../pvclock
include ../lib/guest.mk
CFLAGS += -I../tm-lib -I../../..
HDRS += $(wildcard ../tm-lib/*.h) $(wildcard ../../../pvclock/*.h)
