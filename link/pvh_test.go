package link

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/p9tools/p9/obj"
)

// pvhInputs is one object defining the PVH entry symbol.
func pvhInputs(t *testing.T) []Input {
	o := newObj("boot.s")
	var code asm
	code.emit(0xfa, 0xf4) // CLI; HLT
	o.fn(PVHEntry, &code)
	return []Input{o.input(t, "boot.o")}
}

func TestPVHNote(t *testing.T) {
	img := mustLink(t, pvhInputs(t), Options{Format: FormatPVH})
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	var entry uint64
	for _, s := range syms {
		if s.Name == PVHEntry {
			entry = s.Value
		}
	}
	if entry == 0 || f.Entry != entry {
		t.Fatalf("e_entry %#x, %s at %#x", f.Entry, PVHEntry, entry)
	}
	var note *elf.Prog
	for _, p := range f.Progs {
		if p.Type == elf.PT_NOTE {
			if note != nil {
				t.Fatal("two PT_NOTE segments")
			}
			note = p
		}
		if p.Type == elf.PT_LOAD && p.Paddr != p.Vaddr {
			t.Errorf("PT_LOAD paddr %#x != vaddr %#x", p.Paddr, p.Vaddr)
		}
	}
	if note == nil {
		t.Fatal("no PT_NOTE")
	}
	want := binary.LittleEndian.AppendUint64([]byte{4, 0, 0, 0, 8, 0, 0, 0, 18, 0, 0, 0, 'X', 'e', 'n', 0}, entry)
	got := img[note.Off : note.Off+note.Filesz]
	if !bytes.Equal(got, want) || note.Align != 4 || note.Off%4 != 0 {
		t.Errorf("note % x (align %d, offset %#x), want % x, align 4", got, note.Align, note.Off, want)
	}
	sec := f.Section(".note.Xen")
	if sec == nil || sec.Type != elf.SHT_NOTE || sec.Offset != note.Off || sec.Size != note.Filesz {
		t.Errorf(".note.Xen section %+v does not describe the note", sec)
	}

	// Without FormatPVH there is no note, and a missing entry is reported
	// under its PVH name.
	exe := mustLink(t, pvhInputs(t), Options{Entry: PVHEntry})
	lf, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range lf.Progs {
		if p.Type == elf.PT_NOTE {
			t.Error("a Linux executable has a PT_NOTE")
		}
	}
	if lf.Section(".note.Xen") != nil {
		t.Error("a Linux executable has .note.Xen")
	}
	_, err = Link(helloInputs(t), Options{Format: FormatPVH})
	if err == nil || !strings.Contains(err.Error(), PVHEntry) {
		t.Errorf("linking without %s: %v", PVHEntry, err)
	}
}

func TestPVHTooLarge(t *testing.T) {
	o := newObj("big.s")
	var code asm
	code.emit(0xf4)
	o.fn(PVHEntry, &code)
	o.define("big", obj.Bss, obj.SymObject, nil, 1<<30, 8, nil)
	ins := []Input{o.input(t, "big.o")}
	_, err := Link(ins, Options{Format: FormatPVH, NoGC: true})
	if err == nil || !strings.Contains(err.Error(), "above the first GiB") {
		t.Errorf("a PVH image with 1 GiB of bss: %v", err)
	}
	if _, err := Link(ins, Options{Entry: PVHEntry, NoGC: true}); err != nil {
		t.Errorf("the same as a Linux executable: %v", err)
	}
}
