# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
# Top-level entry point.  `make` builds the hypervisor image (xen/xen), the
# host unit tests and the test guests; `make test` runs everything and ends
# with one summary line; `make run` boots the hypervisor in QEMU.

MAKEFLAGS += --no-print-directory
.PHONY: all xen unit guests test unit-test integration-test run iso clean deps

all: xen unit guests

xen:
	$(MAKE) -C xen

unit:
	$(MAKE) -C tests/unit

guests:
	$(MAKE) -C tests/guests

test: all
	scripts/ensure-deps test
	python3 scripts/run-tests

unit-test: unit
	python3 scripts/run-tests --unit-only

integration-test: xen guests
	scripts/ensure-deps test
	python3 scripts/run-tests --integration-only

iso: xen
	scripts/ensure-deps iso
	scripts/mkiso xen/xen build/xen.iso

run: xen guests
	scripts/ensure-deps run
	scripts/run-qemu $(RUN_ARGS)

deps:
	scripts/ensure-deps all

clean:
	$(MAKE) -C xen clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/guests clean
	rm -rf build
