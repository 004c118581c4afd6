// Package cli is propdeck's command line: each command maps its flags to
// a call into the package that does the work.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/docs"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/complications"
	"github.com/propdeck/propdeck/internal/export"
	"github.com/propdeck/propdeck/internal/importer"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/links"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/termsafe"
)

// Exit statuses, documented in the README.
const (
	exitOK       = 0
	exitScenario = 1 // the scenario is wrong, or the build failed
	exitUsage    = 2 // the command line is wrong
)

// usageError marks a wrong command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func version() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi)
}

// versionOf names a build: the module version for go install …@vX (or the
// pseudo-version Go stamps from a tag), else the VCS revision and its date.
func versionOf(bi *debug.BuildInfo) string {
	if bi == nil {
		return "devel (built without module information)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	rev := vcs["vcs.revision"]
	if rev == "" {
		return "devel (built outside a git checkout)"
	}
	v := "devel-" + rev[:min(12, len(rev))]
	if vcs["vcs.modified"] == "true" {
		v += "-dirty"
	}
	if t, err := time.Parse(time.RFC3339, vcs["vcs.time"]); err == nil {
		v += " (" + t.UTC().Format("2006-01-02") + ")"
	}
	return v
}

// Run runs propdeck with args (args[0] is the program's name) and returns
// its exit status.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	// Messages quote outside text (scenarios, descriptors, file names):
	// none of it may drive the terminal.
	stderr = termsafe.Writer(stderr)
	app := newApp(stdout, stderr)
	// The command comes first: an unknown one is named, with the nearest,
	// before its flags are taken for the root's ("unknown flag --o").
	if msg := unknownCommand(app, args); msg != "" {
		fmt.Fprintf(stderr, "propdeck: %s\n", msg)
		return exitUsage
	}
	err := app.Run(ctx, args)
	if err == nil {
		return exitOK
	}
	var ue usageError
	var se *scenarios.Errors
	switch {
	case errors.As(err, &se):
		// err, not se: what wraps the list says what it is about ("the
		// starter for idea i3 does not validate").
		fmt.Fprintln(stderr, err.Error())
		return exitScenario
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "propdeck: %s\n", ue.msg)
		return exitUsage
	case isFlagError(err):
		fmt.Fprintf(stderr, "propdeck: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "propdeck: %v\n", err)
	return exitScenario
}

// unknownCommand says what is wrong when the first word is no command.
func unknownCommand(app *cli.Command, args []string) string {
	if len(args) < 2 || strings.HasPrefix(args[1], "-") {
		return ""
	}
	names := []string{"help", "completion"}
	for _, c := range app.Commands {
		names = append(names, c.Name)
		names = append(names, c.Aliases...)
	}
	if slices.Contains(names, args[1]) {
		return ""
	}
	return fmt.Sprintf("unknown command %q%s; run propdeck --help", args[1], suggest.Hint(args[1], names))
}

func isFlagError(err error) bool {
	msg := err.Error()
	for _, s := range []string{"flag provided but not defined", "invalid value", "flag needs an argument", "No help topic", "required flag", "invalid boolean"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func newApp(stdout, stderr io.Writer) *cli.Command {
	app := rootCommand(stdout, stderr)
	for _, c := range app.Commands {
		c.OnUsageError = usageErrorOf
		switch c.Name {
		case "build", "validate", "worksheets", "links":
			c.ShellComplete = completeScenario
		}
	}
	return app
}

// completeScenario offers flags after a dash, else the shipped examples and
// the scenario files in the current folder.
func completeScenario(ctx context.Context, cmd *cli.Command) {
	args := os.Args
	if len(args) > 1 && strings.HasPrefix(args[len(args)-2], "-") {
		cli.DefaultCompleteWithFlags(ctx, cmd)
		return
	}
	w := cmd.Root().Writer
	for _, ex := range scenarios.Examples() {
		fmt.Fprintln(w, ex.Name)
	}
	files, _ := filepath.Glob("*.toml")
	for _, f := range files {
		fmt.Fprintln(w, f)
	}
}

// usageErrorOf turns the library's usage error into one short line with a
// pointer to the command's help, instead of the whole help page.
func usageErrorOf(ctx context.Context, cmd *cli.Command, err error, isSubcommand bool) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		var known []string
		for _, f := range cmd.Flags {
			known = append(known, f.Names()...)
		}
		msg = "unknown flag --" + name
		if k := suggest.Closest(name, known); k != "" {
			msg += fmt.Sprintf(" (did you mean --%s?)", k)
		}
	}
	if cmd.Root() != cmd {
		msg = cmd.Name + ": " + msg
	}
	return usageError{fmt.Sprintf("%s; see %s --help", msg, cmd.FullName())}
}

func rootCommand(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:                  "propdeck",
		Usage:                 "print props for incident-response tabletop exercises",
		UsageText:             "propdeck build eu-db-latency -o out\npropdeck validate scenario.toml",
		Version:               version(),
		Writer:                stdout,
		ErrWriter:             stderr,
		EnableShellCompletion: true,
		ConfigureShellCompletionCommand: func(c *cli.Command) {
			c.Hidden = false
			c.Usage = "print shell completion for bash, zsh, fish or pwsh (completes example names too)"
		},
		Suggest:        true,
		OnUsageError:   usageErrorOf,
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
		Commands: []*cli.Command{
			buildCommand(),
			validateCommand(),
			worksheetsCommand(),
			examplesCommand(),
			calibrateCommand(),
			initCommand(),
			linksCommand(),
			schemaCommand(),
			referenceCommand(),
			complicationsCommand(),
			recordCommand(),
			exportCommand(),
			importCommand(),
			premortemCommand(),
			reportCommand(),
			mselCommand(),
			syntheticCommand(),
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 0 {
				return usagef("unknown command %q; run propdeck --help", cmd.Args().First())
			}
			return cli.ShowRootCommandHelp(cmd)
		},
	}
}

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

