package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/scenarios"
)

// Column names a timeline export commonly uses, lower-cased.
var (
	timeColumns = []string{"time", "timestamp", "date", "at", "created", "created at", "time (utc)", "occurred at"}
	textColumns = []string{"text", "message", "description", "event", "summary", "note", "details", "update"}
)

// TimelineOptions say how to read an export.
type TimelineOptions struct {
	T0         time.Time // wall clock of T+0
	TimeColumn string    // header of the time column; "" to detect
	TextColumn string    // header of the text column; "" to detect
}

// kindWords guess a clue's kind from what a line says.
var kindWords = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"alert", regexp.MustCompile(`(?i)\b(alert|alarm|page[sd]?|paging|triggered|fired|pagerduty|opsgenie)\b`)},
	{"customer", regexp.MustCompile(`(?i)\b(customers?|tickets?|support|complain\w*)\b`)},
	{"status", regexp.MustCompile(`(?i)\b(status ?page|status update|statuspage|announced?)\b`)},
	{"social", regexp.MustCompile(`(?i)\b(tweet\w*|twitter|social|reddit|post(ed)? on)\b`)},
	{"constraint", regexp.MustCompile(`(?i)\b(legal|compliance|regulator|contract|approval)\b`)},
}

// Timeline turns an incident timeline export (CSV with a time and a text
// column) into a scenario skeleton that validates as it is: start at T+0,
// one clue per row at its offset, its kind guessed and marked for checking,
// a round every ten minutes, and a note to add the twist. notes are
// warnings at a row's line (a clock time that could be on either day).
// Every bad row is reported at once, and nothing comes back that would
// not validate.
func Timeline(name string, data []byte, id string, opt TimelineOptions) (out []byte, notes []string, err error) {
	rows, notes, err := timelineRows(name, data, opt)
	if err != nil {
		return nil, nil, err
	}
	out, starts := skeleton(name, id, opt, rows)
	lines := make([]int, len(rows))
	for i, r := range rows {
		lines[i] = r.line
	}
	if err := checkSkeleton(name, out, starts, lines); err != nil {
		return nil, nil, err
	}
	return out, notes, nil
}

type timelineRow struct {
	at   time.Duration
	text string
	line int // in the export
}

// timelineRows reads every row, collecting every bad one.
func timelineRows(name string, data []byte, opt TimelineOptions) ([]timelineRow, []string, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s:1: no header row: %v", name, err)
	}
	ti, err := column(name, header, opt.TimeColumn, timeColumns, "time", "--time-column")
	if err != nil {
		return nil, nil, err
	}
	xi, err := column(name, header, opt.TextColumn, textColumns, "text", "--text-column")
	if err != nil {
		return nil, nil, err
	}
	var rows []timelineRow
	var errs []error
	var notes []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// The reader cannot find the next row after a broken quote.
			errs = append(errs, csvError(name, err))
			break
		}
		line, _ := r.FieldPos(0)
		row, note, err := timelineRowOf(rec, ti, xi, header, opt.T0)
		row.line = line
		if note != "" {
			notes = append(notes, fmt.Sprintf("%s:%d: warning: %s", name, line, note))
		}
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
		case row.text != "":
			rows = append(rows, row)
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("%s: no rows with a time and a text", name)
	}
	return rows, notes, nil
}

