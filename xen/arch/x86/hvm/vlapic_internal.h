/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Between the vlapic register file (vlapic_regs.c) and its timer (vlapic_timer.c). */
#ifndef HVM_VLAPIC_INTERNAL_H
#define HVM_VLAPIC_INTERNAL_H

#include <asm/vlapic.h>

/* All with vl->lock held. */
bool vlapic_accept_locked(struct vlapic *vl, uint8_t vector);   /* true: kick */
void vlapic_timer_stop(struct vlapic *vl);
uint32_t vlapic_timer_mode(const struct vlapic *vl);
uint32_t vlapic_timer_current(struct vlapic *vl);
void vlapic_timer_write_icr(struct vlapic *vl, uint32_t count);
void vlapic_timer_write_dcr(struct vlapic *vl, uint32_t dcr);
int vlapic_timer_write_lvt(struct vlapic *vl, uint32_t lvt);
uint64_t vlapic_tsc_deadline_read(const struct vlapic *vl);
bool vlapic_tsc_deadline_write(struct vlapic *vl, uint64_t tsc);  /* true: kick */

#endif