// loadScenario reads a scenario file, or a shipped example by name.
func loadScenario(ctx context.Context, arg string) (*scenarios.Scenario, error) {
	_, err := os.Stat(arg)
	switch {
	case err == nil:
		return scenarios.LoadContext(ctx, arg)
	case scenarios.IsExample(arg):
		return scenarios.LoadExample(arg)
	case errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(arg, `/\.`):
		var names []string
		for _, ex := range scenarios.Examples() {
			names = append(names, ex.Name)
		}
		msg := "no such file, and no example of that name"
		if h := suggest.Hint(arg, names); h != "" {
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
func options(ctx context.Context, s *scenarios.Scenario, cmd *cli.Command) (cards.Options, error) {
	opt := cards.DefaultOptions()
	opt.Ctx = ctx
	paper := s.Print.Paper
	if cmd.IsSet("paper") {
		paper = cmd.String("paper")
	}
	p, err := layouts.Paper(paper)
	if err != nil {
		return opt, usagef("--paper: %v", err)
	}
	opt.Paper = p
	duplex := s.Print.Duplex
	if cmd.IsSet("duplex") {
		duplex = cmd.String("duplex")
	}
	d, err := layouts.ParseDuplex(duplex)
	if err != nil {
		return opt, usagef("--duplex: %v", err)
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
	if _, ok := cards.ClueSizes[opt.ClueCard]; !ok {
		return opt, usagef("--card: unknown size %q; use %s%s", opt.ClueCard, strings.Join(cards.ClueSizeNames, ", "), suggest.Hint(opt.ClueCard, cards.ClueSizeNames))
	}
	opt.BadgeBacks = cmd.Bool("badge-backs")
	opt.LogTheme = s.Print.LogTheme
	if cmd.IsSet("log-theme") {
		opt.LogTheme = cmd.String("log-theme")
	}
	if opt.LogTheme != "" && !slices.Contains(scenarios.LogThemes, opt.LogTheme) {
		return opt, usagef("--log-theme: unknown theme %q; use %s%s", opt.LogTheme, strings.Join(scenarios.LogThemes, " or "), suggest.Hint(opt.LogTheme, scenarios.LogThemes))
	}
	for _, c := range cards.Capacities(opt) {
		if c.Cause == "bleed" {
			fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: --bleed %g: %d %s per sheet instead of %d (the bleed and cut marks need the room)\n", opt.Bleed, c.PerSheet, c.Kind, c.Without)
		} else {
			fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: --paper %s: %d %s per sheet instead of %d on A4\n", layouts.PaperName(opt.Paper), c.PerSheet, c.Kind, c.Without)
		}
	}
	if opt.Fold && !cmd.IsSet("duplex") {
		opt.Duplex = layouts.DuplexNone // the command line wins over [print] duplex
	}
	if opt.Fold && opt.Duplex != layouts.DuplexNone {
		return opt, usagef("--fold prints front and back side by side for printers without duplex; it cannot go with --duplex %s (drop one of them)", opt.Duplex)
	}
	if opt.Duplex == layouts.DuplexNone {
		for _, f := range []string{"badge-backs", "back-offset"} {
			if cmd.IsSet(f) {
				fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: warning: --%s has no effect without --duplex long-edge or short-edge\n", f)
			}
		}
	}
	return opt, nil
}

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "build every deck of a scenario into PDF files",
		ArgsUsage: "SCENARIO.toml|EXAMPLE...",
		Description: "Writes, for each scenario's id ID:\n" +
			"   DIR/ID-badges.pdf       one badge per role\n" +
			"   DIR/ID-systems.pdf      one post-it card per system (when there are systems)\n" +
			"   DIR/ID-clues.pdf        timed clue cards in reveal order, then contingent ones (backs with --duplex or --fold)\n" +
			"   DIR/ID-requests.pdf     on-request clue cards, by system (when there are any)\n" +
			"   DIR/ID-complications.pdf complication cards to draw (when [complications] chooses any)\n" +
			"   DIR/ID-evaluator.pdf    the observer's sheet (with expected actions or on-request clues)\n" +
			"   DIR/ID-worksheets.pdf   scribe, debrief and premortem worksheets\n" +
			"   DIR/ID-facilitator.pdf  the run sheet: rounds, clues, notes, warnings, print checklist\n" +
			"   DIR/ID-screen.pdf       with --screen: 16:9 slides for a video call or projector\n" +
			"   DIR/ID-packet-ROLE.pdf  with --packets: per role, its badge and its clues only\n" +
			"Warnings (a clue after the planned end, a round without clues) go to stderr.\n" +
			"Nothing in DIR is written or changed unless the whole build succeeds.\n\n" +
			"Example:\n   propdeck build eu-db-latency -o out\n   propdeck build my-drill.toml -o out --paper letter --duplex long-edge",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder", Value: "out"},
			&cli.BoolFlag{Name: "screen", Usage: "also write DIR/ID-screen.pdf: 16:9 pages for a video call"},
			&cli.BoolFlag{Name: "screen-sealed", Usage: "with --screen: also put contingent and on-request cards on the screen deck, after the timed ones (for a facilitator who shows one slide at a time)"},
			&cli.BoolFlag{Name: "packets", Usage: "also write DIR/ID-packet-ROLE.pdf per role: badge, briefing and its clues only"},
		}, printFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() == 0 {
				return usagef("build needs a scenario file or example name (see propdeck examples)")
			}
			if cmd.Args().Len() == 1 {
				return buildOne(ctx, cmd, cmd.Args().First())
			}
			// Many scenarios: each into its own files; every failing one is
			// reported, and the others are written.
			failed := 0
			for _, arg := range cmd.Args().Slice() {
				if err := buildOne(ctx, cmd, arg); err != nil {
					failed++
					var se *scenarios.Errors
					if errors.As(err, &se) {
						fmt.Fprintln(cmd.Root().ErrWriter, se.Error())
					} else {
						fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: %v\n", err)
					}
				}
				if ctx.Err() != nil {
					break
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d scenarios failed; the others were built", failed, cmd.Args().Len())
			}
			return nil
		},
	}
}

// buildOne builds every deck of one scenario into --out.
func buildOne(ctx context.Context, cmd *cli.Command, arg string) error {
	start := time.Now()
	s, err := loadScenario(ctx, arg)
	if err != nil {
		return err
	}
	opt, err := options(ctx, s, cmd)
	if err != nil {
		return err
	}
	warn(cmd, s)
	for _, w := range cards.SizeWarnings(s, opt) {
		fmt.Fprintf(cmd.Root().ErrWriter, "%s: warning: %s\n", s.File, w)
	}
	decks, err := cards.Build(s, opt)
	var se *scenarios.Errors
	if errors.As(err, &se) {
		return se
	}
	if err != nil {
		return fmt.Errorf("%s: %w; nothing was written", s.File, err)
	}
	if cmd.Bool("screen") {
		d, err := cards.Screen(s, cmd.Bool("screen-sealed"))
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was written", s.File, err)
		}
		decks = append(decks, d)
	}
	if cmd.Bool("packets") {
		ps, err := cards.Packets(s, opt)
		if err != nil {
			return fmt.Errorf("%s: %w; nothing was written", s.File, err)
		}
		decks = append(decks, ps...)
	}
	if err := writeDecks(ctx, cmd, decks); err != nil {
		return fmt.Errorf("%s: %w; nothing was written", s.File, err)
	}
	fmt.Fprintf(cmd.Root().Writer, "built %s in %s\n", s.Scenario.ID, time.Since(start).Round(time.Millisecond))
	return nil
}

