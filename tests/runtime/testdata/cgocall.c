// C functions cgocall.s calls through runtime·asmcgocall. There is no
// libc: system calls are made directly.

struct timespec {
	long tv_sec;
	long tv_nsec;
};

#define SYS_sched_yield	24
#define SYS_nanosleep	35
#define EINTR	4

static long syscall2(long n, long a, long b) {
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return ret;
}

// deep recurses n levels with 4 KiB of locals at each; what it returns
// depends on every level's locals being intact.
__attribute__((noinline)) static long deep(long n) {
	volatile unsigned char buf[4096];
	long i, sum = 0;
	for (i = 0; i < (long)sizeof buf; i++)
		buf[i] = (unsigned char)(i + n);
	if (n > 0)
		sum = deep(n - 1);
	for (i = 0; i < (long)sizeof buf; i++)
		if (buf[i] != (unsigned char)(i + n))
			return -1000000;
	return sum + n;
}

// cgo_bigstack touches a 64 KiB local array, then recurses arg levels
// deep (4 KiB each): more stack than a goroutine has. It returns
// 1000*arg + the sum 0+1+...+arg, or a negative number if a local changed.
int cgo_bigstack(void *arg) {
	volatile unsigned char big[65536];
	long n = (long)arg, i, sum;
	for (i = 0; i < (long)sizeof big; i++)
		big[i] = (unsigned char)(i * 7 + n);
	sum = deep(n);
	for (i = 0; i < (long)sizeof big; i++)
		if (big[i] != (unsigned char)(i * 7 + n))
			return -1;
	return (int)(1000 * n + sum);
}

// cgo_align returns the frame address modulo 16: 0 when the caller's
// stack was 16-byte aligned at the call, as the System V ABI wants.
int cgo_align(void *arg) {
	(void)arg;
	return (int)((unsigned long)__builtin_frame_address(0) & 15);
}

// cgo_fill fills 64 KiB of locals with a pattern of its own, yields the
// CPU a few times so that other threads run C meanwhile, and checks the
// pattern: it returns arg, or -1 if another call wrote on its stack.
int cgo_fill(void *arg) {
	volatile unsigned char buf[65536];
	long id = (long)arg, i, k;
	for (i = 0; i < (long)sizeof buf; i++)
		buf[i] = (unsigned char)(i * 31 + id);
	for (k = 0; k < 3; k++)
		syscall2(SYS_sched_yield, 0, 0);
	for (i = 0; i < (long)sizeof buf; i++)
		if (buf[i] != (unsigned char)(i * 31 + id))
			return -1;
	return (int)id;
}

// cgo_sleep blocks in the kernel for arg milliseconds and returns arg.
int cgo_sleep(void *arg) {
	long ms = (long)arg;
	struct timespec req = {ms / 1000, (ms % 1000) * 1000000}, rem;
	while (syscall2(SYS_nanosleep, (long)&req, (long)&rem) == -EINTR)
		req = rem;
	return (int)ms;
}

// cgo_release is set by a goroutine to end cgo_wait.
volatile long cgo_release;

// cgo_wait blocks in the kernel, a millisecond at a time, until
// cgo_release is set; it returns 1, or 0 if arg milliseconds passed first.
int cgo_wait(void *arg) {
	long ms;
	for (ms = 0; ms < (long)arg; ms++) {
		struct timespec req = {0, 1000000}, rem;
		if (cgo_release)
			return 1;
		while (syscall2(SYS_nanosleep, (long)&req, (long)&rem) == -EINTR)
			req = rem;
	}
	return 0;
}

// cgo_crash writes through a nil pointer (cgocrash.s).
int cgo_crash(void *arg) {
	*(volatile long *)arg = 1;
	return 0;
}
