# SPDX-License-Identifier: GPL-2.0-only
# Boot: the multiboot header, the entry point (run with paging off at
# the physical load address) and paging_switch. This section is linked
# at its physical address, so a loader that wants the ELF entry point
# inside a segment (GRUB) and one that jumps to it as is (QEMU) agree.

#include "mmu.h"

#define MB_MAGIC  0x1BADB002
#define MB_FLAGS  0x00000003            /* page-aligned modules, memory info */
#define V2P(x)    ((x) - PAGE_OFFSET)

	.section .multiboot, "a"
	.align 4
	.long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

	.section .boot.text, "ax"
	.code32
	.globl _start
# eax = 0x2BADB002, ebx = physical address of the multiboot info.
# Copy what is needed from it (the command line may lie anywhere),
# map the first 4 MiB at 0 and at PAGE_OFFSET with a 4 MiB PSE page,
# turn paging on and continue at the kernel's virtual address.
_start:
	cli
	cld
	mov	%ebx, %esi
	mov	(%esi), %ecx                    # flags
	test	$1, %ecx
	jz	1f
	mov	8(%esi), %edx                   # mem_upper (KiB above 1 MiB)
	mov	%edx, V2P(boot_mem_upper)
1:	test	$4, %ecx
	jz	3f
	mov	16(%esi), %esi                  # cmdline
	mov	$V2P(boot_cmdline), %edi
	mov	$255, %ecx
2:	lodsb
	stosb
	test	%al, %al
	jz	3f
	loop	2b
	movb	$0, (%edi)
3:	mov	$V2P(boot_pgdir), %edi
	movl	$(0x00000000 | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE), (%edi)
	movl	$(0x00000000 | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE), ((PAGE_OFFSET >> 22) * 4)(%edi)
	mov	%edi, %cr3
	mov	%cr4, %eax
	or	$X86_CR4_PSE, %eax
	mov	%eax, %cr4
	mov	%cr0, %eax
	or	$(X86_CR0_PG | X86_CR0_WP), %eax
	mov	%eax, %cr0
	mov	$high, %eax
	jmp	*%eax

# void paging_switch(uint32_t cr3, uint32_t cr4)
# Turn paging off, load cr4 and cr3, turn it on again. Runs at its
# identity address, so the new table must map this page at its
# physical address; touches no memory while paging is off.
	.globl paging_switch
paging_switch:
	mov	4(%esp), %edx
	mov	8(%esp), %ecx
	mov	%cr0, %eax
	and	$~X86_CR0_PG, %eax
	mov	%eax, %cr0
	mov	%ecx, %cr4
	mov	%edx, %cr3
	or	$X86_CR0_PG, %eax
	mov	%eax, %cr0
	ret

	.text
high:
	mov	$boot_stack_top, %esp
	xor	%ebp, %ebp
	call	kmain
4:	cli
	hlt
	jmp	4b

	.bss
	.align PAGE_SIZE
boot_pgdir:
	.space PAGE_SIZE
boot_stack:
	.space 4 * PAGE_SIZE
boot_stack_top:
	.globl boot_cmdline
boot_cmdline:
	.space 256
	.globl boot_mem_upper
boot_mem_upper:
	.space 4