func checkLang(lang string) error {
	if !slices.Contains(scenarios.Languages, lang) {
		return usagef("--lang must be %s%s", strings.Join(scenarios.Languages, " or "), suggest.Hint(lang, scenarios.Languages))
	}
	return nil
}

// warn prints the scenario's warnings on stderr; they do not stop a build.
func warn(cmd *cli.Command, s *scenarios.Scenario) {
	for _, n := range s.Notes {
		n.Msg = "warning: " + n.Msg
		fmt.Fprintln(cmd.Root().ErrWriter, n.Error())
	}
	for _, w := range cards.Warnings(s) {
		fmt.Fprintf(cmd.Root().ErrWriter, "%s: warning: %s\n", s.File, w)
	}
}

// count is "1 clue", "3 clues".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func size(n int) string {
	if n < 1024*1024 {
		return strconv.Itoa((n+512)/1024) + " KB"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:        "validate",
		Usage:       "check scenario files and report every error",
		ArgsUsage:   "SCENARIO.toml...",
		Description: "Reports every error of every file as FILE:LINE:COL: message, and exits 1 if any.\n\nExample:\n   propdeck validate drills/*.toml",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() == 0 {
				return usagef("validate needs at least one scenario file")
			}
			var all scenarios.Errors
			for _, arg := range cmd.Args().Slice() {
				if err := ctx.Err(); err != nil {
					return fmt.Errorf("interrupted: %w", err)
				}
				if _, statErr := os.Stat(arg); statErr == nil && scenarios.IsCatalog(arg) {
					// A catalog is checked as a catalog: its roles and
					// systems, with no scenario around them.
					c, err := scenarios.CheckCatalog(arg)
					var se *scenarios.Errors
					switch {
					case errors.As(err, &se):
						all = append(all, *se...)
					case err != nil:
						return err
					default:
						fmt.Fprintf(cmd.Root().Writer, "%s: ok (catalog: %s, %s)\n", arg, count(len(c.Roles), "role"), count(len(c.Systems), "system"))
					}
					continue
				}
				s, err := loadScenario(ctx, arg)
				var se *scenarios.Errors
				switch {
				case errors.As(err, &se):
					all = append(all, *se...)
					continue
				case err != nil:
					return err
				}
				// Cards that cannot hold their text are errors too: validate
				// and build report the same problems.
				opt := cards.DefaultOptions()
				opt.Ctx = ctx
				if _, err := cards.Build(s, opt); err != nil {
					if errors.As(err, &se) {
						all = append(all, *se...)
					} else {
						all = append(all, scenarios.Error{File: s.File, Msg: err.Error()})
					}
					continue
				}
				warn(cmd, s)
				fmt.Fprintf(cmd.Root().Writer, "%s: ok (%s, %s, %s)\n", arg, count(len(s.Roles), "role"), count(len(s.Systems), "system"), count(len(s.Clues), "clue"))
			}
			if len(all) > 0 {
				return &all
			}
			return nil
		},
	}
}

func worksheetsCommand() *cli.Command {
	return &cli.Command{
		Name:      "worksheets",
		Usage:     "print scribe, debrief and premortem worksheets only (refills)",
		ArgsUsage: "[SCENARIO.toml|EXAMPLE]",
		Description: "With a scenario, writes DIR/ID-worksheets-refill.pdf for it (never the set a build\n" +
			"wrote, which the run sheet's checklist counts). Without one, writes\n" +
			"DIR/blank-worksheets-LANG.pdf: an undated set for exercises run from a whiteboard.\n\n" +
			"Example:\n   propdeck worksheets eu-db-latency -o out --copies 3\n   propdeck worksheets -o out --lang ko",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder", Value: "out"},
			&cli.IntFlag{Name: "copies", Usage: "how many times the whole set is printed, 1 to 100 (default: the scenario's worksheets.copies, else 1)", HideDefault: true},
			&cli.StringFlag{Name: "lang", Usage: "language of the labels: en or ko (default: the scenario's language, else en)", HideDefault: true},
			&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 1 {
				return usagef("worksheets takes at most one scenario")
			}
			copies := int(cmd.Int("copies"))
			if cmd.IsSet("copies") && (copies < 1 || copies > 100) {
				return usagef("--copies must be between 1 and 100")
			}
			lang := cmd.String("lang")
			if lang == "" {
				lang = "en"
			}
			if err := checkLang(lang); err != nil {
				return err
			}
			var d *cards.Deck
			if cmd.Args().Len() == 1 {
				s, err := loadScenario(ctx, cmd.Args().First())
				if err != nil {
					return err
				}
				opt, err := options(ctx, s, cmd)
				if err != nil {
					return err
				}
				if copies > 0 {
					s.Worksheets.Copies = int64(copies)
				}
				if cmd.IsSet("lang") {
					s.Scenario.Language = lang
				}
				if d, err = cards.Worksheets(s, opt); err != nil {
					return err
				}
				if d == nil {
					return fmt.Errorf("%s: every worksheet is switched off in [worksheets]; nothing to print", s.File)
				}
				d.Name = strings.TrimSuffix(d.Name, ".pdf") + "-refill.pdf"
			} else {
				opt := cards.DefaultOptions()
				p, err := layouts.Paper(cmd.String("paper"))
				if err != nil {
					return usagef("--paper: %v", err)
				}
				opt.Paper = p
				if d, err = cards.BlankWorksheets(lang, copies, opt); err != nil {
					return err
				}
			}
			return writeDecks(ctx, cmd, []*cards.Deck{d})
		},
	}
}

// writeDecks renders decks and writes them into --out, reporting each file.
func writeDecks(ctx context.Context, cmd *cli.Command, decks []*cards.Deck) error {
	files, err := output.RenderAll(ctx, decks)
	if err != nil {
		return err
	}
	dir := cmd.String("out")
	if err := output.WriteAll(ctx, dir, files); err != nil {
		return err
	}
	for i, f := range files {
		fmt.Fprintf(cmd.Root().Writer, "%s/%s  %s, %s\n", strings.TrimRight(dir, "/"), f.Name, count(len(decks[i].Pages), "page"), size(len(f.Data)))
	}
	return nil
}

