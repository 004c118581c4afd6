package documents

import (
	"context"
	"errors"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// Check is what validate, build and the studio find in a loaded scenario
// besides its format: errors, the cards that cannot hold their text (a
// build that fails otherwise is one error at the file, in the scenario's
// language), and warnings, the notes at their lines then the run sheet's
// warnings about the whole scenario (AllWarnings). Each caller says a
// warning as it shows it; AsWarning is the printed form.
func Check(ctx context.Context, s *scenarios.Session) (errs, warnings tomlfile.Errors) {
	opt := DefaultOptions()
	opt.Ctx = ctx
	if _, err := Build(s, opt); err != nil {
		var se *tomlfile.Errors
		if errors.As(err, &se) {
			return *se, nil
		}
		return tomlfile.Errors{{File: s.File(), Msg: text.In(err, s.Language())}}, nil
	}
	return nil, AllWarnings(s)
}

// AllWarnings are the notes at their lines then the run sheet's warnings
// about the whole scenario: what Check warns of, for build, which draws
// the cards with its own options.
func AllWarnings(s *scenarios.Session) tomlfile.Errors {
	out := append(tomlfile.Errors{}, s.Notes()...)
	for _, w := range sheetWarnings(s) {
		out = append(out, tomlfile.Error{File: s.File(), Msg: w, Lang: s.Language()})
	}
	return out
}

// AsWarning is a warning of Check as validate and build print it, its
// words after "warning:".
func AsWarning(e tomlfile.Error) tomlfile.Error {
	var msg any = e.Text
	if e.Text.Key == "" {
		msg = e.Msg
	}
	e.Text, e.Msg = text.M("warning", "msg", msg), ""
	return e
}
