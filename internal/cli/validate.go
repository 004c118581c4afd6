package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:        "validate",
		Usage:       "check scenario files and report every error",
		ArgsUsage:   "SCENARIO.toml...",
		Description: "Reports every error of every file as FILE:LINE:COL: message, and exits 1 if any.\n\nExample:\n   propdeck validate drills/*.toml",
		Action:      validateAction,
	}
}

func validateAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() == 0 {
		return usage(text.M("cli-validate-needs-file"))
	}
	var all tomlfile.Errors
	for _, arg := range cmd.Args().Slice() {
		if err := ctx.Err(); err != nil {
			return text.Fail("render-interrupted", "err", err)
		}
		if _, statErr := os.Stat(arg); statErr == nil && rules.IsCatalog(arg) {
			// A catalog is checked as a catalog: its roles and
			// systems, with no scenario around them.
			c, err := scenarios.CheckCatalog(arg, cards.Printing)
			var se *tomlfile.Errors
			switch {
			case errors.As(err, &se):
				all = append(all, *se...)
			case err != nil:
				return err
			default:
				fmt.Fprintln(cmd.Root().Writer, text.M("validate-catalog-ok", "file", arg, "roles", count(len(c.Roles()), "role"), "systems", count(len(c.Systems()), "system")).In(c.Language()))
			}
			continue
		}
		s, err := loadScenario(ctx, arg)
		var se *tomlfile.Errors
		switch {
		case errors.As(err, &se):
			all = append(all, *se...)
			continue
		case err != nil:
			return err
		}
		// Cards that cannot hold their text are errors too: validate,
		// build and the studio report the same problems.
		errs, warnings := documents.Check(ctx, s)
		if len(errs) > 0 {
			all = append(all, errs...)
			continue
		}
		warn(cmd, warnings)
		fmt.Fprintln(cmd.Root().Writer, text.M("validate-ok", "file", arg, "roles", count(len(s.Roles()), "role"), "systems", count(len(s.Systems()), "system"), "clues", count(len(s.Clues()), "clue")).In(s.Language()))
	}
	if len(all) > 0 {
		return &all
	}
	return nil
}