func examplesCommand() *cli.Command {
	return &cli.Command{
		Name:  "examples",
		Usage: "list the scenarios shipped inside propdeck, or print one",
		Description: "Any name listed can be given to build, validate or worksheets instead of a file.\n" +
			"--show NAME prints its TOML; propdeck init --from-example NAME FILE writes a copy to adapt.\n\n" +
			"Example:\n   propdeck examples\n   propdeck examples --show dns-change-ko\n   propdeck build dns-change-ko -o out",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "show", Usage: "print the TOML of the example NAME"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			w := cmd.Root().Writer
			if name := cmd.String("show"); name != "" {
				data, err := exampleSource(name)
				if err != nil {
					return err
				}
				_, err = w.Write(data)
				return err
			}
			for _, ex := range scenarios.Examples() {
				fmt.Fprintf(w, "%-22s [%s] %s\n", ex.Name, ex.Lang, ex.Title)
			}
			return nil
		},
	}
}

// exampleSource is a shipped example's text, or a usage error naming the
// nearest example.
func exampleSource(name string) ([]byte, error) {
	if !scenarios.IsExample(name) {
		var names []string
		for _, ex := range scenarios.Examples() {
			names = append(names, ex.Name)
		}
		return nil, usagef("no example %q%s; propdeck examples lists them", name, suggest.Hint(name, names))
	}
	return scenarios.ExampleSource(name)
}

// initFromExample writes a copy of a shipped example at path, its id from
// the file name, and beside it the catalog and data files it reads, each
// only where no file of that name is (an organisation's own catalog stays
// its own).
func initFromExample(ctx context.Context, cmd *cli.Command, name, path string) error {
	data, err := exampleSource(name)
	if err != nil {
		return err
	}
	deps, err := scenarios.ExampleFiles(name)
	if err != nil {
		return err
	}
	text := string(data)
	if loc := exampleID.FindStringIndex(text); loc != nil {
		text = text[:loc[0]] + `id = "` + scenarios.TemplateID(filepath.Base(path)) + `"` + text[loc[1]:]
	}
	dir := filepath.Dir(path)
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists; propdeck never overwrites it (choose another name)", path)
	}
	w := cmd.Root().Writer
	for _, rel := range slices.Sorted(maps.Keys(deps)) {
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err := os.Lstat(target); err == nil {
			fmt.Fprintf(w, "kept %s (already there)\n", target)
			continue
		}
		if err := output.WriteNew(ctx, filepath.Dir(target), []output.File{{Name: filepath.Base(target), Data: deps[rel]}}); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s\n", target)
	}
	wrote, err := writeNew(ctx, path, text, "scenario.schema.json", scenarios.Schema())
	if err != nil {
		return err
	}
	for _, f := range wrote {
		fmt.Fprintf(w, "wrote %s\n", f)
	}
	fmt.Fprintf(w, "next: propdeck build %s -o out\n", path)
	return nil
}

// exampleID is the scenario id line of a shipped example: the first id,
// in [scenario].
var exampleID = regexp.MustCompile(`(?m)^id = "[a-z0-9-]+"$`)

func calibrateCommand() *cli.Command {
	return &cli.Command{
		Name:  "calibrate",
		Usage: "write a two-page sheet that measures how far a printer shifts duplex backs",
		Description: "Print DIR/calibrate-PAPER.pdf duplex at actual size, hold the sheet up to the light and\n" +
			"read where the front's lines cross the back's scales; pass the two numbers to build.\n\n" +
			"Example:\n   propdeck calibrate -o out --paper letter\n   propdeck build eu-db-latency -o out --back-offset 1.5,-0.5",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder", Value: "out"},
			&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter", Value: "a4"},
			&cli.StringFlag{Name: "lang", Usage: "language of the sheet: en or ko", Value: "en"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 0 {
				return usagef("calibrate takes no arguments")
			}
			lang := cmd.String("lang")
			if err := checkLang(lang); err != nil {
				return err
			}
			p, err := layouts.Paper(cmd.String("paper"))
			if err != nil {
				return usagef("--paper: %v", err)
			}
			return writeDecks(ctx, cmd, []*cards.Deck{cards.Calibration(p, strings.ToLower(cmd.String("paper")), lang)})
		},
	}
}

func syntheticCommand() *cli.Command {
	return &cli.Command{
		Name:        "synthetic",
		Usage:       "print a generated scenario of N clues, for benchmarks",
		Hidden:      true,
		Description: "Example:\n   propdeck synthetic --clues 500 > big.toml",
		Flags:       []cli.Flag{&cli.IntFlag{Name: "clues", Value: 100, Usage: "how many clues"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			n := int(cmd.Int("clues"))
			if n < 0 || n > 100000 {
				return usagef("--clues must be between 0 and 100000")
			}
			_, err := io.WriteString(cmd.Root().Writer, scenarios.Synthetic(n))
			return err
		},
	}
}

func initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented starter scenario that builds as it is",
		ArgsUsage: "FILE.toml",
		Description: "Writes FILE.toml, and scenario.schema.json beside it (when missing) so that editors\n" +
			"complete keys. Never overwrites an existing scenario.\n\n" +
			"Example:\n   propdeck init drills/db-failover.toml\n   propdeck init --lang ko drills/dns.toml",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: "language of the template and of the printed labels: en or ko (with --from-premortem: default the record's)", Value: "en"},
			&cli.StringFlag{Name: "from-premortem", Usage: "a premortem record: write one starter scenario per picked idea into --out"},
			&cli.StringFlag{Name: "from-example", Usage: "a shipped example (propdeck examples): write a copy to adapt, with the catalog and data files it reads"},
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "with --from-premortem: the folder for the scenarios"},
			&cli.StringFlag{Name: "catalog", Usage: "with --from-premortem: a catalog the scenarios include for roles and systems"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if ex := cmd.String("from-example"); ex != "" {
				if cmd.Args().Len() != 1 || !strings.HasSuffix(cmd.Args().First(), ".toml") {
					return usagef("init --from-example NAME needs one FILE.toml to write, e.g. propdeck init --from-example %s drills/my-drill.toml", ex)
				}
				return initFromExample(ctx, cmd, ex, cmd.Args().First())
			}
			if rec := cmd.String("from-premortem"); rec != "" {
				if cmd.Args().Len() != 0 || cmd.String("out") == "" {
					return usagef("init --from-premortem RECORD needs -o DIR and no file name")
				}
				lang := cmd.String("lang")
				if !cmd.IsSet("lang") {
					lang = "" // the record's own
				} else if err := checkLang(lang); err != nil {
					return err
				}
				return startersFromPremortem(ctx, cmd, rec, cmd.String("out"), cmd.String("catalog"), lang)
			}
			if cmd.Args().Len() != 1 {
				return usagef("init needs exactly one file name, e.g. propdeck init my-drill.toml")
			}
			lang := cmd.String("lang")
			if err := checkLang(lang); err != nil {
				return err
			}
			path := cmd.Args().First()
			if !strings.HasSuffix(path, ".toml") {
				return usagef("%s: a scenario file name ends in .toml", path)
			}
			wrote, err := writeStarter(ctx, path, lang)
			if err != nil {
				return err
			}
			w := cmd.Root().Writer
			for _, f := range wrote {
				fmt.Fprintf(w, "wrote %s\n", f)
			}
			fmt.Fprintf(w, "next: propdeck build %s -o out\nformat reference: propdeck reference, or %s\n", path, scenarios.ReferenceURL)
			return nil
		},
	}
}

