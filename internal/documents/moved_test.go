package documents

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

func TestLongTextContinues(t *testing.T) {
	s := example(t, "eu-db-latency")
	words := make([]string, 5000)
	for i := range words {
		words[i] = []string{"latency", "지연", "replica", "장애조치", "checkout"}[i%5]
	}
	body := strings.Join(words, " ")
	s = s.Edited(func(w *written.Scenario) {
		w.Clues = []written.Clue{{ID: "long", At: "T+0", Kind: "observation", Title: "A very long clue", Body: body}}
	})
	d, err := Clues(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) < 3 {
		t.Errorf("a 5,000-word clue fits on %d pages", len(d.Pages))
	}
	var got []string
	for _, p := range d.Pages {
		for _, op := range p.Flat() {
			if t, ok := op.(draw.TextOp); ok && t.Face == fonts.Regular && t.Size >= layouts.MinBody-0.01 && t.Size <= 10 {
				got = append(got, strings.Fields(t.Text)...)
			}
		}
	}
	n := 0
	for _, w := range got {
		if w == "latency" || w == "지연" || w == "replica" || w == "장애조치" || w == "checkout" {
			n++
		}
	}
	if n != 5000 {
		t.Errorf("%d of 5000 words printed", n)
	}
	for _, p := range d.Pages {
		for _, op := range p.Flat() {
			if tx, ok := op.(draw.TextOp); ok && tx.Face == fonts.Regular && tx.Size < layouts.MinBody-0.01 && utf8.RuneCountInString(tx.Text) > 20 {
				t.Errorf("body text shrunk below %v pt: %v", layouts.MinBody, tx.Size)
			}
		}
	}
}

func TestSlidesFillTheScreen(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s := example(t, name)
		d, err := Screen(s, true)
		if err != nil {
			t.Fatal(err)
		}
		titles := map[string]bool{}
		isLog := map[string]bool{}
		for _, c := range s.Clues() {
			titles[c.Title] = true
			isLog[c.ID] = c.Kind == written.KindLog
			if c.Metric != nil {
				titles[c.Title+" ("+c.Metric.Unit+")"] = true
			}
		}
		slides := 0
		for i, p := range d.Pages {
			if len(p.Cards) == 0 {
				continue
			}
			slides++
			right, bottom, title := 0.0, 0.0, 1e9
			for _, op := range p.Flat() {
				switch o := op.(type) {
				case draw.RectOp:
					right, bottom = max(right, o.R.X+o.R.W), max(bottom, o.R.Y+o.R.H)
				case draw.TextOp:
					// A line of a wrapped clue title.
					for tt := range titles {
						if o.Face == fonts.Bold && len(o.Text) > 3 && strings.Contains(tt, strings.TrimSpace(o.Text)) {
							title = min(title, o.Size)
						}
					}
				}
			}
			if title == 1e9 {
				t.Errorf("%s slide %d: no title found", name, i+1)
				continue
			}
			if right < 0.95*screenSize.W || bottom < 0.95*screenSize.H {
				t.Errorf("%s slide %d: the card covers %.0f×%.0f mm of %.0f×%.0f", name, i+1, right, bottom, screenSize.W, screenSize.H)
			}
			// A log slide zooms in less so that it shows every line the
			// printed card does: its title may be smaller, not unreadable.
			least := 0.05
			if isLog[p.Cards[0]] {
				least = 0.035
			}
			if h := title * fonts.PtToMM / screenSize.H; h < least {
				t.Errorf("%s slide %d: the title is %.1f%% of the slide's height", name, i+1, 100*h)
			}
		}
		if slides == 0 {
			t.Fatalf("%s: no clue slides", name)
		}
	}
}

func TestPremortemKitMatchesTheRecord(t *testing.T) {
	for _, lang := range vocab.Language.Values {
		tx := cards.KitTextFor(lang)
		d, err := PremortemKit(nil, lang, premortem.Cards(lang), DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		text := deckText(d)
		for _, want := range []string{tx.Owner, tx.IdeaID, tx.Votes} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the kit has no %q", lang, want)
			}
		}
		for _, p := range d.Pages {
			ops := p.Flat()
			for i, op := range ops {
				text, ok := op.(draw.TextOp)
				if !ok || (text.Text != tx.IdeaID && text.Text != tx.Votes) || i == 0 {
					continue
				}
				if box, ok := ops[i-1].(draw.RectOp); ok && text.X+text.Face.Width(text.Text, text.Size) > box.R.X+box.R.W {
					t.Errorf("%s: %q runs out of its box", lang, text.Text)
				}
			}
		}
	}
}

func TestScreenShowsLogsAsPaperDoes(t *testing.T) {
	for _, ex := range examples.Examples() {
		s := example(t, ex.Name)
		lb := cards.LabelsFor(s.Meta().Language)
		for _, c := range s.Clues() {
			if c.Kind != written.KindLog {
				continue
			}
			slides, zoom, err := slideFronts(s, c)
			if err != nil {
				t.Fatal(err)
			}
			_, lines, err := cards.SlideFronts(s, c, layouts.Size{W: screenSize.W / zoom, H: screenSize.H / zoom}, zoom)
			if err != nil {
				t.Fatal(err)
			}
			printed, printedLines, err := cards.SlideFronts(s, c, cards.ClueSizes["quarter"], 1)
			if err != nil {
				t.Fatal(err)
			}
			if lines < printedLines {
				t.Errorf("%s %s: %d slides showing %d lines, against %d cards showing %d", ex.Name, c.ID, len(slides), lines, len(printed), printedLines)
			}
		}
		timedOnly, err := Screen(s, false)
		if err != nil {
			t.Fatal(err)
		}
		text := deckText(timedOnly)
		for _, m := range []written.Mode{written.Contingent, written.OnRequest} {
			if strings.Contains(text, lb.Modes[m]) {
				t.Errorf("%s: the players' screen deck says %q", ex.Name, lb.Modes[m])
			}
			for _, rv := range s.Timeline().Of(m) {
				for _, p := range timedOnly.Pages {
					if len(p.Cards) > 0 && p.Cards[0] == rv.Clue.ID {
						t.Errorf("%s: sealed card %s is on the screen deck", ex.Name, rv.Clue.ID)
					}
				}
			}
		}
	}
}

// TestPokerCardsWarnAndKeepTitlesClear: a poker card says which logs it
// shows too little of, and no title runs over a log window's buttons.
func TestPokerCardsWarnAndKeepTitlesClear(t *testing.T) {
	s := example(t, "eu-db-latency")
	opt := DefaultOptions()
	opt.ClueCard = "poker"
	if w := cards.SizeWarnings(s, opt.Options); len(w) != 1 || !strings.Contains(w[0], `clue "c03": a poker card shows`) {
		t.Errorf("warnings %q", w)
	}
	if w := cards.SizeWarnings(s, cards.DefaultOptions()); len(w) != 0 {
		t.Errorf("the default size warns: %q", w)
	}
	d, err := Clues(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Pages {
		for _, op := range p.Flat() {
			if text, ok := op.(draw.TextOp); ok && strings.Contains(text.Text, "orders-db-replica") && text.Size <= 7 {
				for _, o := range p.Flat() {
					if poly, ok := o.(draw.PolygonOp); ok && len(poly.Points) == 16 && poly.Points[0].X > text.X && poly.Points[0].X < text.X+text.Face.Width(text.Text, text.Size) && abs(poly.Points[0].Y-text.Y) < 3 {
						t.Errorf("the title %q runs over a button", text.Text)
					}
				}
			}
		}
	}
}
