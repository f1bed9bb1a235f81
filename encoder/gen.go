package encoder

// The instruction table is generated from golang.org/x/arch's x86.v0.2.csv
// (copied to internal/gen with its licence) and internal/gen/core.spec,
// which lists the forms Go accepts in the order Go tries them.
//go:generate go run ./internal/gen -csv internal/gen/x86.v0.2.csv -spec internal/gen/core.spec,internal/gen/legacy.spec,internal/gen/vex.spec -o table_gen.go
