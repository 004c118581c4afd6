package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/text"
)

// A postmortem's timeline is a table (Atlassian's and PagerDuty's: a time
// column and an event column) or lines that open with a time (Google's
// "14:51 News reports that …", a GitHub issue's "- 14:02 UTC — alert
// fired"). Either way it becomes the records import timeline reads, and
// the same code splits what the team saw from what it did.

var (
	// entryTime is a time opening a line: a clock, perhaps after a date
	// and before a zone, then a dash, a colon, a bar or a space.
	entryTime = regexp.MustCompile(`^((?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|GMT|Z|[+-]\d{2}:?\d{2}))?)(?:\s*[-–—:|]\s*|\s+|$)`)
	clockIn   = regexp.MustCompile(`\d{1,2}:\d{2}`)
	zoneWord  = regexp.MustCompile(`\s*(?:UTC|GMT|Z)$`)
	isoDate   = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
	koDate    = regexp.MustCompile(`(\d{4})년\s*(\d{1,2})월\s*(\d{1,2})일`)
)

// tlGroup is a part of the timeline read with one set of columns: a
// table, or every line with a time.
type tlGroup struct {
	header []string
	recs   []record
	cols   columns
}

// listHeader is the header the lines with a time are read under: a line
// that says a person did what responders do ("mkim acknowledged the
// page") has that person as its actor and a responder's type, so that
// import timeline's split makes it an expected action of their role.
var listHeader = []string{"time", "text", "type", "actor"}

// What responders do, said of a person: "mkim acknowledged", "Priya
// Raman declared"; in Korean the verb ("장애를 선언함", "호출을 수락함")
// and, before a subject particle, who ("김하늘이", "박준호가").
var (
	personActs = regexp.MustCompile(`^@?([\p{L}][\p{L}\d._-]*|\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2})\s+(acknowledge[sd]?|ack(ed|s)?|declare[sd]?|decide[sd]?|escalate[sd]?|notifie[sd]|notify|assign(s|ed)?|names?|named|rolls? back|rolled back|posts?|posted|takes? command)\b`)
	koVerbs    = regexp.MustCompile(`선언|결정(했|함|:)|에스컬레이션|호출을?\s*(수락|확인)|(지휘자|담당자?)(로|으로)\s*(지정|배정)`)
	koActor    = regexp.MustCompile(`^@?([\p{L}][\p{L}\d._-]*?)(님)?(이|가|은|는)\s`)
	// notPeople are the subjects of such a line that are not a person.
	notPeople = regexp.MustCompile(`(?i)^(alert|alarm|the|a|an|traffic|errors?|backends?|service|system|monitoring|pager|we|team|customers?|users?)$`)
)

// responder is the actor and type cells of a line: who did what
// responders do, if it says.
func responder(line string) (typ, actor string) {
	if m := personActs.FindStringSubmatch(line); m != nil && !notPeople.MatchString(m[1]) {
		return "responder", m[1]
	}
	if koVerbs.MatchString(line) {
		if m := koActor.FindStringSubmatch(line); m != nil && !notPeople.MatchString(m[1]) {
			return "responder", m[1]
		}
		return "responder", ""
	}
	return "", ""
}

// timelineGroups are the timeline's tables and lines, in the document's
// order, with the clock-only times dated by the date line above them.
// notes are the lines it could not place.
func timelineGroups(name string, blocks []block, opt TimelineOptions) ([]tlGroup, []text.Message, error) {
	var groups []tlGroup
	var notes []text.Message
	var errs []error
	lines := tlGroup{header: listHeader, cols: columns{time: 0, text: 1, typ: 2, actor: 3}}
	var day dater
	for _, b := range blocks {
		switch {
		case b.table != nil:
			g, err := tableGroup(name, *b.table, &day, opt)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			groups = append(groups, g)
		case b.date:
			day.setDay(b.text)
		default:
			recs, n := entryRecords(name, b, &day)
			lines.recs = append(lines.recs, recs...)
			notes = append(notes, n...)
		}
	}
	if len(lines.recs) > 0 {
		groups = append(groups, lines)
	}
	return groups, notes, joined(errs...)
}

// tableGroup finds a timeline table's columns as import timeline finds an
// export's, and reads every other cell of a row as more of its text
// (Atlassian's Event, Details and Impact).
func tableGroup(name string, t mdTable, day *dater, opt TimelineOptions) (tlGroup, error) {
	c, err := findColumns(fmt.Sprintf("%s:%d:1", name, t.line), t.header, t.rows, opt)
	if err != nil {
		c, err = namedTime(t)
	}
	if err != nil {
		// findColumns' advice is import timeline's flags; a postmortem's
		// table is fixed by its header or its cells.
		return tlGroup{}, failAt(fmt.Sprintf("%s:%d:1", name, t.line), "import-table-no-time", "columns", list(t.header))
	}
	if c.actor < 0 {
		// A Korean table's 담당 column, or an owner column.
		for i, h := range t.header {
			if i != c.time && i != c.text && slices.Contains(ownerColumns, normLabel(h)) {
				c.actor = i
				break
			}
		}
	}
	typed := c.typ >= 0
	if !typed {
		// No type column: a row whose words say a responder acted is one.
		c.typ = len(t.header)
		t.header = append(append([]string(nil), t.header...), "type")
	}
	for i, rec := range t.rows {
		var more []string
		for j, v := range rec.cells {
			if j != c.time && j != c.text && j != c.typ && j != c.actor && v != "" {
				more = append(more, v)
			}
		}
		cells := append([]string(nil), rec.cells...)
		if c.text < len(cells) && len(more) > 0 {
			cells[c.text] = strings.Join(append([]string{cells[c.text]}, more...), " — ")
		}
		if c.time < len(cells) {
			cells[c.time] = day.dated(cells[c.time])
		}
		if !typed {
			cells = append(cells, rowType(rec.cells, c))
			t.rows[i].cols = append(rec.cols, append(rec.cols, 1)[0])
		}
		t.rows[i].cells = cells
	}
	return tlGroup{header: t.header, recs: t.rows, cols: c}, nil
}

