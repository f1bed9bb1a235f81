package encoder

// The instruction table is generated from golang.org/x/arch's x86.v0.2.csv
// and Intel XED's database (both copied to internal/gen with their
// licences) and the spec files in internal/gen, which list the forms Go
// accepts in the order Go tries them: core.spec (integer instructions),
// legacy.spec (SSE, AES, SHA, BMI, system), x87.spec and vex.spec.
//go:generate go run ./internal/gen -csv internal/gen/x86.v0.2.csv -xed internal/gen/xed -spec internal/gen/core.spec,internal/gen/legacy.spec,internal/gen/x87.spec,internal/gen/vex.spec -o table_gen.go
