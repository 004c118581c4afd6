package cli

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
)

func examplesCommand() *cli.Command {
	return &cli.Command{
		Name:  "examples",
		Usage: "list the scenarios shipped inside propdeck, or print one",
		Description: "Lists each scenario's name, language, planned duration, difficulty, tags and title;\n" +
			"--tag (repeatable: all must match) and --lang narrow the list. Any name listed can be\n" +
			"given to build, validate, run or worksheets instead of a file. --show NAME prints its\n" +
			"TOML; propdeck init --from-example NAME FILE writes a copy to adapt.\n\n" +
			"Example:\n   propdeck examples --tag database --lang ko\n   propdeck examples --show dns-change-ko\n   propdeck build dns-change-ko -o out",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "show", Usage: "print the TOML of the example NAME"},
			&cli.StringSliceFlag{Name: "tag", Usage: "only the examples with this tag (repeat for several: all must match)"},
			&cli.StringFlag{Name: "lang", Usage: "only the examples in this language: en or ko"},
		},
		Action: examplesAction,
	}
}

func examplesAction(ctx context.Context, cmd *cli.Command) error {
	w := cmd.Root().Writer
	if name := cmd.String("show"); name != "" {
		data, err := exampleSource(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	lang := cmd.String("lang")
	if lang != "" {
		if err := checkLang(lang); err != nil {
			return err
		}
	}
	var known []string
	var shown int
	for _, ex := range examples.Examples() {
		known = append(known, ex.Tags...)
		if (lang != "" && ex.Lang != lang) || !hasAll(ex.Tags, cmd.StringSlice("tag")) {
			continue
		}
		shown++
		fmt.Fprintf(w, "%-24s %-2s %4s  %-8s  %s  [%s]\n", ex.Name, ex.Lang, ex.Duration, ex.Difficulty, ex.Title, strings.Join(ex.Tags, " "))
	}
	if shown == 0 {
		var hint text.Message
		for _, t := range cmd.StringSlice("tag") {
			if !slices.Contains(known, t) {
				hint = hintOf(t, known)
			}
		}
		return usage(text.M("cli-no-example-matches", "hint", hint))
	}
	return nil
}

func hasAll(have, want []string) bool {
	for _, t := range want {
		if !slices.Contains(have, t) {
			return false
		}
	}
	return true
}

// exampleSource is a shipped example's text, or a usage error naming the
// nearest example.
func exampleSource(name string) ([]byte, error) {
	if !examples.IsExample(name) {
		return nil, usage(text.M("cli-no-such-example", "name", name, "hint", hintOf(name, exampleNames())))
	}
	return examples.ExampleSource(name)
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
	deps, err := examples.ExampleFiles(name)
	if err != nil {
		return err
	}
	src := string(data)
	if loc := exampleID.FindStringIndex(src); loc != nil {
		src = src[:loc[0]] + `id = "` + examples.TemplateID(filepath.Base(path)) + `"` + src[loc[1]:]
	}
	dir := filepath.Dir(path)
	if _, err := os.Lstat(path); err == nil {
		return text.Fail("out-never-overwrites", "path", path, "err", text.M("out-exists"))
	}
	lang := exampleLang(name)
	if cmd.IsSet("lang") {
		if lang = cmd.String("lang"); checkLang(lang) != nil {
			return checkLang(lang)
		}
	}
	w := cmd.Root().Writer
	for _, rel := range slices.Sorted(maps.Keys(deps)) {
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if _, err := os.Lstat(target); err == nil {
			fmt.Fprintln(w, text.M("kept-there", "path", target).In(lang))
			continue
		}
		if err := output.WriteNew(ctx, filepath.Dir(target), []output.File{{Name: filepath.Base(target), Data: deps[rel]}}); err != nil {
			return err
		}
		fmt.Fprintln(w, text.M("wrote", "path", target).In(lang))
	}
	wrote, err := writeNew(ctx, path, src, "scenario.schema.json", rules.Schema())
	if err != nil {
		return err
	}
	for _, f := range wrote {
		fmt.Fprintln(w, text.M("wrote", "path", f).In(lang))
	}
	fmt.Fprintln(w, text.M("init-next", "path", path).In(lang))
	return nil
}

// exampleID is the scenario id line of a shipped example: the first id,
// in [scenario].
var exampleID = regexp.MustCompile(`(?m)^id = "[a-z0-9-]+"$`)

// exampleLang is the language a shipped example is written in.
func exampleLang(name string) string {
	for _, ex := range examples.Examples() {
		if ex.Name == name {
			return ex.Lang
		}
	}
	return "en"
}