// templateFor is the starter scenario for a file name.
func templateFor(lang, path string) string {
	return strings.Replace(scenarios.Template(lang), `id = "my-exercise"`, `id = "`+scenarios.TemplateID(filepath.Base(path))+`"`, 1)
}

// writeStarter writes a starter scenario at path, creating its folder, and
// the editor schema beside it when there is none; it returns what it wrote.
func writeStarter(ctx context.Context, path, lang string) ([]string, error) {
	return writeNew(ctx, path, templateFor(lang, path), "scenario.schema.json", scenarios.Schema())
}

// writeNew writes text to a new file at path (never over an existing one,
// nor through a link), creating its folder, and a schema file beside it
// when there is none; all or nothing, as decks are.
func writeNew(ctx context.Context, path, text, schemaName string, schemaData []byte) ([]string, error) {
	dir := filepath.Dir(path)
	files := []output.File{{Name: filepath.Base(path), Data: []byte(text)}}
	// Lstat: a link named like the schema, even a dangling one, is the
	// user's; it is left alone, not written through.
	if _, err := os.Lstat(filepath.Join(dir, schemaName)); errors.Is(err, fs.ErrNotExist) {
		files = append(files, output.File{Name: schemaName, Data: schemaData})
	}
	if err := output.WriteNew(ctx, dir, files); err != nil {
		return nil, err
	}
	var wrote []string
	for _, f := range files {
		wrote = append(wrote, filepath.Join(dir, f.Name))
	}
	return wrote, nil
}

// reference is the format reference the binary prints.
var reference = docs.Reference

// referenceURL is where the reference is read online.
const referenceURL = scenarios.ReferenceURL

func referenceCommand() *cli.Command {
	return &cli.Command{
		Name:        "reference",
		Usage:       "print the scenario format reference (Markdown)",
		Description: "The same text as docs/scenario-format.md in the repository.\n\nExample:\n   propdeck reference | less",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			_, err := io.WriteString(cmd.Root().Writer, reference)
			return err
		},
	}
}

func complicationsCommand() *cli.Command {
	return &cli.Command{
		Name:  "complications",
		Usage: "list the built-in complication sets and their cards",
		Description: "Choose sets in a scenario with [complications] sets = [\"people\", \"tooling\"].\n\n" +
			"Example:\n   propdeck complications\n   propdeck complications --lang ko vendors",
		ArgsUsage: "[SET...]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "lang", Usage: "language of the cards: en or ko", Value: "en"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			lang := cmd.String("lang")
			if err := checkLang(lang); err != nil {
				return err
			}
			sets := cmd.Args().Slice()
			for _, set := range sets {
				if !slices.Contains(complications.Sets, set) {
					return usagef("no complication set %q; the sets are %s%s", set, strings.Join(complications.Sets, ", "), suggest.Hint(set, complications.Sets))
				}
			}
			if len(sets) == 0 {
				sets = complications.Sets
			}
			w := cmd.Root().Writer
			for _, set := range sets {
				cards := complications.Set(set, lang)
				fmt.Fprintf(w, "%s (%s)\n", set, count(len(cards), "card"))
				for _, c := range cards {
					fmt.Fprintf(w, "  %-14s %s\n", c.ID, complications.Generic(c).Title)
				}
			}
			return nil
		},
	}
}

func recordCommand() *cli.Command {
	return &cli.Command{
		Name:      "record",
		Usage:     "write a session record to fill in after a session, pre-filled from the scenario",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "Writes FILE: the scenario id, today's date to confirm, one [[expected]] per expected\n" +
			"action of the scenario, and commented examples of the timeline, findings and actions,\n" +
			"in the scenario's language; and record.schema.json beside it for editors. Never\n" +
			"overwrites a file. Then: propdeck report SCENARIO FILE -o DIR\n\n" +
			"Example:\n   propdeck record eu-db-latency -o records/2026-03-10.toml",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "the record file to write", Required: true},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usagef("record needs exactly one scenario file or example name")
			}
			s, err := loadScenario(ctx, cmd.Args().First())
			if err != nil {
				return err
			}
			path := cmd.String("out")
			text := report.RecordTemplate(s, cmd.Args().First(), path, time.Now().Format("2006-01-02"))
			wrote, err := writeNew(ctx, path, text, "record.schema.json", scenarios.RecordSchema())
			if err != nil {
				return err
			}
			for _, f := range wrote {
				fmt.Fprintf(cmd.Root().Writer, "wrote %s\n", f)
			}
			fmt.Fprintf(cmd.Root().Writer, "next: fill it in, then propdeck report %s %s -o out\n", cmd.Args().First(), path)
			return nil
		},
	}
}

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "turn a session record into an after-action report and action items",
		ArgsUsage: "SCENARIO.toml|EXAMPLE RECORD.toml",
		Description: "Checks the record against the scenario (every error at once, as RECORD:LINE:COL: message)\n" +
			"and writes, only when all is well:\n" +
			"   DIR/ID-report.md    the after-action report in Markdown (renders on GitHub and GitLab)\n" +
			"   DIR/ID-report.pdf   the same report, printable\n" +
			"   DIR/ID-actions.csv  one row per action item, for a tracker's CSV import\n\n" +
			"Example:\n   propdeck report eu-db-latency records/2026-03-10.toml -o out",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder", Value: "out"},
			&cli.StringFlag{Name: "paper", Usage: "paper size of the PDF: a4 or letter"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 2 {
				return usagef("report needs a scenario and a record, e.g. propdeck report eu-db-latency record.toml -o out")
			}
			s, err := loadScenario(ctx, cmd.Args().First())
			if err != nil {
				return err
			}
			r, err := scenarios.LoadRecord(cmd.Args().Get(1), s)
			if err != nil {
				return err
			}
			opt := cards.DefaultOptions()
			if opt.Paper, err = layouts.Paper(cmd.String("paper")); err != nil {
				return usagef("--paper: %v", err)
			}
			lb := cards.LabelsFor(s.Scenario.Language)
			pdf, err := output.RenderAll(ctx, []*cards.Deck{cards.Report(s, r, report.ScoreOf(r).Line(lb), opt)})
			if err != nil {
				return fmt.Errorf("%s: %w; nothing was written", r.File, err)
			}
			files := append(pdf,
				output.File{Name: s.Scenario.ID + "-report.md", Data: report.Markdown(s, r)},
				output.File{Name: s.Scenario.ID + "-actions.csv", Data: report.ActionsCSV(s, r)})
			dir := cmd.String("out")
			if err := output.WriteAll(ctx, dir, files); err != nil {
				return fmt.Errorf("%s: %w; nothing was written", r.File, err)
			}
			for _, f := range files {
				fmt.Fprintf(cmd.Root().Writer, "%s/%s  %s\n", strings.TrimRight(dir, "/"), f.Name, size(len(f.Data)))
			}
			return nil
		},
	}
}

