package encoder

import (
	"slices"
	"sort"
	"strings"
	"unsafe"
)

// features returns the index in featureSets of the CPU features f needs,
// or 0 (none) for a form that is not one of formTable's.
func (f *form) features() uint8 {
	base := uintptr(unsafe.Pointer(&formTable[0]))
	off := uintptr(unsafe.Pointer(f)) - base
	i := off / unsafe.Sizeof(formTable[0])
	if uintptr(unsafe.Pointer(f)) < base || i >= uintptr(len(formTable)) || off%unsafe.Sizeof(formTable[0]) != 0 {
		return 0
	}
	return formFeatures[i]
}

// requires lists the CPU features a function's instructions need, sorted,
// each once.
func requires(progs []*prog) []string {
	var seen [len(featureSets)]bool
	var out []string
	for _, p := range progs {
		if p.feat == 0 || seen[p.feat] {
			continue
		}
		seen[p.feat] = true
		out = append(out, strings.Split(featureSets[p.feat], ",")...)
	}
	if len(out) == 0 {
		return nil
	}
	sort.Strings(out)
	return slices.Compact(out)
}
