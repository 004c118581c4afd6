package programme

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/csvw"
	"github.com/propdeck/propdeck/internal/icsw"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

//go:embed index.html.tmpl
var indexText string

// html/template writes every value as text (or as a checked address in
// href): nothing a record or the ledger says becomes markup or script.
var index = template.Must(template.New("index").Funcs(template.FuncMap{"roles": roles}).Parse(indexText))

// Options are what a programme's pages count from.
type Options struct {
	Today time.Time // ages and overdue are counted to this day
	Since time.Time // the last review: actions closed since are listed
}

// row is an action as the page and the CSV show it.
type row struct {
	ledger.Item
	Age     int
	Overdue bool
}

// Files are the programme's outputs: index.html, actions.csv of the open
// actions, actions.ics of every open action's due date, and one
// due-ID.ics per such action for a single import.
func Files(f *Folder, l *ledger.Ledger, opt Options) ([]output.File, error) {
	open := rows(Open(l.Items, opt.Today), opt.Today)
	var page bytes.Buffer
	err := index.Execute(&page, map[string]any{
		"Today": opt.Today.Format(time.DateOnly), "Since": opt.Since.Format(time.DateOnly),
		"Sessions": f.Records, "Open": open, "Overdue": overdue(open),
		"Closed": rows(closedSince(l.Items, opt.Since), opt.Today), "Skipped": len(f.Skipped),
	})
	if err != nil {
		return nil, err
	}
	csv, err := actionsCSV(open)
	if err != nil {
		return nil, err
	}
	files := []output.File{{Name: "index.html", Data: page.Bytes()}, {Name: "actions.csv", Data: csv}}
	var all []icsw.Event
	seen := map[string]bool{}
	for _, r := range open {
		if r.DueValue.IsZero() {
			continue
		}
		e := event(r)
		all = append(all, e)
		name := "due-" + slug(r.ID, seen) + ".ics"
		files = append(files, output.File{Name: name, Data: icsw.Calendar(r.Title, opt.Today, []icsw.Event{e})})
	}
	files = append(files, output.File{Name: "actions.ics", Data: icsw.Calendar("propdeck: actions due", opt.Today, all)})
	return files, nil
}

func rows(items []ledger.Item, today time.Time) []row {
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = row{Item: it, Age: it.Age(today), Overdue: it.Overdue(today)}
	}
	return out
}

func overdue(rs []row) int {
	n := 0
	for _, r := range rs {
		if r.Overdue {
			n++
		}
	}
	return n
}

// event is an open action's due date as an all-day event.
func event(r row) icsw.Event {
	desc := "Action " + r.ID
	if r.Owner != "" {
		desc += "\nOwner: " + r.Owner
	}
	if r.Note != "" {
		desc += "\n" + r.Note
	}
	return icsw.Event{UID: r.ID + "@propdeck", Day: r.DueValue, Summary: "Due: " + r.Title, Description: desc, URL: r.Link}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9-]+`)

// slug is a file name from an id, made unique among those seen.
func slug(id string, seen map[string]bool) string {
	s := strings.Trim(unsafeName.ReplaceAllString(id, "_"), "_")
	if s == "" {
		s = "action"
	}
	name := s
	for n := 2; seen[name]; n++ {
		name = fmt.Sprintf("%s-%d", s, n)
	}
	seen[name] = true
	return name
}

// bom starts the CSV: Excel reads UTF-8 (Korean, accents) only after it.
const bom = "\ufeff"

// actionsCSV is the open actions for a tracker's import, by csvw's rules.
func actionsCSV(open []row) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csvw.New(&b)
	w.Write("id", "title", "owner", "due", "status", "overdue", "age_days", "opened", "link", "note", "retest", "retest_action")
	for _, r := range open {
		w.Write(r.ID, r.Title, r.Owner, r.Due, r.Status, fmt.Sprint(r.Overdue), fmt.Sprint(r.Age), r.Opened, r.Link, r.Note, r.Retest, r.RetestAction)
	}
	// Flush before taking the bytes: the writer buffers.
	err := w.Flush()
	return b.Bytes(), err
}

// roles are the role ids a record's timeline names, in first-seen order:
// who played is not in a record yet (issue 39's roster), what was played is.
func roles(r *scenarios.Record) string {
	var out []string
	seen := map[string]bool{}
	for _, e := range r.Timeline {
		if e.Who != "" && !seen[e.Who] {
			seen[e.Who] = true
			out = append(out, e.Who)
		}
	}
	return strings.Join(out, ", ")
}