func mselCommand() *cli.Command {
	return &cli.Command{
		Name:      "msel",
		Usage:     "print the Master Scenario Events List of a scenario as CSV",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "One row per clue in run order (timed and contingent by time, then on request): sequence,\n" +
			"clue id, offset, wall clock, kind, mode, to (role ids, * for everyone, none for the\n" +
			"facilitator's own), system, title, ask, condition, replaces, expected actions due by then\n" +
			"and the facilitator's note. --hseep writes the HSEEP template's columns instead (Seq No,\n" +
			"Time, Inject Type, Delivery Method, From, To, Inject Description, Expected Action, Notes).\n" +
			"UTF-8 with a BOM, so that Excel reads Korean right. Standard output, or -o FILE.csv.\n\n" +
			"Example:\n   propdeck msel eu-db-latency -o out/eu-db-latency-msel.csv\n   propdeck msel eu-db-latency --hseep -o out/msel-hseep.csv",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "a CSV file to write instead of standard output"},
			&cli.BoolFlag{Name: "hseep", Usage: "the HSEEP MSEL template's column names and human-readable cells"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usagef("msel needs exactly one scenario file or example name")
			}
			s, err := loadScenario(ctx, cmd.Args().First())
			if err != nil {
				return err
			}
			data := report.MSEL(s)
			if cmd.Bool("hseep") {
				data = report.HSEEPMSEL(s)
			}
			path := cmd.String("out")
			if path == "" {
				_, err := cmd.Root().Writer.Write(data)
				return err
			}
			if err := output.WriteAll(ctx, filepath.Dir(path), []output.File{{Name: filepath.Base(path), Data: data}}); err != nil {
				return fmt.Errorf("%s: %w; nothing was written", path, err)
			}
			fmt.Fprintf(cmd.Root().Writer, "wrote %s (%s)\n", path, count(len(s.Timeline.Reveals), "clue"))
			return nil
		},
	}
}

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write every card face as its own PNG or SVG, for digital boards",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "Writes one image per card face, named to sort in play order: ID-badge-ROLE, ID-system-SYS,\n" +
			"ID-clue-010-c01 (and ID-clue-010-c01-back), ID-request-…, ID-complication-…; a card\n" +
			"continued on a second card gives two images. PNG is the card's size at --dpi, SVG keeps\n" +
			"text as text with the fonts embedded. --card and --log-theme apply as for build; paper,\n" +
			"cut marks, duplex, fold and bleed do not (there is no sheet). Nothing is written unless\n" +
			"every image drew.\n\n" +
			"Example:\n   propdeck export eu-db-latency -o board\n   propdeck export dns-change-ko -o board --format svg\n   propdeck export eu-db-latency -o board --dpi 150 --contact-sheet",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder", Value: "out"},
			&cli.StringFlag{Name: "format", Usage: "png or svg", Value: "png"},
			&cli.FloatFlag{Name: "dpi", Usage: "resolution of PNG images, 50 to 600", Value: 200},
			&cli.BoolFlag{Name: "contact-sheet", Usage: "also write DIR/ID-board.png: every card's front laid out as a board"},
			&cli.StringFlag{Name: "card", Usage: "clue card size: " + strings.Join(cards.ClueSizeNames, ", "), Value: "quarter"},
			&cli.StringFlag{Name: "log-theme", Usage: "log snapshots: dark or light (default: the scenario's [print] log_theme, else dark)"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usagef("export needs exactly one scenario file or example name")
			}
			format := cmd.String("format")
			if !slices.Contains(export.Formats, format) {
				return usagef("--format must be png or svg%s", suggest.Hint(format, export.Formats))
			}
			dpi := cmd.Float("dpi")
			if !(dpi >= 50 && dpi <= 600) {
				return usagef("--dpi must be between 50 and 600")
			}
			s, err := loadScenario(ctx, cmd.Args().First())
			if err != nil {
				return err
			}
			opt := cards.DefaultOptions()
			opt.Ctx = ctx
			opt.ClueCard = cmd.String("card")
			if _, ok := cards.ClueSizes[opt.ClueCard]; !ok {
				return usagef("--card: unknown size %q; use %s%s", opt.ClueCard, strings.Join(cards.ClueSizeNames, ", "), suggest.Hint(opt.ClueCard, cards.ClueSizeNames))
			}
			opt.LogTheme = s.Print.LogTheme
			if cmd.IsSet("log-theme") {
				opt.LogTheme = cmd.String("log-theme")
			}
			if opt.LogTheme != "" && !slices.Contains(scenarios.LogThemes, opt.LogTheme) {
				return usagef("--log-theme: unknown theme %q; use dark or light", opt.LogTheme)
			}
			start := time.Now()
			list, err := cards.AllCards(s, opt)
			var se *scenarios.Errors
			if errors.As(err, &se) {
				return se
			}
			if err != nil {
				return fmt.Errorf("%s: %w; nothing was written", s.File, err)
			}
			files, err := export.Files(ctx, s.Scenario.ID, list, format, dpi)
			if err == nil && cmd.Bool("contact-sheet") {
				var board []byte
				board, err = export.Board(list, min(dpi, 100))
				files = append(files, output.File{Name: s.Scenario.ID + "-board.png", Data: board})
			}
			if err != nil {
				return fmt.Errorf("%s: %w; nothing was written", s.File, err)
			}
			dir := cmd.String("out")
			if err := output.WriteAll(ctx, dir, files); err != nil {
				return fmt.Errorf("%s: %w; nothing was written", s.File, err)
			}
			total := 0
			for _, f := range files {
				total += len(f.Data)
			}
			fmt.Fprintf(cmd.Root().Writer, "exported %s of %s into %s (%s) in %s\n", count(len(files), "image"), s.Scenario.ID, dir, size(total), time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
}

