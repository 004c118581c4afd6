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
		},
		Action: linksAction,
	}
}

func linksAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usagef("links needs scenario or catalog files, or an example name")
	}
	if err := inRange(cmd, "parallel", 1, 64); err != nil {
		return err
	}
	if cmd.Duration("timeout") <= 0 {
		return usagef("--timeout must be positive, e.g. 5s")
	}
	sets := map[string][]links.Link{}
	var errs tomlfile.Errors
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
}
