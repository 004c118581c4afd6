package cli

import (
	"context"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/scenarios"
)

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
