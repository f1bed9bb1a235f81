package obj

// DecodeSPDepths exposes the writer's machine-code SP analysis to tests
// that hold an assembler's own record against it.
var DecodeSPDepths = spDepths
