package documents

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
)

// Setting is one print setting as the command line gives it: Set when the
// user named it, so that the scenario's [print] table fills the rest.
type Setting struct {
	Value string
	Set   bool
}

// Request is what a build is asked to print on: the command line's print
// flags, before they meet the scenario's [print] table.
type Request struct {
	Paper, Duplex, LogTheme, BackOffset Setting
	Card                                string
	Bleed                               float64
	NoCutMarks, Fold, LightBacks        bool
	BadgeBacks, BadgeBacksSet           bool
	Ctx                                 context.Context
}

// OptionError is a print setting that cannot be: a usage mistake, named
// by its flag, said in the reader's language.
type OptionError struct{ Msg text.Message }

func (e *OptionError) Error() string { return e.Msg.String() }

// Message is what the error says, for the reader's language.
func (e *OptionError) Message() text.Message { return e.Msg }

func optionError(m text.Message) error { return &OptionError{m} }

// Resolve merges the scenario's [print] table with the request, the
// request winning, and checks the result. It returns what the user should
// hear before the build (where the paper or bleed cost cards a sheet,
// flags that do nothing), even with an error.
func Resolve(s *scenarios.Session, req Request) (Options, []text.Message, error) {
	opt := DefaultOptions()
	opt.Ctx = req.Ctx
	if err := resolvePaper(s, req, &opt); err != nil {
		return opt, nil, err
	}
	opt.Fold, opt.LightBacks, opt.BadgeBacks = req.Fold, req.LightBacks, req.BadgeBacks
	opt.Bleed = req.Bleed
	if !(opt.Bleed >= 0 && opt.Bleed <= 3) { // NaN fails both
		return opt, nil, optionError(text.M("print-bleed-range"))
	}
	if req.Card != "" {
		opt.ClueCard = req.Card
	}
	if err := CheckCard(opt.ClueCard); err != nil {
		return opt, nil, err
	}
	var err error
	if opt.LogTheme, err = LogTheme(s, req.LogTheme); err != nil {
		return opt, nil, err
	}
	notes := capacityNotes(opt)
	if opt.Fold && !req.Duplex.Set {
		opt.Duplex = layouts.DuplexNone // the command line wins over [print] duplex
	}
	if opt.Fold && opt.Duplex != layouts.DuplexNone {
		return opt, notes, optionError(text.M("print-fold-duplex", "duplex", opt.Duplex))
	}
	if opt.Duplex == layouts.DuplexNone {
		for _, f := range []struct {
			name string
			set  bool
		}{{"badge-backs", req.BadgeBacksSet}, {"back-offset", req.BackOffset.Set}} {
			if f.set {
				notes = append(notes, text.M("print-no-effect", "flag", f.name))
			}
		}
	}
	return opt, notes, nil
}

// resolvePaper settles the paper, duplex, cut marks and back offset.
func resolvePaper(s *scenarios.Session, req Request, opt *Options) error {
	p, err := layouts.Paper(pick(s.Print().Paper, req.Paper))
	if err != nil {
		return optionError(text.M("print-flag", "flag", "paper", "err", Hinted(err)))
	}
	opt.Paper = p
	d, err := layouts.ParseDuplex(pick(s.Print().Duplex, req.Duplex))
	if err != nil {
		return optionError(text.M("print-flag", "flag", "duplex", "err", Hinted(err)))
	}
	opt.Duplex = d
	opt.CutMarks = (s.Print().CutMarks == nil || *s.Print().CutMarks) && !req.NoCutMarks
	offset := req.BackOffset.Value
	if offset == "" {
		offset = "0,0"
	}
	if opt.BackOffset, err = parseOffset(offset); err != nil {
		return optionError(text.M("print-flag", "flag", "back-offset", "err", err))
	}
	return nil
}

// pick is the command line's setting when given, else the scenario's.
func pick(scenario string, flag Setting) string {
	if flag.Set {
		return flag.Value
	}
	return scenario
}

// Hinted is an error's message with a did-you-mean for a name that is
// none of a list's.
func Hinted(err error) text.Message {
	var u *layouts.UnknownError
	if errors.As(err, &u) {
		return text.M("print-hinted", "err", err, "hint", hint(u.Name, u.Known))
	}
	return text.M("as-error", "err", err)
}

// hint is the did-you-mean for name among known, or no message.
func hint(name string, known []string) text.Message {
	if k := suggest.Closest(name, known); k != "" {
		return text.M("hint-did-you-mean", "name", k)
	}
	return text.Message{}
}

// capacityNotes say where the paper or the bleed cost cards a sheet.
func capacityNotes(opt Options) []text.Message {
	kinds := map[string]text.Message{"badges": text.M("print-kind-badges"), "system cards": text.M("print-kind-systems"), "clue cards": text.M("print-kind-clues")}
	var out []text.Message
	for _, c := range capacities(opt) {
		if c.Cause == "bleed" {
			out = append(out, text.M("print-bleed-costs", "bleed", opt.Bleed, "n", c.PerSheet, "kind", kinds[c.Kind], "without", c.Without))
		} else {
			out = append(out, text.M("print-paper-costs", "paper", layouts.PaperName(opt.Paper), "n", c.PerSheet, "kind", kinds[c.Kind], "without", c.Without))
		}
	}
	return out
}

// parseOffset reads "X,Y" in millimetres.
func parseOffset(s string) ([2]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return [2]float64{}, text.Fail("print-offset-form", "value", s)
	}
	var out [2]float64
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || !(v >= -20 && v <= 20) { // NaN fails both
			return out, text.Fail("print-offset-range", "value", s)
		}
		out[i] = v
	}
	return out, nil
}

// CheckCard refuses a clue card size propdeck does not print.
func CheckCard(name string) error {
	if _, ok := cards.ClueSizes[name]; !ok {
		return optionError(text.M("print-card-unknown", "name", name, "sizes", strings.Join(vocab.Card.Values, ", "), "hint", hint(name, vocab.Card.Values)))
	}
	return nil
}

// LogTheme is the terminal look: the command line's, else the scenario's.
func LogTheme(s *scenarios.Session, flag Setting) (string, error) {
	theme := pick(s.Print().LogTheme, flag)
	if theme != "" && !slices.Contains(vocab.Theme.Values, theme) {
		return "", optionError(text.M("print-theme-unknown", "name", theme, "themes", orList(vocab.Theme.Values), "hint", hint(theme, vocab.Theme.Values)))
	}
	return theme, nil
}

// orList is values as a choice: "a, b or c".
func orList(values []string) text.Message {
	return text.M("or-list", "some", strings.Join(values[:len(values)-1], ", "), "last", values[len(values)-1])
}
