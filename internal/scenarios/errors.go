package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a file; Col is 0 when unknown.
type Pos struct {
	Line, Col int
}

// Error is one problem in a scenario file, at a place when known.
type Error struct {
	File string
	Pos  Pos
	Msg  string
}

func (e Error) Error() string {
	switch {
	case e.Pos.Line > 0 && e.Pos.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
	case e.Pos.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Pos.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Errors is every problem found in one file, in line order.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err is nil when there is no error, else the errors in line order, each
// once, as one error (go/scanner's ErrorList.Err is the model).
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	sorted := es.sorted()
	return &sorted
}

// Sorted returns the errors in line order, each once.
func (es Errors) Sorted() Errors { return es.sorted() }

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			// The scenario's own errors first, then each included file's.
			return es[i].File < es[j].File
		}
		a, b := es[i].Pos, es[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	// The same problem can be found twice on one path (a key checked as
	// text and as a link); say it once.
	out := es[:0]
	seen := map[string]bool{}
	for _, e := range es {
		if k := e.Error(); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}
