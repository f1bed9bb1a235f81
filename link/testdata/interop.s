# GNU as half of the interop test. The p9 half defines _rt0_amd64_linux,
# c.greet, p9exit and counter; this file defines as_main, as_inc and a
# TLS variable.
	.text
	.globl	as_main
	.type	as_main, @function
as_main:
	call	c.greet
	movq	counter@GOTPCREL(%rip), %rax
	movl	(%rax), %edi
	movq	greetp(%rip), %rdx
	cmpq	$c.greet, %rdx
	je	1f
	movl	$99, %edi
1:	call	*p9exit@GOTPCREL(%rip)
	hlt
	.size	as_main, .-as_main

	.globl	as_inc
	.type	as_inc, @function
as_inc:
	addl	$5, counter(%rip)
	ret
	.size	as_inc, .-as_inc

	.globl	as_tlsuse
	.type	as_tlsuse, @function
as_tlsuse:
	movq	%fs:as_tls@tpoff, %rax
	movl	%fs:as_tls2@tpoff, %eax
	movq	%fs:runtime.tlsg@tpoff, %rax
	movl	%fs:as_tdata@tpoff, %eax
	ret
	.size	as_tlsuse, .-as_tlsuse

	.data
	.align	8
greetp:
	.quad	c.greet

	.section .tdata,"awT",@progbits
	.align	4
as_tdata:
	.long	0x1234

	.section .tbss,"awT",@nobits
	.align	32
	.globl	as_tls
	.type	as_tls, @object
as_tls:
	.zero	16
	.size	as_tls, 16
as_tls2:
	.zero	4

	.section .note.GNU-stack,"",@progbits
