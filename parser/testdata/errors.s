// Every error is reported once, at the line written, and parsing goes on.
#include "defs.h"
#include "missing.h"
#define LOOP LOOP
TEXT ·bad(SB), NOSPLIT, $(8*8)-16
	MOVQ $AX, BX
	MOVQ foo, AX
	MOVQ g_m(AX), BX
	MOVQ (AX)(BX*3), CX
	MOVQ $1/0, AX
	MOVQ AX,, BX
	MOVQ AX BX
	LOOP
	NOP
	SAVE(AX)
	MOVQ (SB), AX; MOVQ 1(FP), AX
#pragma once
#ifdef NOPE
	anything at all: 'x
#else
	RET
#endif
#ifndef NOPE
	RET
