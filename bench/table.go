package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// unit says how a row's values print.
type unit int

const (
	unitMs    unit = iota // milliseconds
	unitUs                // microseconds
	unitNsOp              // nanoseconds per operation
	unitBytes             // a size
)

// target is the goal for a row: ours/theirs at most ratio, or (if
// bytes > 0) ours at most that many bytes.
type target struct {
	ratio float64
	bytes float64
}

// row is one line of a results table: p9's median against a peer's.
type row struct {
	name   string
	ours   float64
	peer   string
	theirs float64
	unit   unit
	target target
	note   string
	failed string // why there are no numbers; the row prints only this
	// oursFailed says why p9's program gave no number while the peer's
	// did: the row shows the peer's figure, and the target as missed.
	oursFailed string
	// zero says that 0 is a measured value; only a negative one is none.
	zero bool
}

// section is one results table.
type section struct {
	title string
	intro string
	rows  []row
	notes []string
}

func (u unit) format(v float64) string {
	switch u {
	case unitMs:
		return fmt.Sprintf("%.2f ms", v)
	case unitUs:
		return fmt.Sprintf("%.0f µs", v)
	case unitNsOp:
		return fmt.Sprintf("%.0f ns/op", v)
	case unitBytes:
		if v >= 1<<20 {
			return fmt.Sprintf("%.0f B (%.2f MiB)", v, v/(1<<20))
		}
		return fmt.Sprintf("%.0f B (%.1f KiB)", v, v/1024)
	}
	return fmt.Sprint(v)
}

func (r row) ratio() float64 {
	if r.theirs <= 0 || r.ours <= 0 {
		return math.NaN()
	}
	return r.ours / r.theirs
}

// targetCell shows the goal and whether this run met it.
func (r row) targetCell() string {
	mark := map[bool]string{true: " ✓", false: " ✗"}
	goal := fmt.Sprintf("≤ %.1f", r.target.ratio)
	switch {
	case r.failed != "":
		return ""
	case r.oursFailed != "" && r.target.ratio > 0:
		return goal + mark[false]
	case r.target.bytes > 0:
		return fmt.Sprintf("≤ %.0f KiB", r.target.bytes/1024) + mark[r.ours > 0 && r.ours <= r.target.bytes]
	case r.target.ratio <= 0:
		return "—"
	case math.IsNaN(r.ratio()):
		return goal
	}
	return goal + mark[r.ratio() <= r.target.ratio]
}

func (s section) write(w io.Writer) {
	fmt.Fprintf(w, "### %s\n\n", s.title)
	if s.intro != "" {
		fmt.Fprintf(w, "%s\n\n", s.intro)
	}
	if len(s.rows) > 0 {
		fmt.Fprintln(w, "| benchmark | p9 | peer | peer's | p9 / peer | target | note |")
		fmt.Fprintln(w, "| --- | ---: | --- | ---: | ---: | --- | --- |")
	}
	for _, r := range s.rows {
		if r.failed != "" {
			fmt.Fprintf(w, "| %s | — | %s | — | — | — | %s |\n", r.name, r.peer, cell(r.failed))
			continue
		}
		ours, theirs, q := "—", "—", "—"
		note := r.note
		if r.oursFailed != "" {
			ours = "fails"
			note = strings.TrimPrefix(note+"; p9: "+r.oursFailed, "; ")
		}
		if r.ours > 0 || r.zero && r.ours == 0 && r.oursFailed == "" {
			ours = r.unit.format(r.ours)
		}
		if r.theirs > 0 || r.zero && r.theirs == 0 {
			theirs = r.unit.format(r.theirs)
		}
		if v := r.ratio(); !math.IsNaN(v) {
			q = fmt.Sprintf("%.2f", v)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", r.name, ours, r.peer, theirs, q, r.targetCell(), cell(note))
	}
	for _, n := range s.notes {
		fmt.Fprintf(w, "\n%s\n", n)
	}
	fmt.Fprintln(w)
}

// cell keeps text from breaking a Markdown table row.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

// writeTargets lists every row with a target: met, missed (and by how
// much), or not measured.
func writeTargets(w io.Writer, sections []section) {
	fmt.Fprintln(w, "### Targets")
	fmt.Fprintln(w)
	for _, s := range sections {
		for _, r := range s.rows {
			if r.target.ratio == 0 && r.target.bytes == 0 {
				continue
			}
			name := r.name + " (vs " + r.peer + ")"
			switch {
			case r.failed != "":
				fmt.Fprintf(w, "- ? %s: not measured\n", name)
			case r.oursFailed != "":
				fmt.Fprintf(w, "- ✗ %s: p9's program fails: %s\n", name, r.oursFailed)
			case r.target.bytes > 0 && r.ours <= r.target.bytes:
				fmt.Fprintf(w, "- ✓ %s: %s, target ≤ %.0f KiB\n", name, r.unit.format(r.ours), r.target.bytes/1024)
			case r.target.bytes > 0:
				fmt.Fprintf(w, "- ✗ %s: %s, target ≤ %.0f KiB: %.0f B over\n", name, r.unit.format(r.ours), r.target.bytes/1024, r.ours-r.target.bytes)
			case math.IsNaN(r.ratio()):
				fmt.Fprintf(w, "- ? %s: no ratio\n", name)
			case r.ratio() <= r.target.ratio:
				fmt.Fprintf(w, "- ✓ %s: %.2f, target ≤ %.1f\n", name, r.ratio(), r.target.ratio)
			default:
				fmt.Fprintf(w, "- ✗ %s: %.2f, target ≤ %.1f: p9 must take %.0f%% less (%.1f× off)\n",
					name, r.ratio(), r.target.ratio, 100*(1-r.target.ratio/r.ratio()), r.ratio()/r.target.ratio)
			}
		}
	}
	fmt.Fprintln(w)
}
