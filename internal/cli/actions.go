package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/programme"
	"github.com/propdeck/propdeck/internal/termsafe"
	"github.com/propdeck/propdeck/internal/text"
)

// actionVerbs are what propdeck actions does, the first the default.
var actionVerbs = []string{"list", "sync", "open", "start", "close"}

func actionsCommand() *cli.Command {
	return &cli.Command{
		Name:      "actions",
		Usage:     "list, sync, open and close the action items of an exercise programme",
		ArgsUsage: "DIR [list | sync | open ID | start ID | close ID]",
		Description: "DIR is the programme folder; its ledger is DIR/actions.toml, which people edit too.\n" +
			"   list        the open actions, overdue first, with owner, due date and age\n" +
			"   sync        add the action items of every session record below DIR that the ledger lacks;\n" +
			"               --close-met also closes each action a later session's retest rated met\n" +
			"   open ID     reopen an action;  start ID  mark it in progress\n" +
			"   close ID    mark it done (--wont-do: given up), closed today, with --note\n\n" +
			"Example:\n   propdeck actions programme sync\n   propdeck actions programme\n" +
			"   propdeck actions programme close eu-db-latency/2026-03-10/1 --note \"panel shipped\" --link https://tracker.example/ops/42",
		Flags: []cli.Flag{
			todayFlag(),
			&cli.StringFlag{Name: "note", Usage: "the closing note (close, open, start)"},
			&cli.StringFlag{Name: "link", Usage: "the tracker issue's address (close, open, start)"},
			&cli.BoolFlag{Name: "wont-do", Usage: "close as given up rather than done"},
			&cli.BoolFlag{Name: "all", Usage: "list: the closed actions too"},
			&cli.BoolFlag{Name: "close-met", Usage: "sync: close each open action a session record's [[retested]] rated met, as done on that day, with a note saying so"},
			&cli.StringFlag{Name: "lang", Usage: "language of what it says: en or ko", Value: "en"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if err := checkLang(cmd.String("lang")); err != nil {
				return err
			}
			return saidIn(actions(ctx, cmd), cmd.String("lang"))
		},
	}
}

// actions does what the command line asks of the ledger.
func actions(ctx context.Context, cmd *cli.Command) error {
	dir, verb, id, err := actionArgs(cmd)
	if err != nil {
		return err
	}
	today, err := todayOf(cmd)
	if err != nil {
		return err
	}
	switch verb {
	case "list":
		return listActions(ctx, cmd, dir, today)
	case "sync":
		return syncActions(ctx, cmd, dir)
	}
	return setAction(ctx, cmd, dir, verb, id, today)
}

// actionArgs reads DIR, the verb and the id it needs.
func actionArgs(cmd *cli.Command) (dir, verb, id string, err error) {
	args := cmd.Args().Slice()
	if len(args) == 0 {
		return "", "", "", usage(text.M("cli-actions-needs-dir"))
	}
	dir, verb = args[0], "list"
	if len(args) > 1 {
		verb = args[1]
	}
	if !slices.Contains(actionVerbs, verb) {
		return "", "", "", usage(text.M("cli-actions-unknown", "verb", verb, "verbs", strings.Join(actionVerbs, ", "), "hint", hintOf(verb, actionVerbs)))
	}
	need := 2
	if verb == "open" || verb == "start" || verb == "close" {
		need = 3
	}
	if len(args) != need && !(verb == "list" && len(args) == 1) {
		if need == 3 {
			return "", "", "", usage(text.M("cli-actions-takes-id", "verb", verb))
		}
		return "", "", "", usage(text.M("cli-actions-takes-nothing", "verb", verb))
	}
	if info, serr := os.Stat(dir); serr != nil || !info.IsDir() {
		return "", "", "", usage(text.M("cli-not-programme", "dir", dir))
	}
	if need == 3 {
		id = args[2]
	}
	return dir, verb, id, nil
}

// todayFlag is the day the command takes as today: ages, overdue and
// closing dates are counted from it, so a given day gives the same files.
func todayFlag() cli.Flag {
	return &cli.StringFlag{Name: "today", Usage: "the day to count from, YYYY-MM-DD (default: today)"}
}

func todayOf(cmd *cli.Command) (time.Time, error) {
	s := cmd.String("today")
	if s == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usage(text.M("cli-not-date", "flag", "today", "value", s))
	}
	return t, nil
}

