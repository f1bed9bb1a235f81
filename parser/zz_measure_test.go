package parser

import "testing"

func TestZZMeasure(t *testing.T) {
	root := goroot(t)
	max := 0
	for _, f := range amd64Sources(t) {
		cfg := corpusConfig(root)
		src, _ := cfg.ReadFile(f)
		errs := &errSink{}
		pp := newPreproc(cfg, errs)
		pp.pushFile(f, src)
		ps := stmtParser{pp: pp, errs: errs}
		ps.run()
		if pp.expanded > max {
			max = pp.expanded
			t.Log(f, pp.expanded, len(src))
		}
	}
}
