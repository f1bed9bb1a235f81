package asm_test

import (
	"fmt"
	"strings"
	"testing"
)

// encAVX512Cases exercise the EVEX details one at a time: compressed
// displacements at their limits, broadcast scales, masks and zeroing,
// rounding and SAE, high registers in every field and VSIB indexes.
var encAVX512Cases = []string{
	// disp8*N: 64-byte vectors compress multiples of 64 up to ±127*64.
	"VADDPD 64(AX), Z1, Z2", "VADDPD -8192(AX), Z1, Z2", "VADDPD 8128(AX), Z1, Z2",
	"VADDPD 8192(AX), Z1, Z2", "VADDPD 8(AX), Z1, Z2", "VADDPD -65(AX), Z1, Z2",
	"VADDPS 32(AX), Y1, K1, Y2", "VADDPS 16(R13), X1, K7, X2", "VADDPD (BP), Z1, Z2", "VADDPD (R13), Z1, Z2",
	"VADDPD (SP), Z1, Z2", "VADDPD (R12)(R13*8), Z1, Z2",
	// Broadcasts scale by the element size.
	"VADDPD.BCST 8(AX), Z1, Z2", "VADDPD.BCST 1016(AX), Z1, K3, Z2", "VADDPD.BCST 1024(AX), Z1, Z2",
	"VADDPS.BCST 4(AX), Z1, Z2", "VADDPS.BCST.Z 508(AX), Z1, K2, Z2", "VPADDD.BCST 12(R15), Y20, K1, Y21",
	// Scalars and tuples.
	"VADDSD 8(AX), X1, X2", "VADDSS 4(AX), X21, K1, X22", "VBROADCASTSS 4(AX), Z1", "VBROADCASTI32X4 16(AX), Z1",
	"VEXTRACTF32X4 $1, Z1, 16(AX)", "VPMOVDB Z1, 16(AX)", "VMOVDDUP 8(AX), X1", "VMOVDDUP 32(AX), Y17",
	// Registers 16..31 in each field, with and without masks.
	"VADDPD Z31, Z30, Z29", "VADDPD Z16, Z8, K7, Z0", "VADDPD X31, X1, X2", "VADDPD Y1, Y31, Y2", "VADDPD.Z Y1, Y2, K1, Y31",
	// Rounding and SAE.
	"VADDPD.RN_SAE Z1, Z2, Z3", "VADDPD.RZ_SAE.Z Z1, Z2, K4, Z3", "VADDSD.RU_SAE X1, X2, X3", "VMAXPD.SAE Z1, Z2, Z3",
	"VCMPPD.SAE $3, Z1, Z2, K1", "VCVTPD2PS.RD_SAE Z1, Y2", "VUCOMISD.SAE X1, X2",
	// VSIB with EVEX indexes.
	"VPGATHERDD 8(AX)(Z20*4), K1, Z2", "VPGATHERQQ -16(R9)(Z3*8), K2, Z28", "VGATHERDPD (AX)(Y31*1), K3, Z1",
	"VPSCATTERDD Z1, K1, 64(AX)(Z2*4)", "VSCATTERQPD Y17, K7, (R15)(Y18*2)",
	// Mask register instructions (VEX).
	"KANDW K1, K2, K3", "KMOVQ K1, R11", "KMOVB (R11), K7", "KSHIFTRD $3, K1, K2", "KORTESTQ K1, K2", "KUNPCKBW K1, K2, K3",
	// RIP-relative operands: the displacement is never compressed and the
	// relocation accounts for a trailing immediate.
	"VADDPD ·x(SB), Z1, Z2", "VADDPD ·x+64(SB), Z1, K1, Z2", "VPSHUFD $1, ·x(SB), X1", "VPSHUFD $1, ·x+4(SB), X21",
	"VPTERNLOGD $0x96, ·x(SB), Z1, Z2", "VADDPD ·x(SB), X1, X2", "PSHUFD $3, ·x(SB), X9", "FMOVD ·x(SB), F0",
	// 4-register groups.
	"V4FMADDPS 16(AX), [Z4-Z7], K1, Z9", "VP4DPWSSD (AX), [Z28-Z31], K2, Z1",
}

// TestEncoderAVX512Details compares each case with go tool asm.
func TestEncoderAVX512Details(t *testing.T) {
	var src strings.Builder
	desc := map[string]string{}
	for i, l := range encAVX512Cases {
		fmt.Fprintf(&src, "TEXT ·v%03d(SB), 516, $0-0\n\t%s\n", i, l)
		desc[fmt.Sprintf("main.v%03d", i)] = l
	}
	same := encCompareQuiet(t, src.String(), func(s string) string { return desc[s] })
	if same != len(encAVX512Cases) {
		t.Errorf("%d/%d identical", same, len(encAVX512Cases))
	}
}