func importCommand() *cli.Command {
	return &cli.Command{
		Name:  "import",
		Usage: "turn a Backstage catalog or an incident timeline into propdeck files",
		Commands: []*cli.Command{
			{
				Name:      "backstage",
				Usage:     "write a catalog of systems from Backstage descriptor files",
				ArgsUsage: "catalog-info.yaml...",
				Description: "Reads Components, Resources, Systems and APIs (and Groups, for owners' names) from\n" +
					"Backstage descriptor files (multi-document YAML) and writes a catalog of [[systems]]\n" +
					"that scenarios include. Other kinds are skipped with a line each on stderr. The same\n" +
					"input gives the same bytes.\n\n" +
					"Example:\n   propdeck import backstage catalog-info.yaml teams.yaml -o catalog/systems.toml",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "the catalog file to write (default: standard output)"},
					forceFlag(),
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.Args().Len() == 0 {
						return usagef("import backstage needs at least one descriptor file")
					}
					var files []importer.File
					for _, name := range cmd.Args().Slice() {
						data, err := input.Read(ctx, name, input.MaxBytes)
						if err != nil {
							return fmt.Errorf("%s: %v", name, err)
						}
						files = append(files, importer.File{Name: name, Data: data})
					}
					catalog, notes, err := importer.Backstage(files)
					if err != nil {
						return err
					}
					for _, n := range notes {
						fmt.Fprintln(cmd.Root().ErrWriter, n)
					}
					return writeOut(ctx, cmd, cmd.String("out"), catalog)
				},
			},
			{
				Name:      "timeline",
				Usage:     "write a scenario skeleton from an incident timeline export (CSV)",
				ArgsUsage: "FILE.csv",
				Description: "Reads a CSV (comma, semicolon or tab) with a time column (RFC 3339, 2018-10-21 22:54:12 UTC,\n" +
					"Unix seconds, or HH:MM on the day of --t0) and a text column (detected from common export\n" +
					"names such as PagerDuty's created_at/summary and Slack's ts/text, or named with\n" +
					"--time-column and --text-column), and writes a scenario: start at --t0, one clue per row\n" +
					"of what the team saw (kind from a type column or guessed from its words, marked # check),\n" +
					"what responders did as expected actions of a role per person, rounds where the timeline\n" +
					"pauses, a note to add the twist. It validates and builds as it is.\n\n" +
					"Example:\n   propdeck import timeline incident-42.csv --t0 2026-03-10T09:00:00+01:00 -o drills/replay-42.toml",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "the scenario file to write (default: standard output)"},
					forceFlag(),
					&cli.StringFlag{Name: "t0", Usage: "wall clock of T+0, RFC 3339 (required)", Required: true},
					&cli.StringFlag{Name: "time-column", Usage: "header of the time column (default: detected)"},
					&cli.StringFlag{Name: "text-column", Usage: "header of the text column (default: detected)"},
					&cli.StringFlag{Name: "id", Usage: "the scenario id (default: from the file name)"},
				},
				Action: func(ctx context.Context, cmd *cli.Command) error {
					if cmd.Args().Len() != 1 {
						return usagef("import timeline needs exactly one CSV file")
					}
					t0, err := time.Parse(time.RFC3339, cmd.String("t0"))
					if err != nil {
						return usagef("--t0 %q must be an RFC 3339 time such as 2026-03-10T09:00:00+01:00", cmd.String("t0"))
					}
					name := cmd.Args().First()
					data, err := input.Read(ctx, name, input.MaxBytes)
					if err != nil {
						return fmt.Errorf("%s: %v", name, err)
					}
					id := cmd.String("id")
					if id == "" {
						id = scenarios.TemplateID(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)) + ".toml")
					}
					out, notes, err := importer.Timeline(name, data, id, importer.TimelineOptions{T0: t0, TimeColumn: cmd.String("time-column"), TextColumn: cmd.String("text-column")})
					if err != nil {
						return err
					}
					for _, n := range notes {
						fmt.Fprintln(cmd.Root().ErrWriter, n)
					}
					return writeOut(ctx, cmd, cmd.String("out"), out)
				},
			},
		},
	}
}

// writeOut writes data to path atomically, or to standard output. An
// existing file is a user's work (a catalog or skeleton edited by hand):
// it is replaced only with --force, as init and record never replace one.
func writeOut(ctx context.Context, cmd *cli.Command, path string, data []byte) error {
	if path == "" {
		_, err := cmd.Root().Writer.Write(data)
		return err
	}
	write := output.WriteNew
	if cmd.Bool("force") {
		write = output.WriteAll
	}
	if err := write(ctx, filepath.Dir(path), []output.File{{Name: filepath.Base(path), Data: data}}); errors.Is(err, output.ErrExists) {
		return fmt.Errorf("%s already exists; give --force to replace it, or choose another -o", path)
	} else if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(cmd.Root().Writer, "wrote %s\n", path)
	return nil
}

func forceFlag() cli.Flag {
	return &cli.BoolFlag{Name: "force", Usage: "replace the -o file if it exists (it may hold hand edits)"}
}

func premortemCommand() *cli.Command {
	return &cli.Command{
		Name:      "premortem",
		Usage:     "print the premortem kit: agenda, prompt cards, idea slips, clustering and next-scenario sheets",
		ArgsUsage: "[SCENARIO.toml|EXAMPLE]",
		Description: "Writes DIR/ID-premortem.pdf (or DIR/premortem.pdf without a scenario): a one-page agenda\n" +
			"for a 60-minute session with the opening prompt and ground rules, prompt cards and idea\n" +
			"slips with cut marks, a clustering sheet with an impact × likelihood grid, and a sheet for\n" +
			"the scenarios to rehearse next. Type the picks into a premortem record afterwards, then:\n" +
			"propdeck init --from-premortem RECORD -o DIR\n\n" +
			"Example:\n   propdeck premortem -o out\n   propdeck premortem eu-db-latency -o out --lang ko --cards our-cards.toml",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "output folder", Value: "out"},
			&cli.StringFlag{Name: "lang", Usage: "language of the kit: en or ko (default: the scenario's, else en)"},
			&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter"},
			&cli.StringFlag{Name: "cards", Usage: "a TOML file of [[cards]] (id, theme, provocation, question) to add to the built-in prompt cards"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 1 {
				return usagef("premortem takes at most one scenario")
			}
			var s *scenarios.Scenario
			lang := "en"
			if cmd.Args().Len() == 1 {
				var err error
				if s, err = loadScenario(ctx, cmd.Args().First()); err != nil {
					return err
				}
				lang = s.Scenario.Language
			}
			if cmd.IsSet("lang") {
				lang = cmd.String("lang")
			}
			if err := checkLang(lang); err != nil {
				return err
			}
			opt := cards.DefaultOptions()
			var err error
			if opt.Paper, err = layouts.Paper(cmd.String("paper")); err != nil {
				return usagef("--paper: %v", err)
			}
			prompts := premortem.Cards(lang)
			if f := cmd.String("cards"); f != "" {
				data, err := input.Read(ctx, f, input.MaxBytes)
				if err != nil {
					return fmt.Errorf("%s: %v", f, err)
				}
				own, err := premortem.ParseCards(f, data)
				if err != nil {
					return err
				}
				prompts = append(prompts, own...)
			}
			d, err := cards.PremortemKit(s, lang, prompts, opt)
			if err != nil {
				return err
			}
			return writeDecks(ctx, cmd, []*cards.Deck{d})
		},
	}
}

