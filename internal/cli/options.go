package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
)

// printFlags are the print settings every deck-writing command takes.
func printFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "light-backs", Usage: "complication backs in outline instead of solid ink, so that thin paper shows no shadow of the next card"},
		&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter (default: the scenario's [print] paper, else a4)"},
		&cli.StringFlag{Name: "duplex", Usage: "backs for clue cards: none, long-edge or short-edge (default: the scenario's [print] duplex)"},
		&cli.StringFlag{Name: "back-offset", Usage: "shift every back sheet by X,Y mm to correct a printer (read it off propdeck calibrate)", Value: "0,0"},
		&cli.BoolFlag{Name: "fold", Usage: "print each clue's front and back side by side, to fold: for printers without duplex"},
		&cli.FloatFlag{Name: "bleed", Usage: "extend card backgrounds this many mm under the cut (0 to 3)"},
		&cli.StringFlag{Name: "card", Usage: "clue card size: " + strings.Join(cards.ClueSizeNames, ", "), Value: "quarter"},
		&cli.BoolFlag{Name: "badge-backs", Usage: "print backs for badges too (with duplex)"},
		&cli.StringFlag{Name: "log-theme", Usage: "log snapshots: dark (a terminal) or light (saves toner on black-and-white printers) (default: the scenario's [print] log_theme, else dark)"},
		&cli.BoolFlag{Name: "no-cut-marks", Usage: "leave out cut marks"},
	}
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

// exampleNames are the shipped examples' names, for did-you-mean.
func exampleNames() []string {
	var names []string
	for _, ex := range scenarios.Examples() {
		names = append(names, ex.Name)
	}
	return names
}

// loadScenario reads a scenario file, or a shipped example by name.
func loadScenario(ctx context.Context, arg string) (*scenarios.Scenario, error) {
	_, err := os.Stat(arg)
	switch {
	case err == nil:
		return scenarios.LoadContext(ctx, arg)
	case scenarios.IsExample(arg):
		return scenarios.LoadExample(arg)
	case errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `/\.`):
		msg := "no such file, and no example of that name"
		if h := suggest.Hint(arg, exampleNames()); h != "" {
			msg += h
		} else {
			msg += " (propdeck examples lists them)"
		}
		return nil, &scenarios.Errors{{File: arg, Msg: msg}}
	}
	return scenarios.LoadContext(ctx, arg)
}

// options merges the scenario's [print] table with the command line; the
// command line wins.
// checkCard refuses a clue card size propdeck does not print, for build
// and export alike.
func checkCard(name string) error {
	if _, ok := cards.ClueSizes[name]; !ok {
		return usagef("--card: unknown size %q; use %s%s", name, strings.Join(cards.ClueSizeNames, ", "), suggest.Hint(name, cards.ClueSizeNames))
	}
	return nil
}

// logTheme is the terminal look: the command line's, else the scenario's.
func logTheme(s *scenarios.Scenario, cmd *cli.Command) (string, error) {
	theme := s.Print.LogTheme
	if cmd.IsSet("log-theme") {
		theme = cmd.String("log-theme")
	}
	if theme != "" && !slices.Contains(scenarios.LogThemes, theme) {
		return "", usagef("--log-theme: unknown theme %q; use %s%s", theme, strings.Join(scenarios.LogThemes, " or "), suggest.Hint(theme, scenarios.LogThemes))
	}
	return theme, nil
}

// sayCapacities tells, before a build, where paper or bleed cost cards a
// sheet.
func sayCapacities(cmd *cli.Command, opt documents.Options) {
	for _, c := range documents.Capacities(opt) {
		if c.Cause == "bleed" {
			fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: --bleed %g: %d %s per sheet instead of %d (the bleed and cut marks need the room)\n", opt.Bleed, c.PerSheet, c.Kind, c.Without)
		} else {
			fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: --paper %s: %d %s per sheet instead of %d on A4\n", layouts.PaperName(opt.Paper), c.PerSheet, c.Kind, c.Without)
		}
	}
}

func options(ctx context.Context, s *scenarios.Scenario, cmd *cli.Command) (documents.Options, error) {
	opt := documents.DefaultOptions()
	opt.Ctx = ctx
	paper := s.Print.Paper
	if cmd.IsSet("paper") {
		paper = cmd.String("paper")
	}
	p, err := layouts.Paper(paper)
	if err != nil {
		return opt, usagef("--paper: %v", hinted(err))
	}
	opt.Paper = p
	duplex := s.Print.Duplex
	if cmd.IsSet("duplex") {
		duplex = cmd.String("duplex")
	}
	d, err := layouts.ParseDuplex(duplex)
	if err != nil {
		return opt, usagef("--duplex: %v", hinted(err))
	}
	opt.Duplex = d
	opt.CutMarks = (s.Print.CutMarks == nil || *s.Print.CutMarks) && !cmd.Bool("no-cut-marks")
	offset := cmd.String("back-offset")
	if offset == "" {
		offset = "0,0"
	}
	if opt.BackOffset, err = parseOffset(offset); err != nil {
		return opt, usagef("--back-offset: %v", err)
	}
	opt.Fold = cmd.Bool("fold")
	opt.LightBacks = cmd.Bool("light-backs")
	opt.Bleed = cmd.Float("bleed")
	if !(opt.Bleed >= 0 && opt.Bleed <= 3) { // NaN fails both
		return opt, usagef("--bleed must be between 0 and 3 mm")
	}
	if card := cmd.String("card"); card != "" {
		opt.ClueCard = card
	}
	if err := checkCard(opt.ClueCard); err != nil {
		return opt, err
	}
	opt.BadgeBacks = cmd.Bool("badge-backs")
	if opt.LogTheme, err = logTheme(s, cmd); err != nil {
		return opt, err
	}
	sayCapacities(cmd, opt)
	if opt.Fold && !cmd.IsSet("duplex") {
		opt.Duplex = layouts.DuplexNone // the command line wins over [print] duplex
	}
	if opt.Fold && opt.Duplex != layouts.DuplexNone {
		return opt, usagef("--fold prints front and back side by side for printers without duplex; it cannot go with --duplex %s (drop one of them)", opt.Duplex)
	}
	if opt.Duplex == layouts.DuplexNone {
		warnNoBacks(cmd)
	}
	return opt, nil
}

// warnNoBacks says which flags about backs do nothing in a build without
// backs.
func warnNoBacks(cmd *cli.Command) {
	for _, f := range []string{"badge-backs", "back-offset"} {
		if cmd.IsSet(f) {
			fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: warning: --%s has no effect without --duplex long-edge or short-edge\n", f)
		}
	}
}
