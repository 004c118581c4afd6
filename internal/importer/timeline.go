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

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/internal/written"
)

// Column names a timeline export commonly uses, lower-cased: PagerDuty's
// log entries (created_at, type, summary, agent), Slack's exports (ts,
// text, user), incident tools' timelines (time, message, author), and a
// Korean table's (시각, 내용).
var (
	timeColumns  = []string{"time", "timestamp", "date", "at", "created", "created at", "created_at", "ts", "time (utc)", "occurred at", "occurred_at", "시각", "시간", "일시"}
	textColumns  = []string{"text", "message", "description", "event", "summary", "note", "details", "update", "channel.summary", "내용", "설명", "이벤트", "사건", "상황"}
	typeColumns  = []string{"type", "event type", "event_type", "log entry type", "kind"}
	actorColumns = []string{"agent", "actor", "user", "author", "who", "agent.summary", "by"}
)

// TimelineOptions say how to read an export.
type TimelineOptions struct {
	T0         time.Time // wall clock of T+0
	TimeColumn string    // header of the time column; "" to detect
	TextColumn string    // header of the text column; "" to detect
	Lang       string    // the skeleton's language and words; "": en
}

// kindWords guess a clue's kind from what a line says.
var kindWords = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"status", regexp.MustCompile(`(?i)\b(status ?page|status update|statuspage|announced?)\b|상태 ?페이지|공지`)},
	{"alert", regexp.MustCompile(`(?i)\b(alert|alarm|page[sd]?|paging|triggered|fired|pagerduty|opsgenie)\b|경보|알림|알람`)},
	{"customer", regexp.MustCompile(`(?i)\b(customers?|tickets?|support|complain\w*)\b|고객|문의`)},
	{"social", regexp.MustCompile(`(?i)\b(tweet\w*|twitter|social|reddit|post(ed)? on)\b|트위터|커뮤니티|SNS`)},
	{"constraint", regexp.MustCompile(`(?i)\b(legal|compliance|regulator|contract|approval)\b|법무|규제|계약`)},
}

// responder are the rows that say what the team did rather than what it
// saw: in a replay they are what the team should do again, expected
// actions of a round, not cards to hand out.
var (
	responderWords = regexp.MustCompile(`(?i)^(acknowledged|notified|decision:|escalated|reassigned|assigned|declared)|\b(declared|decided|acknowledged by|escalated to|assigned to)\b`)
	responderTypes = regexp.MustCompile(`(?i)acknowledge|notify|assign|escalat|annotate|responder`)
	triggerTypes   = regexp.MustCompile(`(?i)trigger|alert`)
	statusTypes    = regexp.MustCompile(`(?i)status`)
	toolActor      = regexp.MustCompile(`(?i)pagerduty|opsgenie|incident\.io|statuspage|\bbot\b|\bapi\b|integration|system|automation|orchestrator`)
)

// Timeline turns an incident timeline export (CSV with a time and a text
// column, and optionally a type and an actor) into a scenario skeleton
// that validates as it is: start at T+0, one clue per row of what the team
// saw, one expected action per row of what it did (a role per person who
// did it), rounds where the timeline pauses, and a note to add the twist.
// notes are warnings at a row's line (a clock time that could be on either
// day). Every bad row is reported at once, and nothing comes back that
// would not validate.
func Timeline(name string, data []byte, id string, opt TimelineOptions) (out []byte, notes []text.Message, err error) {
	rows, notes, err := timelineRows(name, data, opt)
	if err != nil {
		return nil, nil, err
	}
	lang := cmpOr(opt.Lang, "en")
	w := wordsFor(lang)
	sk := planSkeleton(rows, w.IncidentCommander)
	out, starts := sk.write(name, id, opt.T0, lang, w)
	lines := make([]int, len(sk.clues))
	for i, r := range sk.clues {
		lines[i] = r.line
	}
	if err := checkSkeleton(name, out, starts, lines); err != nil {
		return nil, nil, err
	}
	return out, notes, nil
}

type timelineRow struct {
	at     time.Duration
	text   string
	line   int    // in the export
	kind   string // from the type column, when it says
	actor  string
	action bool // what the team did, not what it saw
}