// startersFromPremortem writes one starter scenario per picked idea of a
// premortem record into dir, never over an existing file.
func startersFromPremortem(ctx context.Context, cmd *cli.Command, recordPath, dir, catalog, lang string) error {
	data, err := input.Read(ctx, recordPath, input.MaxBytes)
	if err != nil {
		return fmt.Errorf("%s: %v", recordPath, err)
	}
	rec, err := premortem.ParseRecord(recordPath, data)
	if err != nil {
		return err
	}
	if lang == "" {
		lang = rec.Language()
	}
	include := ""
	if catalog != "" {
		abs, _ := filepath.Abs(catalog)
		absDir, _ := filepath.Abs(dir)
		if include, err = filepath.Rel(absDir, abs); err != nil {
			return fmt.Errorf("--catalog: %v", err)
		}
		include = filepath.ToSlash(include)
	}
	var files []output.File
	used := map[string]bool{}
	for _, idea := range rec.Picks() {
		id := rec.StarterID(idea)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s-%d", strings.TrimSuffix(id, fmt.Sprintf("-%d", n-1)), n)
		}
		used[id] = true
		text := premortem.Starter(idea, id, lang, include)
		name := id + ".toml"
		if len(text) > scenarios.MaxScenarioBytes {
			return fmt.Errorf("%s: the starter for idea %s would be %d MB, more than the %d MB propdeck reads of one file; shorten the idea", recordPath, idea.ID, len(text)>>20, scenarios.MaxScenarioBytes>>20)
		}
		// Each starter must validate as written: check it where it will live.
		if _, err := scenarios.Parse(filepath.Join(dir, name), []byte(text), scenarios.DirSource(dir)); err != nil {
			return fmt.Errorf("the starter for idea %s does not validate (is the catalog right?):\n%w", idea.ID, err)
		}
		files = append(files, output.File{Name: name, Data: []byte(text)})
	}
	if _, err := os.Lstat(filepath.Join(dir, "scenario.schema.json")); errors.Is(err, fs.ErrNotExist) {
		files = append(files, output.File{Name: "scenario.schema.json", Data: scenarios.Schema()})
	}
	if err := output.WriteNew(ctx, dir, files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(cmd.Root().Writer, "wrote %s\n", filepath.Join(dir, f.Name))
	}
	return nil
}

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:        "schema",
		Usage:       "print the JSON Schema of the scenario format, for editors",
		Description: "Example:\n   propdeck schema > scenario.schema.json\n   (then keep '#:schema scenario.schema.json' as the first line of a scenario)",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "record", Usage: "the schema of session records instead"},
			&cli.BoolFlag{Name: "catalog", Usage: "the schema of catalogs instead"},
			&cli.BoolFlag{Name: "premortem", Usage: "the schema of premortem records instead"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			data := scenarios.Schema()
			switch {
			case cmd.Bool("record"):
				data = scenarios.RecordSchema()
			case cmd.Bool("catalog"):
				data = scenarios.CatalogSchema()
			case cmd.Bool("premortem"):
				data = premortem.RecordSchema()
			}
			_, err := cmd.Root().Writer.Write(data)
			return err
		},
	}
}

func linksCommand() *cli.Command {
	return &cli.Command{
		Name:      "links",
		Usage:     "check that every runbook link of a scenario still opens",
		ArgsUsage: "SCENARIO.toml|CATALOG.toml|EXAMPLE...",
		Description: "Asks each link once with HEAD (GET where HEAD is refused), following redirects, and\n" +
			"prints link, status, time and the cards that use it. Exits 1 when any link is dead\n" +
			"(4xx/5xx, timeout, DNS failure). Several scenarios and catalogs are checked together, each\n" +
			"link once however many of them use it.\n\n" +
			"Example:\n   propdeck links drills/db-failover.toml --timeout 3s --parallel 4\n   propdeck links catalog/*.toml drills/*.toml",
		Flags: []cli.Flag{
			&cli.DurationFlag{Name: "timeout", Usage: "time allowed for each request", Value: 5 * time.Second},
			&cli.IntFlag{Name: "parallel", Usage: "requests at once", Value: 8},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() == 0 {
				return usagef("links needs scenario or catalog files, or an example name")
			}
			if cmd.Int("parallel") < 1 || cmd.Int("parallel") > 64 {
				return usagef("--parallel must be between 1 and 64")
			}
			if cmd.Duration("timeout") <= 0 {
				return usagef("--timeout must be positive, e.g. 5s")
			}
			sets := map[string][]links.Link{}
			var errs scenarios.Errors
			for _, arg := range cmd.Args().Slice() {
				var s *scenarios.Scenario
				var err error
				if _, statErr := os.Stat(arg); statErr == nil && scenarios.IsCatalog(arg) {
					s, err = scenarios.LoadCatalog(arg)
				} else {
					s, err = loadScenario(ctx, arg)
				}
				var se *scenarios.Errors
				if errors.As(err, &se) {
					errs = append(errs, *se...)
					continue
				}
				if err != nil {
					return err
				}
				sets[arg] = links.Collect(s)
			}
			if len(errs) > 0 {
				return &errs
			}
			list := links.Merge(sets)
			if cmd.Args().Len() == 1 {
				list = sets[cmd.Args().First()]
			}
			file := strings.Join(cmd.Args().Slice(), ", ")
			results := links.Check(ctx, list, links.Options{Timeout: cmd.Duration("timeout"), Parallel: int(cmd.Int("parallel"))})
			io.WriteString(cmd.Root().Writer, links.Table(results))
			dead, skipped := 0, 0
			for _, r := range results {
				switch {
				case r.Skipped:
					skipped++
				case r.Dead():
					dead++
				}
			}
			switch {
			case skipped > 0:
				return fmt.Errorf("%s: interrupted: %d of %d runbook links not checked, %d dead", file, skipped, len(results), dead)
			case dead > 0:
				return fmt.Errorf("%s: %d of %d runbook links are dead", file, dead, len(results))
			}
			fmt.Fprintf(cmd.Root().Writer, "all %d runbook links open\n", len(results))
			return nil
		},
	}
}
