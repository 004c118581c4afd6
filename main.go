// Command propdeck turns a tabletop-exercise scenario (TOML) into printable
// PDF props: role badges, system cards, sealed clue cards, worksheets and a
// facilitator run sheet.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/propdeck/propdeck/internal/cli"
	"github.com/propdeck/propdeck/internal/output"
)

func main() { os.Exit(process(os.Args, os.Stdout, os.Stderr)) }

// process is the program as a process: run with the signals wired. The
// tests' copy of the binary calls it too, so that the binary they start
// stops on Ctrl-C as the real one does.
func process(args []string, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first Ctrl-C cancels the context: a command that is
		// interrupted before its files land leaves the folder as it was.
		<-sigs
		cancel()
		// A second one ends the program at once, but never in the middle
		// of a commit: that takes milliseconds, and is waited for.
		<-sigs
		output.Quiesce()
		os.Exit(130)
	}()
	return run(ctx, args, stdout, stderr)
}

// run is the whole program but the process: tests call it as main would.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return cli.Run(ctx, args, stdout, stderr)
}
