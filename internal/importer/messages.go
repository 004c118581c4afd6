package importer

import (
	"errors"
	"strings"

	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
)

// A problem is one thing wrong with what an import was given, at its
// place (FILE, FILE:LINE or FILE:LINE:COL), in words that are a message:
// the command says them in its reader's language, with the ids and
// values of the file as they were written.
type problem struct {
	at  string
	msg text.Message
}

// problems are every problem an import found, in the order found; the
// import writes nothing when there is one.
type problems []problem

// Error is the problems in English, one a line.
func (ps problems) Error() string { return ps.Message().String() }

// Message is every problem, one a line, as one message, so that the
// command line says it in its reader's language (text.In).
func (ps problems) Message() text.Message {
	if len(ps) == 0 {
		return text.Message{}
	}
	rest := make([]text.Message, 0, len(ps)-1)
	for _, p := range ps[1:] {
		rest = append(rest, text.M("import-next-line", "nl", "\n", "line", p.line()))
	}
	return text.M("import-lines", "first", ps[0].line(), "rest", rest)
}

func (p problem) line() text.Message {
	if p.at == "" {
		return p.msg
	}
	return text.M("import-at", "at", p.at, "msg", p.msg)
}

// failAt is one problem at a place.
func failAt(at, key string, nameValues ...any) problems {
	return problems{{at, text.M(key, nameValues...)}}
}

// problemsOf is err as problems: its own when it holds them, else one
// problem whose words are err's (a message, or the words of the library
// that failed, as it wrote them).
func problemsOf(err error) problems {
	var ps problems
	if errors.As(err, &ps) {
		return ps
	}
	if m, ok := text.Of(err); ok {
		return problems{{"", m}}
	}
	return problems{{"", text.M("as-written", "text", err.Error())}}
}

// joined is every problem of errs, or nil when there is none.
func joined(errs ...error) error {
	var out problems
	for _, err := range errs {
		if err != nil {
			out = append(out, problemsOf(err)...)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// noteAt is a note about a place in the file imported.
func noteAt(at, key string, nameValues ...any) text.Message {
	return problem{at, text.M(key, nameValues...)}.line()
}

// hint is " (did you mean …?)" in the reader's language, or nothing.
func hint(name string, known []string) text.Message {
	if k := suggest.Closest(name, known); k != "" {
		return text.M("hint-did-you-mean", "name", k)
	}
	return text.Message{}
}

// list is names as a message lists them: "a, b, c".
func list(names []string) string { return strings.Join(names, ", ") }