// columns are the indexes of an export's columns; -1 when it has none.
type columns struct{ time, text, typ, actor int }

// record is a row of the export and its line; cols, when set, are the
// column each cell starts at (a Markdown table's cells), so that a bad
// cell is reported at its own column.
type record struct {
	cells []string
	line  int
	cols  []int
}

// cellError is a row's problem in one of its cells.
type cellError struct {
	cell int
	err  error
}

func (e *cellError) Error() string { return e.err.Error() }
func (e *cellError) Unwrap() error { return e.err }

// readRecords reads the header and every record: the columns are found
// from the values too, so all are read first.
func readRecords(name string, data []byte) ([]string, []record, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = written.SniffComma(data)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, nil, failAt(name+":1", "import-no-header", "err", err.Error())
	}
	var recs []record
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return header, recs, nil
		}
		if err != nil {
			// The reader cannot find the next row after a broken quote.
			return nil, nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, record{cells: rec, line: line})
	}
}

// timelineRows reads every row, collecting every bad one.
func timelineRows(name string, data []byte, opt TimelineOptions) ([]timelineRow, []text.Message, error) {
	header, recs, err := readRecords(name, data)
	if err != nil {
		return nil, nil, err
	}
	cols, err := findColumns(name+":1", header, recs, opt)
	if err != nil {
		return nil, nil, err
	}
	return rowsOf(name, header, recs, cols, opt)
}

// rowsOf reads every record of a timeline whose columns are known (a CSV
// export's, a postmortem's table or list), collecting every bad one.
func rowsOf(name string, header []string, recs []record, cols columns, opt TimelineOptions) ([]timelineRow, []text.Message, error) {
	var rows []timelineRow
	var errs problems
	var notes []text.Message
	for _, rec := range recs {
		row, note, err := timelineRowOf(rec.cells, cols, header, opt.T0)
		row.line = rec.line
		if note.Key != "" {
			notes = append(notes, noteAt(rec.at(name, -1), "import-warning", "note", note))
		}
		switch {
		case err != nil:
			var ce *cellError
			cell := -1
			if errors.As(err, &ce) {
				cell, err = ce.cell, ce.err
			}
			errs = append(errs, problem{rec.at(name, cell), problemsOf(err)[0].msg})
		case row.text != "":
			rows = append(rows, row)
		}
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	if len(rows) == 0 {
		return nil, nil, failAt(name, "import-no-rows")
	}
	return rows, notes, nil
}

// at is where a record, or one of its cells, is: FILE:LINE, and :COL
// where the record knows its cells' columns.
func (r record) at(name string, cell int) string {
	if r.cols == nil {
		return fmt.Sprintf("%s:%d", name, r.line)
	}
	if cell < 0 || cell >= len(r.cols) {
		cell = 0
	}
	return fmt.Sprintf("%s:%d:%d", name, r.line, r.cols[cell])
}

// findColumns finds the columns of a header; where is the header's place
// in messages (FILE:LINE).
func findColumns(where string, header []string, recs []record, opt TimelineOptions) (columns, error) {
	ti, err := column(where, header, opt.TimeColumn, timeColumns, "time", "--time-column")
	if err != nil && opt.TimeColumn == "" {
		// A header in another language ("Zeit;Ereignis"): the times and
		// the text are told by what the cells hold.
		if ti, xi, ok := columnsByValue(header, recs, opt); ok {
			return columns{time: ti, text: xi, typ: -1, actor: -1}, nil
		}
		return columns{}, failAt(where, "import-no-time-column", "err", problemsOf(err)[0].msg)
	}
	if err != nil {
		return columns{}, err
	}
	xi, err := column(where, header, opt.TextColumn, textColumns, "text", "--text-column")
	if err != nil {
		return columns{}, err
	}
	optional := func(common []string) int {
		i, err := column(where, header, "", common, "", "")
		if err != nil || i == ti || i == xi {
			return -1
		}
		return i
	}
	return columns{time: ti, text: xi, typ: optional(typeColumns), actor: optional(actorColumns)}, nil
}

func timelineRowOf(rec []string, c columns, header []string, t0 time.Time) (timelineRow, text.Message, error) {
	var none text.Message
	if max(c.time, c.text) >= len(rec) {
		return timelineRow{}, none, text.Fail("import-column-missing", "n", len(rec), "column", header[max(c.time, c.text)])
	}
	at, note, err := rowTime(strings.TrimSpace(rec[c.time]), t0)
	if err != nil {
		return timelineRow{}, none, &cellError{c.time, err}
	}
	row := timelineRow{at: at, text: strings.Join(strings.Fields(rec[c.text]), " ")}
	if err := rules.CheckText(row.text, cards.Printing); err != nil {
		return timelineRow{}, none, &cellError{c.text, text.Fail("import-column-bad-text", "column", header[c.text], "err", err)}
	}
	typ := cell(rec, c.typ)
	if c.actor >= 0 {
		row.actor = strings.Join(strings.Fields(cell(rec, c.actor)), " ")
		// A tool (the pager, a bot) plays no role at the table.
		if rules.CheckText(row.actor, cards.Printing) != nil || toolActor.MatchString(row.actor) {
			row.actor = ""
		}
	}
	switch {
	case typ != "" && triggerTypes.MatchString(typ):
		row.kind = "alert"
	case typ != "" && statusTypes.MatchString(typ):
		row.kind = "status"
	case typ != "" && responderTypes.MatchString(typ), responderWords.MatchString(row.text):
		row.action = true
	}
	return row, note, nil
}

func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return failAt(fmt.Sprintf("%s:%d:%d", name, pe.Line, pe.Column), "as-written", "text", pe.Err.Error())
	}
	return failAt(name, "as-written", "text", err.Error())
}

