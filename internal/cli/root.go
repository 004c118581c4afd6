// Package cli is propdeck's command line: each command maps its flags to
// a call into the package that does the work.
package cli

import (
	"cmp"
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
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/rules"
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

// usageError marks a wrong command line; its words are a message, said
// in the language of the command's reader.
type usageError struct{ msg text.Message }

func (e usageError) Error() string { return e.msg.String() }

// Message is what the error says, for the reader's language.
func (e usageError) Message() text.Message { return e.msg }

// usage is a wrong command line, said by a message.
func usage(m text.Message) error { return usageError{m} }

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
	if msg, ok := unknownCommand(app, args); ok {
		fmt.Fprintf(stderr, "propdeck: %s\n", msg.In(langArg(args)))
		return exitUsage
	}
	err := app.Run(ctx, args)
	if err == nil {
		return exitOK
	}
	lang := langOf(err, args)
	var ue usageError
	var oe *documents.OptionError
	var se *tomlfile.Errors
	switch {
	case errors.As(err, &se):
		// err, not se: what wraps the list says what it is about ("the
		// starter for idea i3 does not validate"). An error of no file's
		// language (no such scenario) is said in the command line's.
		for i := range *se {
			(*se)[i].Lang = cmp.Or((*se)[i].Lang, lang)
		}
		fmt.Fprintln(stderr, err.Error())
		return exitScenario
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "propdeck: %s\n", ue.msg.In(lang))
		return exitUsage
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "propdeck: %s\n", oe.Msg.In(lang))
		return exitUsage
	}
	fmt.Fprintf(stderr, "propdeck: %s\n", text.In(err, lang))
	return exitScenario
}

// langOf is the language err is to be said in: the one the command said
// it in (its scenario's, or --lang), else the command line's --lang.
func langOf(err error, args []string) string {
	var il *inLang
	if errors.As(err, &il) {
		return il.lang
	}
	return langArg(args)
}

// langArg is --lang as the command line gives it, when it is a language
// propdeck speaks; else the language the first scenario it names is
// written in (a file or a shipped example), so that a mistake on the
// command line of a Korean scenario is said in Korean; else English. A
// usage error may come before the flags are read, or from a command
// without --lang.
func langArg(args []string) string {
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			value = args[i+1]
		}
		if slices.Contains(vocab.Language.Values, value) {
			return value
		}
	}
	for _, a := range args[min(1, len(args)):] {
		if lang := scenarioLanguage(a); lang != "" {
			return lang
		}
	}
	return "en"
}

// scenarioLanguage is the language of the scenario arg names, "" when it
// names none or one in a language propdeck does not speak.
func scenarioLanguage(arg string) string {
	var data []byte
	switch {
	case strings.HasPrefix(arg, "-"):
	case examples.IsExample(arg):
		data, _ = examples.ExampleSource(arg)
	case strings.HasSuffix(arg, ".toml"):
		data, _ = input.Read(context.Background(), arg, input.MaxBytes)
	}
	if lang := rules.WrittenLanguage(data); slices.Contains(vocab.Language.Values, lang) {
		return lang
	}
	return ""
}

// unknownCommand says what is wrong when the first word is no command.
func unknownCommand(app *cli.Command, args []string) (text.Message, bool) {
	if len(args) < 2 || strings.HasPrefix(args[1], "-") {
		return text.Message{}, false
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
		return text.Message{}, false
	}
	return text.M("cli-unknown-command", "name", word, "hint", hintOf(word, names)), true
}

// dashed is a flag's name as it is typed: -o, --out.
func dashed(name string) string {
	if name = strings.TrimLeft(name, "-"); len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// hintOf is the did-you-mean for name among known, or no message.
func hintOf(name string, known []string) text.Message {
	if k := suggest.Closest(name, known); k != "" {
		return text.M("hint-did-you-mean", "name", k)
	}
	return text.Message{}
}

// hinted is err with the nearest known name when it is an unknown one.
func hinted(err error) text.Message { return documents.Hinted(err) }

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
// pointer to the command's help, instead of the whole help page, said
// through a message: the library's own words are English only.
func usageErrorOf(ctx context.Context, cmd *cli.Command, err error, isSubcommand bool) error {
	msg := flagMistake(cmd, err)
	if cmd.Root() != cmd {
		msg = text.M("cli-in-command", "command", cmd.Name, "err", msg)
	}
	return usage(text.M("cli-see-help", "err", msg, "command", cmd.FullName()))
}

// flagMistake reads the library's usage error (it has no types for them,
// only its words) into a message.
func flagMistake(cmd *cli.Command, err error) text.Message {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		name = strings.TrimLeft(name, "-")
		var known []string
		for _, f := range cmd.Flags {
			known = append(known, f.Names()...)
		}
		var hint text.Message
		if k := suggest.Closest(name, known); k != "" {
			hint = text.M("cli-flag-hint", "flag", dashed(k))
		}
		return text.M("cli-unknown-flag", "flag", dashed(name), "hint", hint)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return text.M("cli-flag-needs-value", "flag", dashed(name))
	}
	var value, name string
	if n, _ := fmt.Sscanf(msg, "invalid value %q for flag -%s", &value, &name); n == 2 {
		return text.M("cli-flag-bad-value", "value", value, "flag", dashed(strings.TrimSuffix(name, ":")))
	}
	if n, _ := fmt.Sscanf(msg, "Required flag %q not set", &name); n == 1 {
		return text.M("cli-flag-required", "flag", dashed(name))
	}
	if _, list, ok := strings.Cut(msg, "Required flags "); ok {
		if n, _ := fmt.Sscanf(list, "%q not set", &name); n == 1 {
			names := strings.Split(name, ", ")
			for i, n := range names {
				names[i] = dashed(n)
			}
			return text.M("cli-flags-required", "flags", strings.Join(names, ", "))
		}
	}
	return text.M("as-error", "err", msg)
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
				return usage(text.M("cli-unknown-command", "name", cmd.Args().First(), "hint", text.Message{}))
			}
			return cli.ShowRootCommandHelp(cmd)
		},
	}
}

func checkLang(lang string) error {
	if !slices.Contains(vocab.Language.Values, lang) {
		return usage(text.M("cli-flag-one-of", "flag", "lang", "values", text.OrList(vocab.Language.Values), "hint", hintOf(lang, vocab.Language.Values)))
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
