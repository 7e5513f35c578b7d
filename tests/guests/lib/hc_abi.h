/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The public ABI for the hypercall test guests (hc-*): our include/public/
 * headers (Xen 4.17's numbers and layouts), all of them now in main.
 */
#ifndef GUEST_HC_ABI_H
#define GUEST_HC_ABI_H

#include <public/xen.h>             /* multicall_entry, VMASST_*, shared_info, vcpu_info */
#include <public/features.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/hvm_vcpu.h>
#include <public/hvm/params.h>

#endif
