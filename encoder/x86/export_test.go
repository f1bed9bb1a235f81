package x86

import (
	"fmt"
	"math/rand"
)

// What package x86_test, which compares the table with go tool asm
// through package encoder, needs of the generators here.

// FormLines instantiates every form with sample operands.
var FormLines = formLines

// NumForms is the number of forms in the table.
const NumForms = len(formTable)

// TableInstructions writes two instructions of every form, with operands
// chosen by a random source seeded with seed.
func TableInstructions(seed int64) []string {
	c := randChooser{rand.New(rand.NewSource(seed))}
	var insts []string
	for op := Op(1); op < numOps; op++ {
		fs := op.forms()
		for i := range fs {
			for k := 0; k < 2; k++ {
				if in, ok := genInstruction(c, op.String(), &fs[i]); ok {
					insts = append(insts, in)
				}
			}
		}
	}
	return insts
}

// InstructionFromBytes writes an instruction of a form and with operands
// chosen by a fuzz input, and describes the form.
func InstructionFromBytes(in []byte) (inst, form string, ok bool) {
	c := &byteChooser{b: in}
	i := c.pick(len(formTable))
	inst, ok = genInstruction(c, formOp(i).String(), &formTable[i])
	return inst, fmt.Sprintf("%+v", formTable[i]), ok
}
