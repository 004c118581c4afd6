package cli

import (
	"context"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/examples"
)

func syntheticCommand() *cli.Command {
	return &cli.Command{
		Name:        "synthetic",
		Usage:       "print a generated scenario of N clues, for benchmarks",
		Hidden:      true,
		Description: "Example:\n   propdeck synthetic --clues 500 > big.toml",
		Flags:       []cli.Flag{&cli.IntFlag{Name: "clues", Value: 100, Usage: "how many clues"}},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if err := inRange(cmd, "clues", 0, 100000); err != nil {
				return err
			}
			n := int(cmd.Int("clues"))
			_, err := io.WriteString(cmd.Root().Writer, examples.Synthetic(n))
			return err
		},
	}
}
