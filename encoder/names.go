package encoder

import "github.com/p9tools/p9/abi"

// Condition codes, from package abi.
var ccNames = abi.CondNames

const (
	ccCS = abi.CondCS
	ccLS = abi.CondLS
)

func condCode(op string) (byte, bool) { return abi.JumpCond(op) }
