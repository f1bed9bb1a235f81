package x86

import (
	"strings"
	"unsafe"
)

// Features names a set of CPU features some form needs: an index in
// featureSets, 0 for none.
type Features uint8

// Names lists the features, as CPUID names them (AVX2, BMI1).
func (s Features) Names() []string {
	if s == 0 {
		return nil
	}
	return strings.Split(featureSets[s], ",")
}

// Features returns the CPU features f needs, or none for a form that is
// not one of formTable's.
func (f *Form) Features() Features {
	base := uintptr(unsafe.Pointer(&formTable[0]))
	off := uintptr(unsafe.Pointer(f)) - base
	i := off / unsafe.Sizeof(formTable[0])
	if uintptr(unsafe.Pointer(f)) < base || i >= uintptr(len(formTable)) || off%unsafe.Sizeof(formTable[0]) != 0 {
		return 0
	}
	return Features(formFeatures[i])
}
