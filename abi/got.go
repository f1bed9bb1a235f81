package abi

import "debug/elf"

// GOTLoadReloc is the ELF relocation for a GOT-relative 32-bit field
// (Go's R_GOTPCREL) that follows code, the instruction's bytes up to and
// including its ModRM byte. A MOV load (8B) says so with GOTPCRELX, or
// REX_GOTPCRELX after a REX prefix, so that a linker may relax it to a
// LEA of the symbol when the symbol turns out to be local; anything else
// keeps the plain GOTPCREL, which every linker resolves through a GOT
// slot. Go's -dynlink rewrites only ever load addresses with MOVQ.
func GOTLoadReloc(code []byte) elf.R_X86_64 {
	n := len(code)
	if n < 2 || code[n-2] != 0x8B {
		return elf.R_X86_64_GOTPCREL
	}
	if n >= 3 && code[n-3]&0xF0 == 0x40 {
		return elf.R_X86_64_REX_GOTPCRELX
	}
	return elf.R_X86_64_GOTPCRELX
}

// Retpoline is the name of the runtime thunk that -spectre=ret makes an
// indirect CALL or JMP through register reg (AX, ..., R15) go through.
func Retpoline(reg string) string { return "runtime.retpoline" + reg }
