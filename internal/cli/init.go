package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
)

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
			outFlag("with --from-premortem: the folder for the scenarios", ""),
			&cli.StringFlag{Name: "catalog", Usage: "with --from-premortem: a catalog the scenarios include for roles and systems"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if ex := cmd.String("from-example"); ex != "" {
				if cmd.Args().Len() != 1 || !strings.HasSuffix(cmd.Args().First(), ".toml") {
					return usage(text.M("cli-init-example-args", "name", ex))
				}
				return initFromExample(ctx, cmd, ex, cmd.Args().First())
			}
			if rec := cmd.String("from-premortem"); rec != "" {
				if cmd.Args().Len() != 0 || cmd.String("out") == "" {
					return usage(text.M("cli-init-premortem-args"))
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
				return usage(text.M("cli-init-args"))
			}
			lang := cmd.String("lang")
			if err := checkLang(lang); err != nil {
				return err
			}
			path := cmd.Args().First()
			if !strings.HasSuffix(path, ".toml") {
				return usage(text.M("cli-init-toml", "path", path))
			}
			wrote, err := writeStarter(ctx, path, lang)
			if err != nil {
				return err
			}
			w := cmd.Root().Writer
			for _, f := range wrote {
				fmt.Fprintln(w, text.M("wrote", "path", f).In(lang))
			}
			fmt.Fprintln(w, text.M("init-next", "path", path).In(lang))
			fmt.Fprintln(w, text.M("init-reference", "url", rules.ReferenceURL).In(lang))
			return nil
		},
	}
}

// templateFor is the starter scenario for a file name.
func templateFor(lang, path string) string {
	return strings.Replace(examples.Template(lang), `id = "my-exercise"`, `id = "`+examples.TemplateID(filepath.Base(path))+`"`, 1)
}

// writeStarter writes a starter scenario at path, creating its folder, and
// the editor schema beside it when there is none; it returns what it wrote.
func writeStarter(ctx context.Context, path, lang string) ([]string, error) {
	return writeNew(ctx, path, templateFor(lang, path), "scenario.schema.json", rules.Schema())
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