// namedTime is a table's columns when a header names its time column
// (Time, 시각) but not its text: the text is the other column that holds
// the most. A time in it that does not read is then that cell's mistake,
// said at it, not a table without a time column.
func namedTime(t mdTable) (columns, error) {
	c := columns{time: -1, text: -1, typ: -1, actor: -1}
	most := 0
	for i, h := range t.header {
		switch h = normLabel(h); {
		case c.time < 0 && slices.Contains(timeColumns, h):
			c.time = i
		case !slices.Contains(ownerColumns, h):
			n := 0
			for _, r := range t.rows {
				n += utf8.RuneCountInString(cell(r.cells, i))
			}
			if n > most || c.text < 0 {
				c.text, most = i, n
			}
		}
	}
	if c.time < 0 || c.text < 0 {
		return c, errNoTimeline
	}
	return c, nil
}

// rowType is "responder" when a row's text cell, or any other, says what
// responders do.
func rowType(cells []string, c columns) string {
	for j, v := range cells {
		if j == c.time {
			continue
		}
		if typ, _ := responder(v); typ != "" || responderWords.MatchString(v) {
			return "responder"
		}
	}
	return ""
}

// entryRecords are a paragraph's or list item's lines that open with a
// time; a line without one continues the entry above it, or is noted.
func entryRecords(name string, b block, day *dater) ([]record, []text.Message) {
	var recs []record
	var notes []text.Message
	for i, line := range strings.Split(b.text, "\n") {
		p := b.pos
		if i < len(b.lines) {
			p = b.lines[i]
		}
		m := entryTime.FindStringSubmatchIndex(line)
		if m == nil {
			if len(recs) > 0 {
				recs[len(recs)-1].cells[1] += " " + line
			} else if strings.TrimSpace(line) != "" {
				notes = append(notes, noteAt(fmt.Sprintf("%s:%d:%d", name, p.line, p.col), "import-line-no-time", "line", short(line)))
			}
			continue
		}
		at := line[m[2]:m[3]]
		textCol := p.col + utf8.RuneCountInString(line[:m[1]])
		typ, actor := responder(line[m[1]:])
		recs = append(recs, record{cells: []string{day.dated(at), line[m[1]:], typ, actor}, line: p.line, cols: []int{p.col, textCol, textCol, textCol}})
	}
	return recs, notes
}

// dater dates clock-only times by the date line above them: a clock
// earlier than the one before it under the same line has passed midnight
// (23:50, then 00:10 the next day).
type dater struct {
	day  time.Time // zero: no date line yet
	prev string    // the last clock dated on day, zero-padded
}

// dated puts a clock-only time on its day, and reads a clock's zone word
// as the clock it qualifies.
func (d *dater) dated(at string) string {
	at = strings.TrimSpace(at)
	clock := zoneWord.ReplaceAllString(at, "")
	if clockIn.FindString(clock) != clock {
		return at
	}
	if len(clock) == 4 || len(clock) == 7 {
		clock = "0" + clock
	}
	if d.day.IsZero() {
		return clock
	}
	if d.prev != "" && clock < d.prev {
		d.day = d.day.AddDate(0, 0, 1)
	}
	d.prev = clock
	return d.day.Format(time.DateOnly) + " " + clock
}

// setDay starts the dating of a date line's entries.
func (d *dater) setDay(line string) {
	if t, err := time.Parse(time.DateOnly, dayOf(line)); err == nil {
		d.day, d.prev = t, ""
	}
}

// dayOf is a date line's day as 2006-01-02.
func dayOf(s string) string {
	if m := isoDate.FindStringSubmatch(s); m != nil {
		return m[0]
	}
	if m := koDate.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf("%s-%02s-%02s", m[1], pad(m[2]), pad(m[3]))
	}
	return ""
}

func pad(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// firstDay is the first date a postmortem gives ("Date: 2015-10-21"), the
// day its clock-only times fall on when no date line says.
func firstDay(src []byte) (time.Time, bool) {
	s := string(src)
	iso, ko := isoDate.FindStringIndex(s), koDate.FindStringIndex(s)
	day := ""
	switch {
	case iso != nil && (ko == nil || iso[0] < ko[0]):
		day = dayOf(s[iso[0]:iso[1]])
	case ko != nil:
		day = dayOf(s[ko[0]:ko[1]])
	}
	t, err := time.Parse(time.DateOnly, day)
	return t, err == nil
}

// timelineT0 is T+0: the first entry's time, read against the day the
// document gives; ok is false when the first entry has no time to read.
func timelineT0(groups []tlGroup, day time.Time) (time.Time, bool) {
	for _, g := range groups {
		for _, rec := range g.recs {
			if g.cols.time >= len(rec.cells) {
				continue
			}
			off, _, err := rowTime(rec.cells[g.cols.time], day)
			if err != nil {
				return day, false
			}
			return day.Add(off), true
		}
	}
	return day, false
}

// short is a line as a note quotes it.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if rs := []rune(s); len(rs) > 60 {
		return fmt.Sprintf("%q", string(rs[:57])+"…")
	}
	return fmt.Sprintf("%q", s)
}
