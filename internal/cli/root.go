// Package cli is propdeck's command line: each command maps its flags to
// a call into the package that does the work.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/termsafe"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
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
	var oe *documents.OptionError
	var se *tomlfile.Errors
	switch {
	case errors.As(err, &se):
		// err, not se: what wraps the list says what it is about ("the
		// starter for idea i3 does not validate").
		fmt.Fprintln(stderr, err.Error())
		return exitScenario
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "propdeck: %s\n", ue.msg)
		return exitUsage
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "propdeck: %s\n", oe.Msg)
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
	word := args[1]
	if word == "help" && len(args) > 2 && !strings.HasPrefix(args[2], "-") {
		word = args[2] // propdeck help bild
	}
	if slices.Contains(names, word) {
		return ""
	}
	return fmt.Sprintf("unknown command %q%s; run propdeck --help", word, suggest.Hint(word, names))
}

// hinted is err with the nearest known name when it is an unknown one.
func hinted(err error) string { return documents.Hinted(err) }

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
	for _, ex := range examples.Examples() {
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
			boardCommand(),
			propsCommand(),
			convertCommand(),
			importCommand(),
			premortemCommand(),
			reportCommand(),
			mselCommand(),
			syntheticCommand(),
			runCommand(),
			actionsCommand(),
			programmeCommand(),
			editCommand(),
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() > 0 {
				return usagef("unknown command %q; run propdeck --help", cmd.Args().First())
			}
			return cli.ShowRootCommandHelp(cmd)
		},
	}
}

func checkLang(lang string) error {
	if !slices.Contains(vocab.Language.Values, lang) {
		return usagef("--lang must be %s%s", strings.Join(vocab.Language.Values, " or "), suggest.Hint(lang, vocab.Language.Values))
	}
	return nil
}

// inLang is an error said in the reader's language, where the command
// knows it: the language of its scenario, or --lang.
type inLang struct {
	err  error
	lang string
}

func (e *inLang) Error() string { return text.In(e.err, e.lang) }

func (e *inLang) Unwrap() error { return e.err }

// saidIn is err in lang: its message, and the file errors it wraps,
// which keep their type for errors.As.
func saidIn(err error, lang string) error {
	if err == nil {
		return nil
	}
	var es *tomlfile.Errors
	if errors.As(err, &es) {
		*es = es.In(lang)
	}
	return &inLang{err: err, lang: lang}
}

// sayIn says the message key with its named values on stderr, in lang.
func sayIn(cmd *cli.Command, lang, key string, nameValues ...any) {
	fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: %s\n", text.M(key, nameValues...).In(lang))
}
