# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""pytest fixtures for the QEMU integration tests.

`qemu` is a factory: qemu(cmdline=..., smp=..., mem=...) starts the
hypervisor and returns a started qemu.Qemu.  Every instance is killed and
its log saved to build/test-logs/<test name>[-<n>].log at teardown, pass or
fail.
"""

import os
import re
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from qemu import Qemu, TOP  # noqa: E402


def xen_version():
    """The version string the Makefile bakes into the banner."""
    with open(os.path.join(TOP, "xen", "Makefile")) as f:
        m = re.search(r"^VERSION\s*:?=\s*(\S+)", f.read(), re.M)
    return m.group(1)


@pytest.fixture
def qemu(request):
    instances = []

    def start(**kwargs):
        name = request.node.name
        if instances:
            name += f"-{len(instances)}"
        q = Qemu(name, **kwargs)
        instances.append(q)
        return q.start()

    yield start
    for q in instances:
        q.close()
