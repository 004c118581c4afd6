// Command propdeck turns a tabletop-exercise scenario (TOML) into printable
// PDF props: role badges, system cards, sealed clue cards, worksheets and a
// facilitator run sheet.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Ctrl-C cancels the context: a build that is interrupted before its
	// files land removes its temporary files and leaves the output folder
	// as it was.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal the default comes back: a second Ctrl-C ends
	// the program at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
