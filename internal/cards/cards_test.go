package cards

import (
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
)

func example(t testing.TB, name string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.LoadExample(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLogLinesAreNeverLost(t *testing.T) {
	s := example(t, "eu-db-latency")
	names := map[string]string{}
	for _, sz := range ClueSizeNames {
		for _, c := range s.Clues {
			if c.Log == nil {
				continue
			}
			// Far more background lines than fit, to force scrolling.
			if c.Log.Generate != nil {
				g := *c.Log.Generate
				g.Count = 120
				l := *c.Log
				l.Generate = &g
				c.Log = &l
			}
			ccs, err := logCards(s, c, ClueSizes[sz], LabelsFor("en"), names, LogThemes["dark"])
			if err != nil {
				t.Fatal(err)
			}
			entries := s.LogEntries(c)
			var printed strings.Builder
			for _, cc := range ccs {
				p := &draw.Page{Size: ClueSizes[sz]}
				cc.front(p, layouts.Rect{W: ClueSizes[sz].W, H: ClueSizes[sz].H})
				for _, op := range p.Flat() {
					// Log text only: not the level markers and continuation
					// marks in the gutter.
					if tx, ok := op.(draw.TextOp); ok && tx.Face == fonts.Mono && tx.Text != "!!" && tx.Text != "! " && tx.Text != "↳" {
						printed.WriteString(tx.Text)
					}
				}
			}
			text := printed.String()
			omitted := ccs[0].omitted
			shown := 0
			for _, e := range entries {
				line := scenarios.FormatLog(e, c.Log.Format, s.Scenario.StartTime)
				compact := strings.ReplaceAll(line, " ", "")
				if strings.Contains(strings.ReplaceAll(text, " ", ""), compact) {
					shown++
				} else if e.Explicit {
					t.Errorf("%s %s: explicit line missing from the card: %s", sz, c.ID, line)
				}
			}
			if shown+len(omitted) < len(entries) {
				t.Errorf("%s %s: %d lines shown + %d listed on the run sheet < %d lines", sz, c.ID, shown, len(omitted), len(entries))
			}
		}
	}
}

func TestVocabulariesAreComplete(t *testing.T) {
	for _, lang := range scenarios.Languages {
		lb := LabelsFor(lang)
		for _, k := range scenarios.Kinds {
			if lb.Kinds[k] == "" {
				t.Errorf("%s: no label for kind %s", lang, k)
			}
		}
		for _, m := range scenarios.Modes {
			if lb.Modes[m] == "" {
				t.Errorf("%s: no label for reveal mode %s", lang, m)
			}
		}
		if len(lb.Ratings) != 4 {
			t.Errorf("%s: %d ratings", lang, len(lb.Ratings))
		}
		if lang != "en" && lb.RunSheet == english.RunSheet {
			t.Errorf("%s: labels are the English ones", lang)
		}
	}
	for _, k := range scenarios.Kinds {
		p := &draw.Page{}
		kindShape(p, k, 5, 5, 2, draw.Black)
		if len(p.Ops) == 0 {
			t.Errorf("kind %s has no shape", k)
		}
	}
	for _, name := range scenarios.LogThemes {
		if LogThemes[name].Name != name {
			t.Errorf("log theme %s is missing", name)
		}
	}
}

// TestLogWindowsStartOnALine: a log card's window never starts in the
// middle of a wrapped line.
func TestLogWindowsStartOnALine(t *testing.T) {
	rows := []logRow{{text: "a"}, {text: "b"}, {text: "b2", cont: true}, {text: "b3", cont: true}, {text: "c"}}
	for _, page := range paginate(rows, 3) {
		if page[0].cont {
			t.Errorf("a window starts in the middle of a line: %v", page)
		}
	}
}

func TestPokerLogsBreakBetweenFields(t *testing.T) {
	line := `{"time":"2026-03-10T09:02:14+01:00","level":"error","msg":"pq: canceling statement","route":"/checkout"}`
	rows := logRows([]scenarios.LogEntry{{Raw: line, Level: "error"}}, "json", time.Time{}, 45, 6, nil)
	for _, field := range []string{`"time":"2026-03-10T09:02:14+01:00",`, `"level":"error",`, `"route":"/checkout"}`} {
		whole := false
		for _, r := range rows {
			whole = whole || strings.Contains(r.text, field)
		}
		if !whole {
			t.Errorf("the field %s is cut between rows: %v", field, rows)
		}
	}
}
