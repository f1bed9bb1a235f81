// Package runtimesrc carries the runtime's Plan 9 assembly and headers
// inside the p9ld binary, so programs link against it from any directory.
package runtimesrc

import "embed"

// FS holds the runtime's .s files and headers at its root.
//
//go:embed *.s *.h
var FS embed.FS
