package cli

import (
	"context"
	"io"

	"github.com/propdeck/propdeck/docs"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/rules"
)

// reference is the format reference the binary prints.
var reference = docs.Reference

// referenceURL is where the reference is read online.
const referenceURL = rules.ReferenceURL

func referenceCommand() *cli.Command {
	return &cli.Command{
		Name:        "reference",
		Usage:       "print the scenario format reference (Markdown)",
		Description: "The same text as docs/scenario-format.md in the repository.\n\nExample:\n   propdeck reference | less",
		Action: func(ctx context.Context, cmd *cli.Command) error {
			_, err := io.WriteString(cmd.Root().Writer, reference)
			return err
		},
	}
}