func listActions(ctx context.Context, cmd *cli.Command, dir string, today time.Time) error {
	l, err := ledger.Read(ctx, dir, cards.Printing)
	if err != nil {
		return err
	}
	items := programme.Open(l.Items, today)
	if cmd.Bool("all") {
		items = programme.ByUrgency(l.Items, today)
	}
	lang := cmd.String("lang")
	rows := [][]string{strings.Split(text.M("actions-head").In(lang), "\t")}
	overdue := 0
	for _, it := range items {
		status := it.Status
		if it.Overdue(today) {
			status = text.M("actions-overdue", "status", status).In(lang)
			overdue++
		}
		age := text.M("actions-age", "days", it.Age(today)).In(lang)
		rows = append(rows, []string{oneLine(it.ID), status, orDash(oneLine(it.Owner)), orDash(it.Due), age, oneLine(it.Title)})
	}
	table(termsafe.Writer(cmd.Root().Writer), rows)
	fmt.Fprintln(cmd.Root().Writer, text.M("actions-summary", "open", len(programme.Open(l.Items, today)), "overdue", overdue, "all", len(l.Items), "path", l.Path).In(lang))
	return nil
}

// table writes rows in columns two spaces apart, each as wide as its
// widest cell on a terminal: Hangul and the other wide letters take two
// columns there, which text/tabwriter counts as one.
func table(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r[:len(r)-1] {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], cells(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cells(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

// cells is how many terminal columns s takes: two for each letter of the
// East Asian wide and fullwidth ranges (Unicode's UAX #11), one for others.
func cells(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x1100 && r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 ||
			r >= 0xF900 && r <= 0xFAFF || r >= 0xFE30 && r <= 0xFE4F || r >= 0xFF00 && r <= 0xFF60 ||
			r >= 0xFFE0 && r <= 0xFFE6 || r >= 0x1F300 && r <= 0x1F64F || r >= 0x20000 && r <= 0x3FFFD {
			n++
		}
	}
	return n
}

// oneLine keeps a cell of the list on its line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func syncActions(ctx context.Context, cmd *cli.Command, dir string) error {
	f, err := programme.Scan(ctx, dir)
	if err != nil {
		return err
	}
	var added []ledger.New
	var closed []programme.Closure
	err = ledger.Update(ctx, dir, cards.Printing, func(l *ledger.Ledger) ([]byte, error) {
		added = programme.Sync(f, l)
		var text []byte
		if len(added) > 0 {
			var err error
			if text, err = l.Append(added); err != nil {
				return nil, err
			}
			if l, err = l.Reread(text); err != nil {
				return nil, err
			}
		}
		if cmd.Bool("close-met") {
			return closeMet(f, l, text, &closed)
		}
		return text, nil
	})
	if err != nil {
		return err
	}
	lang := cmd.String("lang")
	reportSkipped(cmd.Root().ErrWriter, f, lang)
	out := termsafe.Writer(cmd.Root().Writer)
	fmt.Fprintln(out, text.M("actions-added", "n", len(added), "path", strings.TrimRight(dir, "/")+"/"+ledger.FileName, "records", len(f.Records)).In(lang))
	for _, c := range closed {
		fmt.Fprintln(out, text.M("actions-closed-met", "id", c.Item.ID, "day", c.Item.Closed).In(lang))
	}
	return nil
}

// closeMet closes, in the ledger text, each action a retest rated met.
func closeMet(f *programme.Folder, l *ledger.Ledger, text []byte, closed *[]programme.Closure) ([]byte, error) {
	*closed = programme.MetRetests(f, l)
	for _, c := range *closed {
		var err error
		if text, err = l.Set(c.Index, c.Item); err != nil {
			return nil, err
		}
		if l, err = l.Reread(text); err != nil {
			return nil, err
		}
	}
	return text, nil
}

// reportSkipped says every file a command skipped, and how many.
func reportSkipped(w io.Writer, f *programme.Folder, lang string) {
	for _, err := range f.Skipped {
		fmt.Fprintln(w, saidIn(err, lang).Error())
	}
	if n := len(f.Skipped); n > 0 {
		fmt.Fprintf(w, "propdeck: %s\n", text.M("skipped-files", "n", n, "dir", f.Dir).In(lang))
	}
}

func setAction(ctx context.Context, cmd *cli.Command, dir, verb, id string, today time.Time) error {
	var it ledger.Item
	err := ledger.Update(ctx, dir, cards.Printing, func(l *ledger.Ledger) ([]byte, error) {
		i, err := l.Find(id)
		if err != nil {
			return nil, err
		}
		it = l.Items[i]
		it.Status, it.Closed = map[string]string{"open": "open", "start": "in-progress", "close": "done"}[verb], ""
		if verb == "close" {
			it.Closed = today.Format(time.DateOnly)
			if cmd.Bool("wont-do") {
				it.Status = "wont-do"
			}
		}
		if cmd.IsSet("note") {
			it.Note = cmd.String("note")
		}
		if cmd.IsSet("link") {
			it.Link = cmd.String("link")
		}
		return l.Set(i, it)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(termsafe.Writer(cmd.Root().Writer), "%s: %s\n", it.ID, it.Status)
	return nil
}
