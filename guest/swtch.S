# SPDX-License-Identifier: GPL-2.0-only
# void swtch(struct context **old, struct context *new)
# Save the callee-saved registers on the current stack, store the
# stack pointer in *old, switch to new's stack and restore its registers.
	.text
	.globl swtch
swtch:
	mov	4(%esp), %eax
	mov	8(%esp), %edx
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	mov	%esp, (%eax)
	mov	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