// columnsByValue finds the time column as the first whose every cell
// reads as a time (at least one not empty), and the text column as the
// one of the others with the most text, unless --text-column names it.
func columnsByValue(header []string, recs []record, opt TimelineOptions) (ti, xi int, ok bool) {
	ti, xi = -1, -1
	most := 0
	for i := range header {
		times, others, texts := 0, 0, 0
		for _, r := range recs {
			v := cell(r.cells, i)
			if _, _, err := rowTime(v, opt.T0); err == nil {
				times++
			} else if v != "" {
				others++
			}
			texts += len([]rune(v))
		}
		switch {
		case ti < 0 && times > 0 && others == 0:
			ti = i
		case opt.TextColumn != "" && strings.EqualFold(strings.TrimSpace(header[i]), opt.TextColumn):
			xi, most = i, 1<<30
		case texts > most:
			xi, most = i, texts
		}
	}
	return ti, xi, ti >= 0 && xi >= 0
}

// column finds a column by the name given, else by the common names.
func column(where string, header []string, want string, common []string, what, flag string) (int, error) {
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
		return 0, failAt(where, "import-no-column", "name", want, "columns", list(header))
	}
	key := "import-no-column-time"
	if what == "text" {
		key = "import-no-column-text"
	}
	return 0, failAt(where, key, "names", list(common), "flag", flag)
}

// rowTime reads a moment as exports write it (RFC 3339, a date and time
// with or without a zone, Unix seconds), or HH:MM(:SS) on the day of t0,
// as an offset from t0.
func rowTime(s string, t0 time.Time) (time.Duration, text.Message, error) {
	if written.IsClock(s) {
		return written.ClockOffset(t0, s)
	}
	t, ok := written.ParseTimestamp(s, t0.Location())
	if !ok {
		return 0, text.Message{}, text.Fail("import-time-form", "value", s)
	}
	d := t.Sub(t0)
	if d > written.MaxOffset || d < -written.MaxOffset {
		return 0, text.Message{}, text.Fail("import-time-past-week", "value", s, "t0", t0.Format(time.RFC3339))
	}
	return d, text.Message{}, nil
}

// replayTitle names the skeleton after the export's file, unless its name
// holds what a title may not.
func replayTitle(w draftWords, name string) string {
	title := strings.ReplaceAll(w.ReplayOf, "{file}", filepath.Base(name))
	if rules.CheckText(title, cards.Printing) != nil {
		return w.Replay
	}
	return title
}

// quote is the one way the skeleton writes outside text.
var quote = tomlw.Quote
var commentOf = tomlw.Comment
