package x86

// The instruction table (table_gen.go) is generated from x86.v0.2.csv in
// the golang.org/x/arch module, read from the module cache, Intel XED's
// database (copied to internal/gen/xed with its licence) and the spec
// files in internal/gen, which list the forms Go accepts in the order Go
// tries them: core.spec (integer instructions), legacy.spec (SSE, AES,
// SHA, BMI, system), x87.spec and vex.spec. The generator checks every
// entry, so a malformed one fails go generate; the output is typed Go
// data (an Op per mnemonic, a form per encoding) that nothing parses at
// run time. Each form also gets the CPU features it needs (formFeatures,
// for p9as --requires): the CSV's CPUID column, XED's ISA set where the
// column is empty and for XED's forms, and for a form a spec writes out
// the CSV row with its encoding or XED's instruction of its name. TestTableUpToDate regenerates it with this directive's
// arguments and compares.
//go:generate go run ./internal/gen -xed internal/gen/xed -spec internal/gen/core.spec,internal/gen/legacy.spec,internal/gen/x87.spec,internal/gen/vex.spec -o table_gen.go
