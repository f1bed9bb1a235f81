package driver

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/p9tools/p9/encoder"
	"github.com/p9tools/p9/obj"
	"github.com/p9tools/p9/parser"
)

// TestSeveralFilesMatchOneFile: several files, parsed in parallel, make
// the same object as one file holding them all. The files are varied
// (operands of every kind, labels, branches both ways, frames, data), so
// that a statement taken from the wrong file or out of order would
// change the code.
func TestSeveralFilesMatchOneFile(t *testing.T) {
	dir := t.TempDir()
	var files []string
	var all strings.Builder
	for f := 0; f < 3; f++ {
		var b strings.Builder
		for fn := 0; fn < 40; fn++ {
			fmt.Fprintf(&b, "TEXT ·f%d_%d(SB), $%d-16\n", f, fn, 8*(fn%5))
			for i := 0; i < 60; i++ {
				switch (i + fn) % 9 {
				case 0:
					fmt.Fprintf(&b, "l%d:\n\tMOVQ a+0(FP), AX\n", i)
				case 1:
					fmt.Fprintf(&b, "\tVPADDD.Z 8(R11)(R9*4), Y1, K2, Y3\n")
				case 2:
					if i >= 2 { // l(i-2) came two lines before
						fmt.Fprintf(&b, "\tJEQ l%d\n", i-2)
					}
					if i+7 < 60 { // and l(i+7) comes seven lines after
						fmt.Fprintf(&b, "\tJNE l%d\n", i+7)
					}
				case 3:
					fmt.Fprintf(&b, "\tMOVQ $·d%d(SB), DI\n", f)
				case 4:
					fmt.Fprintf(&b, "\tADDQ $%d, BX\n", i*fn)
				case 5:
					fmt.Fprintf(&b, "\tJMP 2(PC)\n\tNOP\n")
				case 6:
					fmt.Fprintf(&b, "\tMOVSD $1.5, X%d\n", i%16)
				case 7:
					fmt.Fprintf(&b, "\tCALL ·f%d_%d(SB)\n", f, (fn+1)%40)
				default:
					fmt.Fprintf(&b, "\tPUSHQ CX\n\tPOPQ CX\n\tMOVQ AX, ret+8(FP)\n")
				}
			}
			b.WriteString("\tRET\n")
		}
		fmt.Fprintf(&b, "DATA ·d%d+0(SB)/8, $%d\nGLOBL ·d%d(SB), 8, $8\n", f, f, f)
		name := filepath.Join(dir, fmt.Sprintf("f%d.s", f))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
		all.WriteString(b.String())
	}
	got, _, err := AssembleObject(files, AsmConfig{Pkg: "main"})
	if err != nil {
		t.Fatal(err)
	}
	stmts, errs := parser.Parse(files[0], []byte(all.String()), parser.Config{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, errs := encoder.Assemble(stmts, files[0], encoder.Options{Pkg: "main", NoListing: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want, err := obj.Write(res.Object)
	if err != nil {
		t.Fatal(err)
	}
	// Line tables name each statement's file, which differ between the
	// two; code, data, relocations and symbols must not.
	gotObj, wantObj := readObject(t, got), readObject(t, want)
	for _, name := range []string{".text", ".rela.text", ".rodata", ".noptrdata", ".data"} {
		if !bytes.Equal(gotObj.section(name), wantObj.section(name)) {
			t.Errorf("%s differs between the object of three files and that of one", name)
		}
	}
	if len(gotObj.section(".text")) < 10000 {
		t.Errorf(".text has only %d bytes", len(gotObj.section(".text")))
	}
	if !reflect.DeepEqual(gotObj.syms, wantObj.syms) {
		t.Errorf("symbols differ:\n%v\nwant\n%v", gotObj.syms, wantObj.syms)
	}
}

type readBack struct {
	f    *elf.File
	syms []elf.Symbol
}

func readObject(t *testing.T, data []byte) readBack {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	return readBack{f, syms}
}

func (r readBack) section(name string) []byte {
	s := r.f.Section(name)
	if s == nil {
		return nil
	}
	data, _ := s.Data()
	return data
}

// TestStreamedMatchesWhole: a file assembled as it is parsed, a part at a
// time, makes the object, and the errors, that parsing it whole and then
// assembling make: with functions longer than a part, branches across
// parts, an #include in the middle of a function, and errors of the
// encoder alone (listed by statement, those of the included file among
// the others) or of the parser too.
func TestStreamedMatchesWhole(t *testing.T) {
	dir := t.TempDir()
	const none, encoderOnly, both = 0, 1, 2
	build := func(errs int) string {
		var b strings.Builder
		for fn := 0; fn < 3; fn++ {
			fmt.Fprintf(&b, "TEXT ·f%d(SB), $16-8\n", fn)
			for i := 0; i < 2500; i++ {
				switch i % 6 {
				case 0:
					fmt.Fprintf(&b, "l%d:\n", i)
				case 1:
					fmt.Fprintf(&b, "\tJNE l%d\n", (i+2000)%2500/6*6)
				case 2:
					b.WriteString("\tLONG $0x12345678; BYTE $0x90\n")
				case 3:
					if errs != none && i%600 == 3 {
						b.WriteString("\tJMP nowhere\n\tADDQ X1, AX\n")
					}
					if errs == both && i%600 == 3 {
						b.WriteString("\tMOVQ $AX, BX\n")
					}
					if i == 1503 {
						b.WriteString("#include \"inc.h\"\n")
					}
				default:
					fmt.Fprintf(&b, "\tMOVQ a+%d(FP), AX\n", 8*(i%2))
				}
			}
			b.WriteString("\tRET\n")
		}
		b.WriteString("DATA ·d+0(SB)/8, $1\nGLOBL ·d(SB), 8, $8\n")
		return b.String()
	}
	incs := []string{
		none:        "\tMOVQ $1, AX\n\tMOVQ (AX)(BX*2), CX\n",
		encoderOnly: "\tMOVQ $1, AX\n\tADDQ X2, AX\n",
		both:        "\tMOVQ $1, AX\n\tMOVQ (AX)(BX*3), CX\n",
	}
	for errs, inc := range incs {
		if err := os.WriteFile(filepath.Join(dir, "inc.h"), []byte(inc), 0o644); err != nil {
			t.Fatal(err)
		}
		src := build(errs)
		name := filepath.Join(dir, "long.s")
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		got, _, gotErr := AssembleObject([]string{name}, AsmConfig{Pkg: "main"})
		stmts, perrs := parser.Parse(name, []byte(src), parser.Config{})
		res, eerrs := encoder.Assemble(stmts, name, encoder.Options{Pkg: "main", NoListing: true})
		switch errs {
		case none:
			if gotErr != nil || len(perrs) > 0 || len(eerrs) > 0 {
				t.Fatalf("errors: %v; %v; %v", gotErr, perrs, eerrs)
			}
			want, err := obj.Write(res.Object)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the object assembled part by part differs from the one assembled whole")
			}
			continue
		case encoderOnly:
			if len(perrs) > 0 || len(eerrs) < 5 || !strings.Contains(eerrs.Error(), "inc.h:2") {
				t.Fatalf("want encoder errors only, one in inc.h; got %v; %v", perrs, eerrs)
			}
		}
		want := eerrs
		if len(perrs) > 0 {
			want = mergeErrors(perrs, eerrs, fileOrder{name: 0})
		}
		if gotErr == nil || gotErr.Error() != want.Error() {
			t.Errorf("errors part by part:\n%v\nwhole:\n%v", gotErr, want)
		}
	}
}
