package goasm

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoGo is returned when no Go toolchain is on PATH.
var ErrNoGo = errors.New("no Go toolchain found: go tool asm is needed (install Go or put it on PATH)")

// GoTool returns the path of the go command, or ErrNoGo.
func GoTool() (string, error) {
	p, err := exec.LookPath("go")
	if err != nil {
		return "", ErrNoGo
	}
	return p, nil
}

// StdInclude returns GOROOT/pkg/include, which go build always gives go
// tool asm as its last -I: textflag.h and funcdata.h are there.
func StdInclude() (string, error) {
	goBin, err := GoTool()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "pkg", "include"), nil
}

// Assemble runs go tool asm -S with flags (-p, -I, -D as for p9as) on file
// and returns the symbols it prints. The object is written to a temporary
// file and removed.
func Assemble(file string, flags ...string) ([]*Symbol, error) {
	return AssembleFiles([]string{file}, flags)
}

// AssembleFiles is Assemble for several files assembled into one object.
func AssembleFiles(files, flags []string) ([]*Symbol, error) {
	goBin, err := GoTool()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "goasm")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	args := append([]string{"tool", "asm", "-S", "-o", filepath.Join(dir, "x.o")}, flags...)
	cmd := exec.Command(goBin, append(args, files...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go tool asm: %s", msg)
	}
	return Parse(&out)
}
