// Package p9 carries the runtime's Plan 9 assembly and headers inside the
// binaries that link programs, so they work from any directory.
//
// The embedding lives here, not in runtime-src, because a directory with Go
// files is a Go package and the go command would assemble its .s files with
// Go's assembler as part of that package.
package p9

import "embed"

//go:generate go run ./runtime-src/internal/genlayout -in runtime-src/layout.txt -out runtime-src/go_asm.h -strings runtime-src/strings_amd64.s
//go:generate go run ./runtime-src/internal/genobj -out runtime-src/obj

// RuntimeFS holds runtime-src's .s files and headers under "runtime-src/",
// and the bare-metal layer under "runtime-src/pvh/".
//
//go:embed runtime-src/*.s runtime-src/*.h runtime-src/pvh/*.s
var RuntimeFS embed.FS

// RuntimeObjFS holds the runtime assembled ahead of time, one object per
// source under "runtime-src/obj/<target>/" (linux, pvh), so a link does
// not assemble it again. go generate writes them; a test checks that they
// are what the sources assemble to today.
//
//go:embed runtime-src/obj
var RuntimeObjFS embed.FS
