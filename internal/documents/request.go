package documents

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
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
// by its flag.
type OptionError struct{ Msg string }

func (e *OptionError) Error() string { return e.Msg }

func optionErrorf(format string, args ...any) error {
	return &OptionError{fmt.Sprintf(format, args...)}
}

// Resolve merges the scenario's [print] table with the request, the
// request winning, and checks the result. It returns what the user should
// hear before the build (where the paper or bleed cost cards a sheet,
// flags that do nothing), even with an error.
func Resolve(s *scenarios.Session, req Request) (Options, []string, error) {
	opt := DefaultOptions()
	opt.Ctx = req.Ctx
	if err := resolvePaper(s, req, &opt); err != nil {
		return opt, nil, err
	}
	opt.Fold, opt.LightBacks, opt.BadgeBacks = req.Fold, req.LightBacks, req.BadgeBacks
	opt.Bleed = req.Bleed
	if !(opt.Bleed >= 0 && opt.Bleed <= 3) { // NaN fails both
		return opt, nil, optionErrorf("--bleed must be between 0 and 3 mm")
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
		return opt, notes, optionErrorf("--fold prints front and back side by side for printers without duplex; it cannot go with --duplex %s (drop one of them)", opt.Duplex)
	}
	if opt.Duplex == layouts.DuplexNone {
		for _, f := range []struct {
			name string
			set  bool
		}{{"badge-backs", req.BadgeBacksSet}, {"back-offset", req.BackOffset.Set}} {
			if f.set {
				notes = append(notes, fmt.Sprintf("warning: --%s has no effect without --duplex long-edge or short-edge", f.name))
			}
		}
	}
	return opt, notes, nil
}

// resolvePaper settles the paper, duplex, cut marks and back offset.
func resolvePaper(s *scenarios.Session, req Request, opt *Options) error {
	p, err := layouts.Paper(pick(s.Print().Paper, req.Paper))
	if err != nil {
		return optionErrorf("--paper: %v", Hinted(err))
	}
	opt.Paper = p
	d, err := layouts.ParseDuplex(pick(s.Print().Duplex, req.Duplex))
	if err != nil {
		return optionErrorf("--duplex: %v", Hinted(err))
	}
	opt.Duplex = d
	opt.CutMarks = (s.Print().CutMarks == nil || *s.Print().CutMarks) && !req.NoCutMarks
	offset := req.BackOffset.Value
	if offset == "" {
		offset = "0,0"
	}
	if opt.BackOffset, err = parseOffset(offset); err != nil {
		return optionErrorf("--back-offset: %v", err)
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
func Hinted(err error) string {
	var u *layouts.UnknownError
	if errors.As(err, &u) {
		return err.Error() + suggest.Hint(u.Name, u.Known)
	}
	return err.Error()
}

// capacityNotes say where the paper or the bleed cost cards a sheet.
func capacityNotes(opt Options) []string {
	var out []string
	for _, c := range capacities(opt) {
		if c.Cause == "bleed" {
			out = append(out, fmt.Sprintf("--bleed %g: %d %s per sheet instead of %d (the bleed and cut marks need the room)", opt.Bleed, c.PerSheet, c.Kind, c.Without))
		} else {
			out = append(out, fmt.Sprintf("--paper %s: %d %s per sheet instead of %d on A4", layouts.PaperName(opt.Paper), c.PerSheet, c.Kind, c.Without))
		}
	}
	return out
}

// parseOffset reads "X,Y" in millimetres.
func parseOffset(s string) ([2]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 2 {
		return [2]float64{}, fmt.Errorf("%q must be X,Y in millimetres, e.g. 1.5,-0.5", s)
	}
	var out [2]float64
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || !(v >= -20 && v <= 20) { // NaN fails both
			return out, fmt.Errorf("%q must be X,Y in millimetres between -20 and 20, e.g. 1.5,-0.5", s)
		}
		out[i] = v
	}
	return out, nil
}

// CheckCard refuses a clue card size propdeck does not print.
func CheckCard(name string) error {
	if _, ok := cards.ClueSizes[name]; !ok {
		return optionErrorf("--card: unknown size %q; use %s%s", name, strings.Join(vocab.Card.Values, ", "), suggest.Hint(name, vocab.Card.Values))
	}
	return nil
}

// LogTheme is the terminal look: the command line's, else the scenario's.
func LogTheme(s *scenarios.Session, flag Setting) (string, error) {
	theme := pick(s.Print().LogTheme, flag)
	if theme != "" && !slices.Contains(vocab.Theme.Values, theme) {
		return "", optionErrorf("--log-theme: unknown theme %q; use %s%s", theme, strings.Join(vocab.Theme.Values, " or "), suggest.Hint(theme, vocab.Theme.Values))
	}
	return theme, nil
}
