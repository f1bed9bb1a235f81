// A leaf function that keeps a local in the red zone, the 128 bytes below
// its stack pointer that the System V ABI lets a leaf use, while it spins
// until another goroutine sets redzone_flag.
volatile long redzone_flag;
volatile long redzone_started;

long redzone_keep(void) {
	volatile long local = 4660;
	redzone_started = 1;
	while (!redzone_flag)
		;
	return local;
}
