# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Shared build rules for a test guest.  A guest's Makefile sets NAME and SRCS
# (its own .c/.S files) and includes this; the result is $(NAME).elf, a
# freestanding ELF64 PVH kernel linked at 1 MiB with the library in ../lib.
LIB ?= ../lib
# our public ABI headers (include/public/)
PUBLIC ?= ../../../include
Q := $(if $(V),,@)     # V=1 shows the commands
LIBSRCS := head.S setup.c console.c printf.c string.c hypercall.c verdict.c \
           traps.c apic.c acpi.c hctest.c badptr.c evtchn.c gnttab.c
CC := gcc
CFLAGS := -std=gnu11 -O2 -g -m64 -ffreestanding -nostdlib -fno-pic -fno-pie \
          -fno-stack-protector -fno-asynchronous-unwind-tables \
          -fno-tree-loop-distribute-patterns -mno-red-zone -mgeneral-regs-only \
          -mcmodel=small -Wall -Wextra -Werror -I$(LIB) -I$(PUBLIC)
LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
           -Wl,--no-warn-rwx-segments -T $(LIB)/guest.ld

OBJS := $(addprefix build/,$(addsuffix .o,$(basename $(SRCS)))) \
        $(addprefix build/lib/,$(addsuffix .o,$(basename $(LIBSRCS))))
HDRS := $(wildcard $(LIB)/*.h) $(wildcard *.h) $(wildcard $(PUBLIC)/public/*.h) \
        $(wildcard $(PUBLIC)/public/*/*.h)

all: $(NAME).elf

$(NAME).elf: $(OBJS) $(LIB)/guest.ld
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS)

build/%.o: %.c $(HDRS) | build
	@echo "  CC      $(NAME)/$@"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<
build/%.o: %.S | build
	@echo "  CC      $(NAME)/$@"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<
build/lib/%.o: $(LIB)/%.c $(HDRS) | build
	@echo "  CC      $(NAME)/$@"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<
build/lib/%.o: $(LIB)/%.S | build
	@echo "  CC      $(NAME)/$@"
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<
build:
	$(Q)mkdir -p build/lib

clean:
	rm -rf build $(NAME).elf

.PHONY: all clean
