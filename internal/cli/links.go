package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/links"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

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
			langFlag("the scenarios' language, when they share one"),
		},
		Action: linksAction,
	}
}

func linksAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usage(text.M("cli-links-needs"))
	}
	if err := inRange(cmd, "parallel", 1, 64); err != nil {
		return err
	}
	if cmd.Duration("timeout") <= 0 {
		return usage(text.M("cli-timeout-positive"))
	}
	if _, err := langOr(cmd, ""); err != nil {
		return err
	}
	sets, lang, err := linkSets(ctx, cmd)
	if err != nil {
		return err
	}
	list := links.Merge(sets)
	if cmd.Args().Len() == 1 {
		list = sets[cmd.Args().First()]
	}
	file := strings.Join(cmd.Args().Slice(), ", ")
	results := links.Check(ctx, list, links.Options{Timeout: cmd.Duration("timeout"), Parallel: int(cmd.Int("parallel"))})
	io.WriteString(cmd.Root().Writer, links.Table(results, lang))
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
		return saidIn(text.Fail("links-interrupted", "file", file, "skipped", skipped, "n", len(results), "dead", dead), lang)
	case dead > 0:
		return saidIn(text.Fail("links-dead-count", "file", file, "dead", dead, "n", len(results)), lang)
	}
	fmt.Fprintln(cmd.Root().Writer, text.M("links-all-open", "n", len(results)).In(lang))
	return nil
}

// linkSets reads every scenario and catalog given, each one's links, and
// the language to say the check in: --lang, else the one the files share.
func linkSets(ctx context.Context, cmd *cli.Command) (map[string][]links.Link, string, error) {
	sets := map[string][]links.Link{}
	var errs tomlfile.Errors
	langs := map[string]bool{}
	for _, arg := range cmd.Args().Slice() {
		var s *scenarios.Session
		var err error
		if _, statErr := os.Stat(arg); statErr == nil && rules.IsCatalog(arg) {
			s, err = scenarios.LoadCatalog(arg, cards.Printing)
		} else {
			s, err = loadScenario(ctx, arg)
		}
		var se *tomlfile.Errors
		if errors.As(err, &se) {
			errs = append(errs, *se...)
			continue
		}
		if err != nil {
			return nil, "", err
		}
		sets[arg] = links.Collect(s)
		if s.Language() != "" {
			langs[s.Language()] = true
		}
	}
	if len(errs) > 0 {
		return nil, "", &errs
	}
	lang, _ := langOr(cmd, only(langs))
	return sets, lang, nil
}

// only is the one language the files were written in, or "" when they
// are in several or say none.
func only(langs map[string]bool) string {
	if len(langs) != 1 {
		return ""
	}
	for l := range langs {
		return l
	}
	return ""
}
