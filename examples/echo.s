// echo: a TCP echo server on the runtime's network poller. It listens on
// 127.0.0.1, port ECHO_PORT (default 7007), accepts in a loop that parks
// in runtime·pollWait, and runs a goroutine per connection that echoes
// what it reads until end of file. No goroutine holds a thread while it
// waits: every descriptor is non-blocking and registered with the poller.
//
// A connection idle for ECHO_IDLE_MS milliseconds (default 10,000) is
// dropped: each read and the writes after it have that deadline. When
// accept fails for want of descriptors (EMFILE, ENFILE) or memory, the
// loop sleeps 5 ms, doubling up to 1 s, as Go's net/http server does:
// the connections waiting to be accepted raise no new edge for the
// edge-triggered poller, so waiting in pollWait there could wait for ever.
// Prints "echo listening on <port>" once it listens; errors go to
// standard error.
//
//	p9ld -o echo examples/echo.s && ECHO_PORT=7007 ./echo

#include "textflag.h"

#define SYS_close	3
#define SYS_socket	41
#define SYS_bind	49
#define SYS_listen	50
#define SYS_setsockopt	54
#define SYS_accept4	288

#define AF_INET	2
#define SOCK_STREAM	1
#define SOCK_NONBLOCK	0x800
#define SOCK_CLOEXEC	0x80000
#define SOL_SOCKET	1
#define SO_REUSEADDR	2

#define EINTR	4
#define EAGAIN	11
#define ECONNABORTED	103

#define DEFAULTPORT	7007
#define DEFAULTIDLE	10000	// ms
#define BUFSIZE	4096
#define BACKOFFMIN	5000000	// ns
#define BACKOFFMAX	1000000000

GLOBL main·lfd(SB), NOPTR, $8
GLOBL main·lpd(SB), NOPTR, $8
GLOBL main·idle(SB), NOPTR, $8

