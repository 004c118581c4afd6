package tomlfile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/propdeck/propdeck/internal/text"
)

// Pos is a place in a file; Col is 0 when unknown.
type Pos struct {
	Line, Col int
}

// Error is one problem in a file propdeck reads, at a place when known. Its
// words are propdeck's message (Text), said in Lang, or words propdeck
// was given by something else (Msg, such as the system's word for a
// failed read).
type Error struct {
	File string
	Pos  Pos
	Msg  string
	Text text.Message
	Lang string
}

// message is the error's words, in its language.
func (e Error) message() string {
	if e.Text.Key == "" {
		return e.Msg
	}
	return e.Text.In(e.Lang)
}

func (e Error) Error() string {
	switch {
	case e.Pos.Line > 0 && e.Pos.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.message())
	case e.Pos.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Pos.Line, e.message())
	}
	return fmt.Sprintf("%s: %s", e.File, e.message())
}

// ErrorIn is an error whose words come from outside propdeck's catalog
// when err carries no message, and from it when it does.
func ErrorIn(file string, pos Pos, err error) Error {
	if m, ok := text.Of(err); ok {
		return Error{File: file, Pos: pos, Text: m}
	}
	return Error{File: file, Pos: pos, Msg: err.Error()}
}

// Errors is every problem found in one file, in line order.
type Errors []Error

// In says every error in lang.
func (es Errors) In(lang string) Errors {
	if es == nil {
		return nil
	}
	out := make(Errors, len(es))
	for i, e := range es {
		e.Lang = lang
		out[i] = e
	}
	return out
}

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
