// Command propdeck turns a tabletop-exercise scenario (TOML) into printable
// PDF props: role badges, system cards, sealed clue cards, worksheets and a
// facilitator run sheet.
package main

import (
	"context"
	"os"
)

func main() {
	os.Exit(run(context.Background(), os.Args, os.Stdout, os.Stderr))
}