TEXT main·main(SB), $96-0
	// The port and the idle time from the environment.
	LEAQ	portvar<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$DEFAULTPORT, 8(SP)
	CALL	main·envint(SB)
	MOVQ	16(SP), AX
	CMPQ	AX, $65535
	JHI	badport
	MOVQ	AX, port-8(SP)
	LEAQ	idlevar<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$DEFAULTIDLE, 8(SP)
	CALL	main·envint(SB)
	MOVQ	16(SP), AX
	IMULQ	$1000000, AX
	MOVQ	AX, main·idle(SB)

	MOVQ	$SYS_socket, 0(SP)
	MOVQ	$AF_INET, 8(SP)
	MOVQ	$(SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC), 16(SP)
	MOVQ	$0, 24(SP)
	CALL	main·sys(SB)
	LEAQ	socketmsg<>(SB), BX
	TESTQ	AX, AX
	JLT	fail
	MOVQ	AX, main·lfd(SB)
	// A restarted server may bind the port its last run's connections
	// linger on.
	MOVL	$1, one-16(SP)
	MOVQ	$SYS_setsockopt, 0(SP)
	MOVQ	AX, 8(SP)
	MOVQ	$SOL_SOCKET, 16(SP)
	MOVQ	$SO_REUSEADDR, 24(SP)
	LEAQ	one-16(SP), AX
	MOVQ	AX, 32(SP)
	MOVQ	$4, 40(SP)
	CALL	main·sys(SB)
	// struct sockaddr_in: AF_INET, the port big-endian, 127.0.0.1.
	MOVQ	$0, sa-32(SP)
	MOVQ	$0, sa-24(SP)
	MOVW	$AF_INET, sa-32(SP)
	MOVQ	port-8(SP), AX
	ROLW	$8, AX
	MOVW	AX, sa-30(SP)
	MOVL	$0x0100007f, sa-28(SP)
	MOVQ	$SYS_bind, 0(SP)
	MOVQ	main·lfd(SB), AX
	MOVQ	AX, 8(SP)
	LEAQ	sa-32(SP), AX
	MOVQ	AX, 16(SP)
	MOVQ	$16, 24(SP)
	CALL	main·sys(SB)
	LEAQ	bindmsg<>(SB), BX
	TESTQ	AX, AX
	JLT	fail
	MOVQ	$SYS_listen, 0(SP)
	MOVQ	main·lfd(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$4096, 16(SP)
	CALL	main·sys(SB)
	LEAQ	listenmsg<>(SB), BX
	TESTQ	AX, AX
	JLT	fail
	MOVQ	main·lfd(SB), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pollOpen(SB)
	MOVQ	16(SP), AX
	NEGQ	AX
	LEAQ	pollmsg<>(SB), BX
	TESTQ	AX, AX
	JNE	fail
	MOVQ	8(SP), AX
	MOVQ	AX, main·lpd(SB)
	LEAQ	listening<>(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$18, 8(SP)
	CALL	runtime·printstring(SB)
	MOVQ	port-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·printint(SB)
	CALL	runtime·printnl(SB)
	MOVQ	$0, backoff-40(SP)

accept:
	MOVQ	$SYS_accept4, 0(SP)
	MOVQ	main·lfd(SB), AX
	MOVQ	AX, 8(SP)
	MOVQ	$0, 16(SP)
	MOVQ	$0, 24(SP)
	MOVQ	$(SOCK_NONBLOCK|SOCK_CLOEXEC), 32(SP)
	CALL	main·sys(SB)
	TESTQ	AX, AX
	JLT	accepterr
	MOVQ	$0, backoff-40(SP)
	MOVQ	AX, 0(SP)
	CALL	main·serve(SB)
	JMP	accept
accepterr:
	CMPQ	AX, $-EAGAIN
	JEQ	wait
	CMPQ	AX, $-EINTR
	JEQ	accept
	CMPQ	AX, $-ECONNABORTED
	JEQ	accept
	// Out of descriptors or memory, or worse: report, and try again
	// after a pause that doubles while it lasts.
	MOVQ	AX, 8(SP)
	LEAQ	acceptmsg<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·report(SB)
	MOVQ	backoff-40(SP), AX
	SHLQ	$1, AX
	CMPQ	AX, $BACKOFFMIN
	JGE	capped
	MOVQ	$BACKOFFMIN, AX
capped:
	CMPQ	AX, $BACKOFFMAX
	JLE	sleep
	MOVQ	$BACKOFFMAX, AX
sleep:
	MOVQ	AX, backoff-40(SP)
	MOVQ	AX, 0(SP)
	CALL	runtime·timeSleep(SB)
	JMP	accept
wait:
	MOVQ	main·lpd(SB), AX
	MOVQ	AX, 0(SP)
	MOVQ	$'r', 8(SP)
	CALL	runtime·pollWait(SB)
	JMP	accept

badport:
	LEAQ	portmsg<>(SB), BX
	MOVQ	$-22, AX	// EINVAL
fail:
	MOVQ	BX, 0(SP)
	MOVQ	AX, 8(SP)
	CALL	main·report(SB)
	MOVL	$1, 0(SP)
	CALL	runtime·exit(SB)
	RET

// main·serve(fd int64): a goroutine to echo on connection fd; on failure,
// a report and fd closed.
TEXT main·serve(SB), $24-8
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pollOpen(SB)
	MOVQ	16(SP), AX
	TESTQ	AX, AX
	JNE	failed
	MOVQ	8(SP), AX
	MOVQ	AX, pd-8(SP)
	// The goroutine's closure: {main·conn, fd, pd}.
	MOVQ	$24, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	LEAQ	main·conn(SB), CX
	MOVQ	CX, 0(AX)
	MOVQ	fd+0(FP), CX
	MOVQ	CX, 8(AX)
	MOVQ	pd-8(SP), CX
	MOVQ	CX, 16(AX)
	MOVQ	AX, 0(SP)
	CALL	runtime·newproc(SB)
	RET
failed:
	NEGQ	AX
	MOVQ	AX, 8(SP)
	LEAQ	pollmsg<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·report(SB)
	MOVQ	$SYS_close, 0(SP)
	MOVQ	fd+0(FP), AX
	MOVQ	AX, 8(SP)
	CALL	main·sys(SB)
	RET

// main·conn is a connection's goroutine (DX: its closure {fn, fd, pd}):
// read, write back all of it, until end of file, an error, or a deadline.
TEXT main·conn(SB), $64-0
	MOVQ	DX, c-8(SP)
	MOVQ	$BUFSIZE, 0(SP)
	CALL	runtime·malloc(SB)
	MOVQ	8(SP), AX
	MOVQ	AX, buf-16(SP)
loop:
	// Idle for longer than main·idle, reading or writing: dropped.
	CALL	runtime·nanotime(SB)
	MOVQ	0(SP), AX
	ADDQ	main·idle(SB), AX
	MOVQ	c-8(SP), DX
	MOVQ	16(DX), CX
	MOVQ	CX, 0(SP)
	MOVQ	AX, 8(SP)
	MOVQ	$('r'+'w'), 16(SP)
	CALL	runtime·pollSetDeadline(SB)
	MOVQ	c-8(SP), DX
	MOVQ	8(DX), AX
	MOVL	AX, 0(SP)
	MOVQ	buf-16(SP), AX
	MOVQ	AX, 8(SP)
	MOVL	$BUFSIZE, 16(SP)
	CALL	runtime·read(SB)
	MOVLQSX	24(SP), AX
	TESTQ	AX, AX
	JLE	done	// end of file, a reset, the deadline
	MOVQ	AX, n-24(SP)
	MOVQ	$0, off-32(SP)
write:
	MOVQ	c-8(SP), DX
	MOVQ	8(DX), AX
	MOVQ	AX, 0(SP)
	MOVQ	buf-16(SP), AX
	ADDQ	off-32(SP), AX
	MOVQ	AX, 8(SP)
	MOVQ	n-24(SP), AX
	SUBQ	off-32(SP), AX
	MOVL	AX, 16(SP)
	CALL	runtime·write(SB)
	MOVLQSX	24(SP), AX
	TESTQ	AX, AX
	JLE	done	// a broken pipe (EPIPE, no signal), the deadline
	ADDQ	AX, off-32(SP)
	MOVQ	off-32(SP), AX
	CMPQ	AX, n-24(SP)
	JLT	write
	JMP	loop
done:
	MOVQ	c-8(SP), DX
	MOVQ	16(DX), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·pollClose(SB)
	MOVQ	$SYS_close, 0(SP)
	MOVQ	c-8(SP), DX
	MOVQ	8(DX), AX
	MOVQ	AX, 8(SP)
	CALL	main·sys(SB)
	MOVQ	buf-16(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	MOVQ	c-8(SP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·free(SB)
	RET

// main·sys(num, a1, a2, a3, a4, a5 int64) is runtime·syscall6 with a6 0,
// returning in AX the result, or -errno.
TEXT main·sys(SB), $72-48
	MOVQ	num+0(FP), AX
	MOVQ	AX, 0(SP)
	MOVQ	a1+8(FP), AX
	MOVQ	AX, 8(SP)
	MOVQ	a2+16(FP), AX
	MOVQ	AX, 16(SP)
	MOVQ	a3+24(FP), AX
	MOVQ	AX, 24(SP)
	MOVQ	a4+32(FP), AX
	MOVQ	AX, 32(SP)
	MOVQ	a5+40(FP), AX
	MOVQ	AX, 40(SP)
	MOVQ	$0, 48(SP)
	CALL	runtime·syscall6(SB)
	MOVQ	56(SP), AX
	MOVQ	64(SP), CX
	TESTQ	CX, CX
	JEQ	done
	MOVQ	CX, AX
	NEGQ	AX
done:
	RET

// main·report(msg *byte, err int64): "echo: <msg>: errno <-err>" on
// standard error; msg is NUL-terminated.
TEXT main·report(SB), $24-16
	LEAQ	prefix<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·eprint(SB)
	MOVQ	msg+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	main·eprint(SB)
	LEAQ	errnomsg<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·eprint(SB)
	MOVQ	$2, 0(SP)
	MOVQ	err+8(FP), AX
	NEGQ	AX
	MOVQ	AX, 8(SP)
	CALL	runtime·fprintint(SB)
	LEAQ	newline<>(SB), AX
	MOVQ	AX, 0(SP)
	CALL	main·eprint(SB)
	RET

// main·eprint(s *byte): the NUL-terminated s on standard error.
TEXT main·eprint(SB), $32-8
	MOVQ	s+0(FP), SI
	MOVQ	SI, DI
len:
	CMPB	0(DI), $0
	JEQ	write
	INCQ	DI
	JMP	len
write:
	SUBQ	SI, DI
	MOVQ	$2, 0(SP)
	MOVQ	SI, 8(SP)
	MOVL	DI, 16(SP)
	CALL	runtime·write(SB)
	RET

// main·envint(name *byte, def int64) int64: the environment variable
// name (NUL-terminated "NAME=") as a decimal number, or def when it is
// unset or not one.
TEXT main·envint(SB), $24-24
	MOVQ	def+8(FP), AX
	MOVQ	AX, ret+16(FP)
	MOVQ	name+0(FP), AX
	MOVQ	AX, 0(SP)
	CALL	runtime·getenv(SB)
	MOVQ	8(SP), AX
	TESTQ	AX, AX
	JEQ	done
	MOVQ	AX, 0(SP)
	CALL	runtime·atoi(SB)
	CMPB	16(SP), $0
	JEQ	done
	MOVQ	8(SP), AX
	MOVQ	AX, ret+16(FP)
done:
	RET

DATA portvar<>+0(SB)/8, $"ECHO_POR"
DATA portvar<>+8(SB)/3, $"T=\x00"
GLOBL portvar<>(SB), RODATA|NOPTR, $11
DATA idlevar<>+0(SB)/8, $"ECHO_IDL"
DATA idlevar<>+8(SB)/6, $"E_MS=\x00"
GLOBL idlevar<>(SB), RODATA|NOPTR, $14
DATA listening<>+0(SB)/8, $"echo lis"
DATA listening<>+8(SB)/8, $"tening o"
DATA listening<>+16(SB)/4, $"n \x00\x00"
GLOBL listening<>(SB), RODATA|NOPTR, $20
DATA prefix<>+0(SB)/7, $"echo: \x00"
GLOBL prefix<>(SB), RODATA|NOPTR, $7
DATA errnomsg<>+0(SB)/8, $": errno "
DATA errnomsg<>+8(SB)/1, $"\x00"
GLOBL errnomsg<>(SB), RODATA|NOPTR, $9
DATA newline<>+0(SB)/2, $"\n\x00"
GLOBL newline<>(SB), RODATA|NOPTR, $2
DATA socketmsg<>+0(SB)/7, $"socket\x00"
GLOBL socketmsg<>(SB), RODATA|NOPTR, $7
DATA bindmsg<>+0(SB)/5, $"bind\x00"
GLOBL bindmsg<>(SB), RODATA|NOPTR, $5
DATA listenmsg<>+0(SB)/7, $"listen\x00"
GLOBL listenmsg<>(SB), RODATA|NOPTR, $7
DATA pollmsg<>+0(SB)/9, $"pollOpen\x00"
GLOBL pollmsg<>(SB), RODATA|NOPTR, $9
DATA acceptmsg<>+0(SB)/7, $"accept\x00"
GLOBL acceptmsg<>(SB), RODATA|NOPTR, $7
DATA portmsg<>+0(SB)/10, $"ECHO_PORT\x00"
GLOBL portmsg<>(SB), RODATA|NOPTR, $10
