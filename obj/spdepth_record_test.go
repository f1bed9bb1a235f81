package obj_test

import (
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/p9tools/p9/internal/driver"
	"github.com/p9tools/p9/obj"
)

// TestRecordedSPDepths holds the stack depths the encoder records while
// laying out functions against what the writer recovers by decoding their
// machine code, on the runtime, the examples and Go's math assembly.
func TestRecordedSPDepths(t *testing.T) {
	type job struct {
		files []string
		cfg   driver.AsmConfig
	}
	rt, _ := filepath.Glob("../runtime-src/*.s")
	ex, _ := filepath.Glob("../examples/*.s")
	jobs := []job{{rt, driver.AsmConfig{Pkg: "runtime", IncludeDirs: []string{"../runtime-src"}}}}
	for _, f := range ex {
		jobs = append(jobs, job{[]string{f}, driver.AsmConfig{Pkg: "main", IncludeDirs: []string{"../runtime-src"}}})
	}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		goroot := strings.TrimSpace(string(out))
		math, _ := filepath.Glob(filepath.Join(goroot, "src", "math", "*_amd64.s"))
		jobs = append(jobs, job{math, driver.AsmConfig{Pkg: "math", IncludeDirs: []string{filepath.Join(goroot, "pkg", "include")}}})
	}
	funcs, moving := 0, 0
	for _, j := range jobs {
		res, errs := driver.Assemble(j.files, j.cfg)
		if len(errs) > 0 {
			t.Fatalf("%v: %v", j.files, errs)
		}
		code := res.Object.Sections[obj.Text].Data
		for _, s := range res.Object.Symbols {
			if !s.Defined || s.Type != obj.SymFunc || s.Size == 0 {
				continue
			}
			if s.SP == nil {
				t.Errorf("%s: no recorded depths", s.Name)
				continue
			}
			want := obj.DecodeSPDepths(code[s.Value : s.Value+s.Size])
			if len(want) == 0 && len(s.SP) == 0 {
				funcs++
				continue
			}
			if !reflect.DeepEqual(s.SP, want) {
				t.Errorf("%s: recorded %v, decoded %v", s.Name, s.SP, want)
			}
			funcs++
			moving++
		}
	}
	if funcs < 150 || moving < 50 {
		t.Errorf("compared %d functions, %d that move SP; expected more", funcs, moving)
	}
	t.Logf("%d functions, %d of them move SP", funcs, moving)
}
