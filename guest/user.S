# SPDX-License-Identifier: GPL-2.0-only
# The ring-3 program every process runs: a loop that asks the kernel
# for step i of its script (system call 1) and does the access the
# kernel hands back. Position independent: it is copied to USER_TEXT.
# Uses no stack, so it takes no faults of its own.

#define SYS_step   1
#define OP_UREAD   1
#define OP_UWRITE  2
#define OP_USPIN   5

	.text
	.globl user_prog, user_prog_end
user_prog:
	xor	%edi, %edi
1:	mov	$SYS_step, %eax
	mov	%edi, %ebx
	int	$0x80                   # eax = op, ebx = address, ecx = value
	inc	%edi
	cmp	$OP_UREAD, %eax
	je	2f
	cmp	$OP_UWRITE, %eax
	je	3f
	cmp	$OP_USPIN, %eax
	je	4f
	jmp	1b
2:	mov	(%ebx), %edx            # user read
	jmp	1b
3:	mov	%ecx, (%ebx)            # user write
	jmp	1b
4:	jmp	4b                      # spin until the watchdog fires
user_prog_end:
