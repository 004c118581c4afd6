package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/programme"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/termsafe"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
)

func programmeCommand() *cli.Command {
	return &cli.Command{
		Name:      "programme",
		Usage:     "write an exercise programme's pages, open actions (CSV) and due dates (iCalendar)",
		ArgsUsage: "DIR",
		Description: "Reads every session record below DIR (found by content; a bad one is said at\n" +
			"FILE:LINE:COL and skipped, with a count) and the ledger DIR/actions.toml, and writes, all or nothing:\n" +
			"   OUT/index.html     sessions held, open and overdue actions with owner and age, actions done since --since\n" +
			"   OUT/actions.csv    the open actions, for a tracker's import (UTF-8 with BOM, no formulas)\n" +
			"   OUT/scenario-ID.html, team-NAME.html, action-ID.html   a page each, with trends and coverage on the index\n" +
			"   OUT/evidence.md, OUT/evidence.pdf   the evidence pack for an auditor, --from to --to\n" +
			"   OUT/actions.ics    every open action's due date, one calendar; OUT/due-ID.ics each alone\n\n" +
			"Example:\n   propdeck programme programme -o site --today 2026-06-01 --since 2026-04-01 --from 2025-07-01 --to 2026-06-30",
		Flags: []cli.Flag{
			requiredOut("output folder"),
			todayFlag(),
			&cli.StringFlag{Name: "since", Usage: "the last review, YYYY-MM-DD: actions closed since are listed (default: two months before --today)"},
			&cli.StringFlag{Name: "from", Usage: "the evidence pack's first day, YYYY-MM-DD (default: a year before --to)"},
			&cli.StringFlag{Name: "to", Usage: "the evidence pack's last day, YYYY-MM-DD (default: --today)"},
			&cli.StringFlag{Name: "paper", Usage: "paper size of the evidence PDF: a4 or letter"},
			&cli.StringFlag{Name: "lang", Usage: "language of the pages, the evidence pack and the calendars: en or ko", Value: "en"},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usage(text.M("cli-programme-needs-dir"))
			}
			return saidIn(writeProgramme(ctx, cmd), cmd.String("lang"))
		},
	}
}

// writeProgramme writes the programme's pages and files, all or nothing,
// and says what it wrote and skipped in --lang.
func writeProgramme(ctx context.Context, cmd *cli.Command) error {
	dir := cmd.Args().First()
	if _, _, _, err := actionArgs(cmd); err != nil {
		return err
	}
	opt, err := programmeOptions(cmd)
	if err != nil {
		return err
	}
	f, err := programme.Scan(ctx, dir)
	if err != nil {
		return err
	}
	l, err := ledger.Read(ctx, dir, cards.Printing)
	if err != nil {
		return text.Fail("nothing-written", "err", err)
	}
	files, err := programme.Files(f, l, opt)
	if err == nil {
		var pack []output.File
		pack, err = evidenceFiles(ctx, cmd, f, l, opt)
		files = append(files, pack...)
	}
	if err == nil {
		err = output.WriteAll(ctx, cmd.String("out"), files)
	}
	if err != nil {
		return text.Fail("nothing-written", "err", err)
	}
	reportSkipped(cmd.Root().ErrWriter, f, opt.Lang)
	fmt.Fprintln(cmd.Root().Writer, text.M("programme-written", "out", strings.TrimRight(cmd.String("out"), "/"), "files", len(files), "records", len(f.Records), "actions", len(l.Items)).In(opt.Lang))
	return nil
}

func programmeOptions(cmd *cli.Command) (programme.Options, error) {
	today, err := todayOf(cmd)
	if err != nil {
		return programme.Options{}, err
	}
	if err := checkLang(cmd.String("lang")); err != nil {
		return programme.Options{}, err
	}
	opt := programme.Options{Today: today, Since: today.AddDate(0, -2, 0), Lang: cmd.String("lang")}
	if s := cmd.String("since"); s != "" {
		if opt.Since, err = time.Parse(time.DateOnly, s); err != nil {
			return opt, usage(text.M("cli-not-date", "flag", "since", "value", s))
		}
	}
	return opt, nil
}

// evidenceFiles are the evidence pack, Markdown and PDF, from one document.
func evidenceFiles(ctx context.Context, cmd *cli.Command, f *programme.Folder, l *ledger.Ledger, opt programme.Options) ([]output.File, error) {
	today := opt.Today
	p := programme.Period{To: today}
	var err error
	if p.To, err = dayFlag(cmd, "to", today); err != nil {
		return nil, err
	}
	if p.From, err = dayFlag(cmd, "from", p.To.AddDate(-1, 0, 1)); err != nil {
		return nil, err
	}
	if p.From.After(p.To) {
		return nil, usage(text.M("cli-from-after-to", "from", p.From.Format(time.DateOnly), "to", p.To.Format(time.DateOnly)))
	}
	paper, err := layouts.Paper(cmd.String("paper"))
	if err != nil {
		return nil, usage(text.M("print-flag", "flag", "paper", "err", hinted(err)))
	}
	doc := programme.Evidence(f, l, p, today, opt.Lang)
	pdf, err := render.PDFs(ctx, []*draw.Deck{documents.Flow(doc, paper, opt.Lang)})
	if err != nil {
		return nil, err
	}
	return append(pdf, output.File{Name: "evidence.md", Data: programme.Markdown(doc, opt.Lang)}), nil
}

// dayFlag is a YYYY-MM-DD flag, or def when it is not given.
func dayFlag(cmd *cli.Command, name string, def time.Time) (time.Time, error) {
	v := cmd.String(name)
	if v == "" {
		return def, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return t, usage(text.M("cli-not-date", "flag", name, "value", v))
	}
	return t, nil
}

// programmeFlag is --programme DIR on build, run and record: the
// programme whose open actions the session retests.
func programmeFlag() cli.Flag {
	return &cli.StringFlag{Name: "programme", Usage: "the programme folder: the open actions of its ledger that this scenario retests are carried into the session (build: listed on the run sheet, rated on the evaluator sheet; record and run: [[retested]] entries to rate)"}
}

// carried are the open actions of --programme's ledger that scenario
// retests; none without --programme.
func carried(ctx context.Context, cmd *cli.Command, scenario string) ([]documents.Retest, error) {
	dir := cmd.String("programme")
	if dir == "" {
		return nil, nil
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, usage(text.M("cli-flag-not-programme", "dir", dir))
	}
	today, err := todayOf(cmd)
	if err != nil {
		return nil, err
	}
	l, err := ledger.Read(ctx, dir, cards.Printing)
	if err != nil {
		return nil, err
	}
	return programme.Retests(l, scenario, today), nil
}

// retestedText is the [[retested]] entries a session's record holds for
// the actions carried into it, to be rated.
// rated are the ratings run's console gave them live, by ledger id (nil
// for none).
func retestedText(s *scenarios.Session, carry []documents.Retest, rated map[string]session.Event) string {
	lb := cards.LabelsFor(s.Language())
	var rs []report.Retest
	for _, r := range carry {
		e := rated[r.ID]
		rs = append(rs, report.Retest{ID: r.ID, Line: r.Line(lb), Rating: e.Rating, Note: e.Note})
	}
	return report.RetestedEntries(s.Language(), rs)
}

// recordAdditions is what --programme and --roster add to a session's
// record, read once before the record is written (run reads them before
// the session starts, so that a mistake in either stops it then).
type recordAdditions struct {
	carry  []documents.Retest
	roster func(string) string
}

func additionsOf(ctx context.Context, cmd *cli.Command, s *scenarios.Session) (recordAdditions, error) {
	carry, err := carried(ctx, cmd, s.ID())
	if err != nil {
		return recordAdditions{}, err
	}
	roster, err := withRoster(ctx, cmd, s)
	if err != nil {
		return recordAdditions{}, err
	}
	return recordAdditions{carry: carry, roster: roster}, nil
}

