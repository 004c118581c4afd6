package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/complications"
	"github.com/propdeck/propdeck/internal/text"
)

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
					return usage(text.M("cli-no-complication-set", "set", set, "sets", strings.Join(complications.Sets, ", "), "hint", hintOf(set, complications.Sets)))
				}
			}
			if len(sets) == 0 {
				sets = complications.Sets
			}
			w := cmd.Root().Writer
			for _, set := range sets {
				cards := complications.Set(set, lang)
				fmt.Fprintf(w, "%s (%s)\n", set, count(len(cards), "card").In(lang))
				for _, c := range cards {
					fmt.Fprintf(w, "  %-14s %s\n", c.ID, complications.Generic(c).Title)
				}
			}
			return nil
		},
	}
}
