package asmvet

import (
	"fmt"
	"go/types"
	"slices"
	"strconv"
)

// sizes are the gc compiler's sizes on amd64: what the ABI0 frame of an
// assembly function is laid out with.
var sizes = types.SizesFor("gc", "amd64")

// Word sizes on amd64, from the compiler's sizes rather than restated.
var (
	ptrSize = sizes.Sizeof(types.Typ[types.UnsafePointer])
	intSize = sizes.Sizeof(types.Typ[types.Int])
	// resultAlign is where results start after the arguments: the
	// largest alignment of a scalar, int64's.
	resultAlign = sizes.Alignof(types.Typ[types.Int64])
)

// kind is how an assembly instruction may access a variable: a size in
// bytes (1, 2, 4, 8, 16) for a scalar, or one of the composite kinds,
// which are never a size, so that no sized access matches them.
type kind int64

const (
	kindString kind = 100 + iota
	kindSlice
	kindArray
	kindInterface
	kindEmptyInterface
	kindStruct
	kindComplex
)

// variable is a name the assembly may use with (FP): a parameter or
// result, or a part of one (s_base, s_len, p_x, a_0, c_real...).
type variable struct {
	name string
	kind kind
	typ  string // the type as messages print it
	off  int64
	size int64
	// parts are the words of a string, slice, interface or complex
	// value, which the messages list next to the whole.
	parts []*variable
}

// Frame is the ABI0 argument frame of a function declared in Go:
// arguments, then results from the next 8-byte boundary.
type Frame struct {
	Size  int64 // the argument size TEXT must declare ($frame-Size)
	vars  map[string]*variable
	order []*variable // in the order defined, parts after their whole
}

// newFrame lays out sig's parameters and results.
func newFrame(sig *types.Signature) *Frame {
	f := &Frame{vars: map[string]*variable{}}
	f.addTuple(sig.Params(), "arg")
	if sig.Results().Len() > 0 {
		f.Size = align(f.Size, resultAlign)
		f.addTuple(sig.Results(), "ret")
	}
	return f
}

// addTuple adds a parameter list. An unnamed parameter is called
// unnamed, unnamed1, unnamed2... by its position ("arg", "ret1").
func (f *Frame) addTuple(t *types.Tuple, unnamed string) {
	for i := 0; i < t.Len(); i++ {
		v := t.At(i)
		name := v.Name()
		if name == "" {
			name = unnamed
			if i > 0 {
				name += strconv.Itoa(i)
			}
		}
		f.Size = align(f.Size, sizes.Alignof(v.Type()))
		f.addValue(name, v.Type(), f.Size)
		f.Size += sizes.Sizeof(v.Type())
	}
}

// addValue defines name, of type t at offset off, and the names of its
// parts: the words of strings, slices, interfaces and complex numbers
// (listed as its parts), struct fields (name_field) and array elements
// (name_0, name_1...), recursively.
func (f *Frame) addValue(name string, t types.Type, off int64) *variable {
	size := sizes.Sizeof(t)
	v := f.define(name, kindOf(t, size), t.String(), off, size)
	word := func(suffix, typ string, at, n int64) {
		v.parts = append(v.parts, f.define(name+suffix, kind(n), typ, off+at, n))
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if v.kind == kindComplex {
			word("_real", fmt.Sprintf("real(complex%d)", size*8), 0, size/2)
			word("_imag", fmt.Sprintf("imag(complex%d)", size*8), size/2, size/2)
		} else if v.kind == kindString {
			word("_base", "string base", 0, ptrSize)
			word("_len", "string len", ptrSize, intSize)
		}
	case *types.Slice:
		word("_base", "slice base", 0, ptrSize)
		word("_len", "slice len", ptrSize, intSize)
		word("_cap", "slice cap", ptrSize+intSize, intSize)
	case *types.Interface:
		if u.Empty() {
			word("_type", "interface type", 0, ptrSize)
		} else {
			word("_itable", "interface itable", 0, ptrSize)
		}
		word("_data", "interface data", ptrSize, ptrSize)
	case *types.Struct:
		fields := slices.Collect(u.Fields())
		for i, at := range sizes.Offsetsof(fields) {
			f.addValue(name+"_"+fields[i].Name(), fields[i].Type(), off+at)
		}
	case *types.Array:
		stride := sizes.Sizeof(u.Elem()) // gc's sizes are multiples of the alignment
		for i := int64(0); i < u.Len(); i++ {
			f.addValue(name+"_"+strconv.FormatInt(i, 10), u.Elem(), off+i*stride)
		}
	}
	return v
}

func (f *Frame) define(name string, k kind, typ string, off, size int64) *variable {
	v := &variable{name: name, kind: k, typ: typ, off: off, size: size}
	f.vars[name] = v
	f.order = append(f.order, v)
	return v
}

// at is the variable whose bytes hold offset off: the innermost part
// defined last, or nil.
func (f *Frame) at(off int64) *variable {
	for i := len(f.order) - 1; i >= 0; i-- {
		if v := f.order[i]; v.off <= off && off < v.off+v.size {
			return v
		}
	}
	return nil
}

// kindOf is how t may be accessed: a scalar by its size, a composite
// only through its parts (or, for a string, slice or interface, its
// first word).
func kindOf(t types.Type, size int64) kind {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Kind() == types.String:
			return kindString
		case u.Info()&types.IsComplex != 0:
			return kindComplex
		}
	case *types.Struct:
		return kindStruct
	case *types.Interface:
		if u.Empty() {
			return kindEmptyInterface
		}
		return kindInterface
	case *types.Array:
		return kindArray
	case *types.Slice:
		return kindSlice
	}
	return kind(size)
}

// sizeKnown reports whether t's size and layout are known: not when it
// involves a type the declarations could not resolve (one from a package
// that is not loaded), which would lay the frame out wrong.
func sizeKnown(t types.Type) bool {
	switch u := types.Unalias(t).Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.Invalid
	case *types.Array:
		return sizeKnown(u.Elem())
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if !sizeKnown(u.Field(i).Type()) {
				return false
			}
		}
	case *types.TypeParam:
		return false
	}
	return true
}

func align(off, a int64) int64 { return (off + a - 1) &^ (a - 1) }
