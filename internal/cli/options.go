package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
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
		&cli.StringFlag{Name: "card", Usage: "clue card size: " + strings.Join(vocab.Card.Values, ", "), Value: "quarter"},
		&cli.BoolFlag{Name: "badge-backs", Usage: "print backs for badges too (with duplex)"},
		&cli.StringFlag{Name: "log-theme", Usage: "log snapshots: dark (a terminal) or light (saves toner on black-and-white printers) (default: the scenario's [print] log_theme, else dark)"},
		&cli.BoolFlag{Name: "no-cut-marks", Usage: "leave out cut marks"},
	}
}

// exampleNames are the shipped examples' names, for did-you-mean.
func exampleNames() []string {
	var names []string
	for _, ex := range examples.Examples() {
		names = append(names, ex.Name)
	}
	return names
}

// loadScenario reads a scenario file, or a shipped example by name.
func loadScenario(ctx context.Context, arg string) (*scenarios.Session, error) {
	_, err := os.Stat(arg)
	switch {
	case err == nil:
		return scenarios.LoadContext(ctx, arg, cards.Printing)
	case examples.IsExample(arg):
		return examples.LoadExample(arg, cards.Printing)
	case errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `/\.`):
		msg := text.M("cli-no-example", "hint", hintOf(arg, exampleNames()))
		if suggest.Closest(arg, exampleNames()) == "" {
			msg = text.M("cli-no-example", "hint", text.M("cli-examples-lists"))
		}
		return nil, &tomlfile.Errors{{File: arg, Text: msg}}
	}
	return scenarios.LoadContext(ctx, arg, cards.Printing)
}

// options merges the scenario's [print] table with the command line; the
// command line wins. What the user should hear first goes to stderr.
func options(ctx context.Context, s *scenarios.Session, cmd *cli.Command) (documents.Options, error) {
	setting := func(name string) documents.Setting {
		return documents.Setting{Value: cmd.String(name), Set: cmd.IsSet(name)}
	}
	opt, notes, err := documents.Resolve(s, documents.Request{
		Paper: setting("paper"), Duplex: setting("duplex"), LogTheme: setting("log-theme"), BackOffset: setting("back-offset"),
		Card: cmd.String("card"), Bleed: cmd.Float("bleed"),
		NoCutMarks: cmd.Bool("no-cut-marks"), Fold: cmd.Bool("fold"), LightBacks: cmd.Bool("light-backs"),
		BadgeBacks: cmd.Bool("badge-backs"), BadgeBacksSet: cmd.IsSet("badge-backs"),
		Ctx: ctx,
	})
	for _, n := range notes {
		fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: %s\n", n.In(s.Language()))
	}
	return opt, saidIn(err, s.Language())
}

// outFlag is -o, --out: where a command writes, def when not given.
func outFlag(usage, def string) cli.Flag {
	return &cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: usage, Value: def}
}

// requiredOut is -o, --out for a command that cannot guess where to write.
func requiredOut(usage string) cli.Flag {
	return &cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: usage, Required: true}
}

// inRange refuses a number flag the user set outside [lo, hi]. A flag's
// own Validator would do it, but the library wraps its error in a parse
// message ("invalid value … for flag -dpi: …") with its type lost.
func inRange(cmd *cli.Command, name string, lo, hi float64) error {
	if !cmd.IsSet(name) {
		return nil
	}
	var v float64
	switch x := cmd.Value(name).(type) {
	case float64:
		v = x
	case int64:
		v = float64(x)
	case int:
		v = float64(x)
	}
	if !(v >= lo && v <= hi) { // NaN fails both
		return usage(text.M("cli-flag-range", "flag", name, "lo", lo, "hi", hi))
	}
	return nil
}

// difficultyFlag plays a scenario at another level than its own.
func difficultyFlag() cli.Flag {
	return &cli.StringFlag{Name: "difficulty", Usage: "play the scenario at " + strings.Join(vocab.Difficulty.Values, ", ") + " (default: the scenario's difficulty, else standard)"}
}

func checkDifficulty(cmd *cli.Command) error {
	if d := cmd.String("difficulty"); cmd.IsSet("difficulty") && !vocab.Difficulty.Has(d) {
		return usage(text.M("cli-flag-one-of", "flag", "difficulty", "values", strings.Join(vocab.Difficulty.Values, ", "), "hint", hintOf(d, vocab.Difficulty.Values)))
	}
	return nil
}

// played is the scenario played at --difficulty, when given: a level is
// an input of the resolution, never an edit of a scenario read before.
func played(cmd *cli.Command, s *scenarios.Session) *scenarios.Session {
	if cmd.IsSet("difficulty") {
		return s.Played(scenarios.Play{Level: cmd.String("difficulty")})
	}
	return s
}
