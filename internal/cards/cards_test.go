package cards

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

func example(t testing.TB, name string) *scenarios.Session {
	t.Helper()
	s, err := examples.LoadExample(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLogLinesAreNeverLost(t *testing.T) {
	s := example(t, "eu-db-latency")
	names := map[string]string{}
	for _, sz := range vocab.Card.Values {
		for _, c := range s.Clues() {
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
			ccs, err := logCards(s, c, ClueSizes[sz], LabelsFor("en"), names, LogThemes["dark"], paperFit)
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
				line := scenarios.FormatLog(e, c.Log.Format, s.Meta().StartTime)
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

// TestEveryVocabularyIsComplete ranges over every vocabulary and requires
// what each needs: a label in every language, a shape, a theme, a size, a
// paper, a flip, a format that prints. A value added to a list fails here
// until everything that shows it knows it.
func TestEveryVocabularyIsComplete(t *testing.T) {
	english := LabelsFor("en")
	checks := map[string]func(lang string, lb Labels, v string) bool{
		"kind": func(_ string, lb Labels, v string) bool {
			p := &draw.Page{}
			kindShape(p, v, 5, 5, 2, draw.Black)
			return lb.Kinds[v] != "" && len(p.Ops) > 0
		},
		"mode":         func(_ string, lb Labels, v string) bool { return lb.Modes[written.Mode(v)] != "" },
		"rating":       func(_ string, lb Labels, v string) bool { return lb.RatingNames[v] != "" },
		"action-kind":  func(_ string, lb Labels, v string) bool { return lb.KindNames[v] != "" },
		"finding-list": func(_ string, lb Labels, v string) bool { return lb.FindingTitles[v] != "" },
		"difficulty":   func(_ string, lb Labels, v string) bool { return lb.Difficulties[v] != "" },
		"ask-answer":   func(_ string, lb Labels, v string) bool { return lb.AskAnswerNames[v] != "" },
		"theme":        func(_ string, _ Labels, v string) bool { return LogThemes[v].Name == v },
		"card":         func(_ string, _ Labels, v string) bool { return ClueSizes[v].W > 0 },
		"paper": func(_ string, _ Labels, v string) bool {
			_, err := layouts.Paper(v)
			return err == nil
		},
		"duplex": func(_ string, lb Labels, v string) bool {
			d, err := layouts.ParseDuplex(v)
			return err == nil && (d == layouts.DuplexNone || lb.DuplexFlip[d] != "")
		},
		"level": func(_ string, _ Labels, v string) bool {
			return scenarios.FormatLog(scenarios.LogEntry{Level: v, Msg: "m"}, "plain", time.Time{}) != ""
		},
		"log-format": func(_ string, _ Labels, v string) bool {
			return strings.Contains(scenarios.FormatLog(scenarios.LogEntry{Level: "info", Msg: "m"}, v, time.Time{}), "m")
		},
		"language": func(lang string, lb Labels, v string) bool {
			return v != lang || lang == "en" || lb.RunSheet != english.RunSheet
		},
	}
	// Not printed on any card: propdeck props writes these into the real
	// tools' formats, and its own test holds each value to its mapping;
	// the console labels note tags, and its test holds each to a label; an
	// action's status lives in the programme's ledger.
	props := []string{"severity", "page-status", "impact", "note-tag", "action-status"}
	for _, l := range vocab.All {
		check, ok := checks[l.Name]
		if !ok && slices.Contains(props, l.Name) {
			continue
		}
		if !ok {
			t.Errorf("vocabulary %s has no check here", l.Name)
			continue
		}
		for _, lang := range vocab.Language.Values {
			for _, v := range l.Values {
				if !check(lang, LabelsFor(lang), v) {
					t.Errorf("%s: %s %q is missing a label, shape or handler", lang, l.Name, v)
				}
			}
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
	entries := []scenarios.LogEntry{{Raw: line, Level: "error"}}
	rows := logRows(entries, newLogTexts(entries, func(e scenarios.LogEntry) string { return scenarios.FormatLog(e, "json", time.Time{}) }), 45, 6, nil)
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