func timelineRowOf(rec []string, ti, xi int, header []string, t0 time.Time) (timelineRow, string, error) {
	if max(ti, xi) >= len(rec) {
		return timelineRow{}, "", fmt.Errorf("%d columns; the %s column is missing", len(rec), header[max(ti, xi)])
	}
	at, note, err := rowTime(strings.TrimSpace(rec[ti]), t0)
	if err != nil {
		return timelineRow{}, "", err
	}
	text := strings.Join(strings.Fields(rec[xi]), " ")
	if err := scenarios.CheckText(text); err != nil {
		return timelineRow{}, "", fmt.Errorf("the %s column %w", header[xi], err)
	}
	return timelineRow{at: at, text: text}, note, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// skeleton writes the scenario of the rows, and the line each row's clue
// starts at, so that a problem with a clue is reported at its row.
func skeleton(name, id string, opt TimelineOptions, rows []timelineRow) ([]byte, []int) {
	q := tomlw.Quote
	var b strings.Builder
	fmt.Fprintf(&b, "#:schema scenario.schema.json\n# A scenario skeleton imported from %s by propdeck import timeline.\n# Lines marked \"# check\" hold a guess; \"# fill in\" is yours to write.\nformat = 1\n\n", tomlw.Comment(name))
	fmt.Fprintf(&b, "[scenario]\nid = %s\ntitle = %s   # fill in\nsummary = \"\"   # fill in: the incident in a sentence, and the twist this exercise adds\nlanguage = \"en\"\nstart = %s\nseed = 1\n\n", q(id), q(replayTitle(name)), q(opt.T0.Format(time.RFC3339)))
	b.WriteString("[[roles]]\nid = \"ic\"\nname = \"Incident Commander\"   # fill in the roles of the people who played\n")
	last := rows[len(rows)-1].at
	for at := time.Duration(0); at <= max(last, 0) && at <= scenarios.MaxWindow; at += 10 * time.Minute {
		fmt.Fprintf(&b, "\n[[rounds]]\nat = %s\ntitle = \"Round at %s\"   # fill in\nquestions = [\"Who is incident commander?\", \"What do you look at first?\", \"Who tells customers?\"]\n", q(scenarios.FormatOffset(at)), scenarios.FormatOffset(at))
	}
	starts := make([]int, len(rows))
	line := strings.Count(b.String(), "\n") // lines so far
	for i, rw := range rows {
		starts[i] = line + 2 // after the blank line
		clue := clueOf(i, rw)
		line += strings.Count(clue, "\n")
		b.WriteString(clue)
	}
	return []byte(b.String()), starts
}

// clueOf is the [[clues]] entry of row i, its kind guessed from its words.
func clueOf(i int, rw timelineRow) string {
	q := tomlw.Quote
	kind, guessed := "observation", ""
	for _, kw := range kindWords {
		if kw.re.MatchString(rw.text) {
			kind, guessed = kw.kind, "   # check: guessed from its words"
			break
		}
	}
	title := rw.text
	if rs := []rune(title); len(rs) > 80 {
		title = string(rs[:77]) + "…"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n[[clues]]\nid = \"c%02d\"\nat = %s\nkind = %s%s\ntitle = %s\n", i+1, q(scenarios.FormatOffset(rw.at)), q(kind), guessed, q(title))
	if title != rw.text {
		fmt.Fprintf(&b, "body = %s\n", q(rw.text))
	}
	if i == 0 {
		b.WriteString("note = \"This is what happened. Add the twist: what would make it worse this time?\"\n")
	}
	return b.String()
}

// replayTitle names the skeleton after the export's file, unless its name
// holds what a title may not.
func replayTitle(name string) string {
	title := "Replay of " + filepath.Base(name)
	if scenarios.CheckText(title) != nil {
		return "Replay"
	}
	return title
}

// column finds a column by the name given, else by the common names.
func column(file string, header []string, want string, common []string, what, flag string) (int, error) {
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if want != "" && h == strings.ToLower(want) {
			return i, nil
		}
		if want == "" {
			for _, c := range common {
				if h == c {
					return i, nil
				}
			}
		}
	}
	if want != "" {
		return 0, fmt.Errorf("%s:1: no column %q; the columns are %s", file, want, strings.Join(header, ", "))
	}
	return 0, fmt.Errorf("%s:1: no %s column (looked for %s); name it with %s", file, what, strings.Join(common, ", "), flag)
}

// rowTime reads an RFC 3339 time, or HH:MM(:SS) on the day of t0, as an
// offset from t0.
func rowTime(s string, t0 time.Time) (time.Duration, string, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		d := t.Sub(t0)
		if d > scenarios.MaxOffset || d < -scenarios.MaxOffset {
			return 0, "", fmt.Errorf("time %q is more than a week from --t0 %s", s, t0.Format(time.RFC3339))
		}
		return d, "", nil
	}
	if scenarios.IsClock(s) {
		return scenarios.ClockOffset(t0, s)
	}
	return 0, "", fmt.Errorf("time %q is neither RFC 3339 (2026-03-10T09:04:00Z) nor HH:MM", s)
}
