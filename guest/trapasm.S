# SPDX-License-Identifier: GPL-2.0-only
# Interrupt entry stubs, the common save/restore path, and the first
# return of a new process to ring 3.

#include "mmu.h"

# Vectors where the CPU pushes an error code: 8, 10-14, 17, 21.
.macro vector n
	.text
vector\n:
	.if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21)
	.else
	pushl	$0
	.endif
	pushl	$\n
	jmp	alltraps
	.data
	.long	vector\n
.endm

	.data
	.globl vectors
vectors:
	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,128
	vector \n
	.endr

	.text
# Save the rest of struct pt_regs (Linux's SAVE_ALL order), call
# trap(regs), restore and return.
alltraps:
	pushl	%gs
	pushl	%fs
	pushl	%es
	pushl	%ds
	pushl	%eax
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%edx
	pushl	%ecx
	pushl	%ebx
	mov	$__KERNEL_DS, %eax
	mov	%eax, %ds
	mov	%eax, %es
	pushl	%esp
	call	trap
	addl	$4, %esp
	.globl ret_from_fork
ret_from_fork:
	popl	%ebx
	popl	%ecx
	popl	%edx
	popl	%esi
	popl	%edi
	popl	%ebp
	popl	%eax
	popl	%ds
	popl	%es
	popl	%fs
	popl	%gs
	addl	$8, %esp                        # trapno, error_code
	iret
