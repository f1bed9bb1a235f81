package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestPrint(t *testing.T) {
	list := List{
		{Pos: Pos{File: "a.s", Line: 3}, Msg: "bad operand"},
		{Input: "b.o", Msg: "duplicate definition of main.x (also defined in a.o)"},
		{Msg: "undefined: main.y"},
	}
	var b strings.Builder
	Print(&b, "p9ld", errors.Join(list, fmt.Errorf("out: permission denied")), false)
	want := "a.s:3: bad operand\n" +
		"p9ld: b.o: duplicate definition of main.x (also defined in a.o)\n" +
		"p9ld: undefined: main.y\n" +
		"p9ld: out: permission denied\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}

	var many List
	for i := 1; i <= 25; i++ {
		many = append(many, &Error{Pos: Pos{File: "x.s", Line: i}, Msg: "oops"})
	}
	b.Reset()
	Print(&b, "p9as", many, false)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != PrintLimit+1 || lines[PrintLimit] != "too many errors (15 more; -e prints all)" {
		t.Errorf("without all: %q", lines)
	}
	b.Reset()
	Print(&b, "p9as", many, true)
	if n := strings.Count(b.String(), "\n"); n != 25 {
		t.Errorf("with all: %d lines, want 25", n)
	}
}

func TestErrorText(t *testing.T) {
	for e, want := range map[*Error]string{
		{Pos: Pos{File: "f.s", Line: 7}, Msg: "m"}: "f.s:7: m",
		{Input: "in.o", Msg: "m"}:                  "in.o: m",
		{Msg: "m"}:                                 "m",
	} {
		if got := e.Error(); got != want {
			t.Errorf("%#v: %q, want %q", e, got, want)
		}
	}
	if (List{}).Err() != nil {
		t.Error("an empty list is an error")
	}
}
