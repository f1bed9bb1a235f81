// Taking and dropping a runtime mutex (lock_futex_amd64.s) given where it
// is: LOCK_MUTEX(m) calls lock(&m) and UNLOCK_MUTEX(m) unlock(&m), m an
// operand whose address LEAQ takes (SCHEDLOCK, hchan_lock(BX), ...). Each
// writes the argument at 0(SP) and goes through AX.

#define LOCK_MUTEX(m)	LEAQ m, AX; MOVQ AX, 0(SP); CALL runtime·lock(SB)
#define UNLOCK_MUTEX(m)	LEAQ m, AX; MOVQ AX, 0(SP); CALL runtime·unlock(SB)
