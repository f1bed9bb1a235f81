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
//go:embed runtime-src/*.s runtime-src/*.h runtime-src/pvh/*.s runtime-src/pvh/*.h
var RuntimeFS embed.FS

// RuntimeArchives holds the runtime assembled ahead of time, for each
// target p9ld links for (linux, pvh): an ar archive of one object per
// source, in the order of the sources, at "runtime-src/obj/<target>.a".
// go generate writes them; a test checks that they are what the sources
// assemble to today. They are []byte variables, not files of an embed.FS,
// so that a link reads the objects in place instead of copying them.
var RuntimeArchives = map[string][]byte{"linux": runtimeLinux, "pvh": runtimePVH}

//go:embed runtime-src/obj/linux.a
var runtimeLinux []byte

//go:embed runtime-src/obj/pvh.a
var runtimePVH []byte