// to is a record's text with the roster and the [[retested]] entries,
// rated as the console rated them (nil for none).
func (a recordAdditions) to(s *scenarios.Session, text string, rated map[string]session.Event) string {
	return a.roster(text) + retestedText(s, a.carry, rated)
}

// carriedOf are the carried actions as the console lists them.
func carriedOf(carry []documents.Retest) []session.Carried {
	var out []session.Carried
	for _, r := range carry {
		out = append(out, session.Carried{ID: r.ID, Title: r.Title, Owner: r.Owner, Due: r.Due, From: r.Opened})
	}
	return out
}

// sayCarried tells the facilitator, as run starts, which open actions the
// session retests; the record it writes at the end lists them to rate.
func sayCarried(cmd *cli.Command, s *scenarios.Session, carry []documents.Retest) {
	lb := cards.LabelsFor(s.Language())
	out := termsafe.Writer(cmd.Root().Writer)
	for _, r := range carry {
		fmt.Fprintf(out, "%s: %s (%s)\n", lb.Retests, r.Line(lb), r.ID)
	}
}

// rosterFlag is --roster FILE on run and record: who plays which role.
func rosterFlag() cli.Flag {
	return &cli.StringFlag{Name: "roster", Usage: "a roster file ([[roster]] role and person, see propdeck schema --roster): who plays which role, written into the session's record"}
}

// withRoster is a record's text with --roster's players as [[roster]]
// entries and its team as the record's (after the date, among the top
// level's keys); the text as it was without --roster.
func withRoster(ctx context.Context, cmd *cli.Command, s *scenarios.Session) (func(string) string, error) {
	path := cmd.String("roster")
	if path == "" {
		return func(text string) string { return text }, nil
	}
	data, err := input.Read(ctx, path, input.MaxBytes)
	if err != nil {
		return nil, text.Fail("cli-flag-file", "flag", "roster", "path", path, "err", err)
	}
	team, players, err := records.ParseRoster(path, data, s)
	if err != nil {
		return nil, err
	}
	return func(text string) string {
		if i := strings.Index(text, "\ndate = "); i >= 0 && team != "" {
			end := i + 1 + strings.IndexByte(text[i+1:], '\n')
			text = text[:end+1] + "team = " + tomlw.Quote(team) + "\n" + text[end+1:]
		}
		return text + report.RosterEntries(players)
	}, nil
}

func nextFlag() cli.Flag {
	return &cli.StringFlag{Name: "next", Usage: "with --programme DIR: this scenario's next session, YYYY-MM-DDTHH:MM in the time zone of DIR/programme.toml, put on that plan (its [[next]] entry for the scenario, or a new one; build also writes OUT/ID-next.ics)"}
}

// nextOf is --next checked against --programme's plan, and its calendar;
// nil without --next. It writes nothing.
func nextOf(ctx context.Context, cmd *cli.Command, s *scenarios.Session) (*programme.Next, []byte, error) {
	when := cmd.String("next")
	if when == "" {
		return nil, nil, nil
	}
	dir := cmd.String("programme")
	if dir == "" {
		return nil, nil, usage(text.M("cli-next-needs-programme"))
	}
	today, err := todayOf(cmd)
	if err != nil {
		return nil, nil, err
	}
	n := &programme.Next{Scenario: s, Start: when}
	ics, err := programme.NextCalendar(ctx, dir, *n, today)
	if err != nil {
		return nil, nil, saidIn(text.Fail("nothing-written", "err", err), s.Language())
	}
	return n, ics, nil
}

// putNext puts n on --programme's plan and says so; nothing without n.
func putNext(ctx context.Context, cmd *cli.Command, n *programme.Next) error {
	if n == nil {
		return nil
	}
	dir := cmd.String("programme")
	lang := n.Scenario.Language()
	if err := programme.PutNext(ctx, dir, *n); err != nil {
		return saidIn(text.Fail("nothing-written", "err", err), lang)
	}
	sayIn(cmd, lang, "next-put", "id", n.Scenario.ID(), "path", filepath.Join(dir, "programme.toml"), "start", n.Start)
	return nil
}
