package documents

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

var update = flag.Bool("update", false, "rewrite golden files")

func example(t testing.TB, name string) *scenarios.Session {
	t.Helper()
	s, err := examples.LoadExample(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// deckText joins every printed string of a deck, whitespace collapsed.
func deckText(d *draw.Deck) string {
	var b strings.Builder
	for _, p := range d.Pages {
		for _, op := range p.Flat() {
			if t, ok := op.(draw.TextOp); ok {
				b.WriteString(t.Text + " ")
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func hasWords(t *testing.T, where, text, want string) {
	t.Helper()
	for _, w := range strings.Fields(want) {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q (of %q) missing", where, w, want)
		}
	}
}

func TestLabelsArePrintable(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		lb := cards.LabelsFor(lang)
		v := reflect.ValueOf(lb)
		for i := 0; i < v.NumField(); i++ {
			var ss []string
			switch f := v.Field(i).Interface().(type) {
			case string:
				ss = []string{f}
			case map[string]string:
				for _, x := range f {
					ss = append(ss, x)
				}
			}
			for _, s := range ss {
				if s == "" && v.Type().Field(i).Name != "UnitSep" {
					t.Errorf("%s: label %s is empty", lang, v.Type().Field(i).Name)
				}
				if r, bad := fonts.FirstMissing(s, fonts.Regular); bad {
					t.Errorf("%s: label %s has %U the fonts lack", lang, v.Type().Field(i).Name, r)
				}
			}
		}
	}
	for _, r := range "□▲•→↳!?" {
		if !fonts.Regular.Covers(r) || !fonts.Mono.Covers(r) {
			t.Errorf("marker %q not in the fonts", r)
		}
	}
}

func TestWorksheetSwitchesAndCopies(t *testing.T) {
	off := false
	base := example(t, "eu-db-latency")
	count := func(mod func(*written.Scenario)) int {
		d, err := scenarioWorksheets(base.Edited(mod), DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		if d == nil {
			return 0
		}
		return len(d.Pages)
	}
	all := count(func(*written.Scenario) {})
	noScribe := count(func(s *written.Scenario) { s.Worksheets.Scribe = &off })
	noDebrief := count(func(s *written.Scenario) { s.Worksheets.Debrief = &off })
	noPremortem := count(func(s *written.Scenario) { s.Worksheets.Premortem = &off })
	none := count(func(s *written.Scenario) {
		s.Worksheets.Scribe, s.Worksheets.Debrief, s.Worksheets.Premortem = &off, &off, &off
	})
	if noScribe != all-2 || noDebrief != all-2 || noPremortem != all-1 || none != 0 {
		t.Errorf("pages: all %d, no scribe %d, no debrief %d, no premortem %d, none %d", all, noScribe, noDebrief, noPremortem, none)
	}
	for copies := int64(1); copies <= 4; copies++ {
		got := count(func(s *written.Scenario) { s.Worksheets.Copies = copies })
		if got != int(copies)*all {
			t.Errorf("copies %d: %d pages, want %d", copies, got, int(copies)*all)
		}
	}
}

func TestWorksheetContent(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s := example(t, name)
		d, err := scenarioWorksheets(s, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		text := deckText(d)
		lb := cards.LabelsFor(s.Meta().Language)
		for _, want := range append([]string{lb.Timeline, lb.Findings, lb.Debrief, lb.ActionItems, lb.Premortem, s.Premortem().Prompt, lb.UnclearOwner}, s.Worksheets().Questions...) {
			hasWords(t, name, text, want)
		}
		for _, th := range s.Premortem().Themes {
			hasWords(t, name+" theme", text, th)
		}
		for _, r := range s.Rounds() {
			hasWords(t, name+" timeline", text, written.FormatOffset(r.Offset))
		}
	}
	blank, err := BlankWorksheets("ko", 2, DefaultOptions())
	if err != nil || blank == nil {
		t.Fatal(err)
	}
	if !strings.Contains(deckText(blank), "기록자 타임라인") {
		t.Error("blank Korean set has no Korean labels")
	}
	if strings.Contains(deckText(blank), "T+0") {
		t.Error("blank set is pre-filled with times")
	}
}

func TestRunSheetHoldsEveryRoundClueAndNote(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s := example(t, name)
		decks, err := Build(s, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		run := decks[len(decks)-1]
		if !strings.HasSuffix(run.Name, "-facilitator") {
			t.Fatalf("last deck is %s", run.Name)
		}
		text := deckText(run)
		for _, r := range s.Rounds() {
			hasWords(t, name+" round", text, r.Title+" "+r.Setup)
			for _, q := range r.Questions {
				hasWords(t, name+" question", text, q)
			}
		}
		for _, c := range s.Clues() {
			hasWords(t, name+" clue", text, c.ID+" "+c.Title+" "+c.Note)
		}
		for _, r := range s.Roles() {
			hasWords(t, name+" roster", text, r.Name)
		}
		for _, d := range decks[:len(decks)-1] {
			hasWords(t, name+" checklist", text, d.Name)
		}
		// Notes appear nowhere else.
		for _, d := range decks[:len(decks)-1] {
			dt := deckText(d)
			for _, c := range s.Clues() {
				if c.Note != "" && strings.Contains(dt, c.Note[:min(len(c.Note), 20)]) {
					t.Errorf("%s: note of %s printed in %s", name, c.ID, d.Name)
				}
			}
		}
	}
}

func TestWarnings(t *testing.T) {
	s := example(t, "eu-db-latency")
	if w := sheetWarnings(s); len(w) != 0 {
		t.Errorf("example has warnings: %v", w)
	}
	c := s.Edited(func(c *written.Scenario) {
		for i := range c.Clues {
			var to []string
			for _, id := range c.Clues[i].To {
				if id != "support" {
					to = append(to, id)
				}
			}
			if to == nil {
				to = []string{"ic"}
			}
			c.Clues[i].To = to
		}
		c.Clues[0].To = []string{}
	})
	w := sheetWarnings(c)
	if len(w) != 2 || !strings.Contains(w[0], "c01") || !strings.Contains(w[1], "support") {
		t.Errorf("warnings = %v", w)
	}
}

func TestWarningsForTimes(t *testing.T) {
	s := example(t, "eu-db-latency")
	c := s.Edited(func(c *written.Scenario) {
		c.Scenario.DurationValue = 20 * time.Minute
		c.Rounds = append(c.Rounds, written.Round{Offset: 24 * time.Hour, Title: "Next day"})
	})
	w := strings.Join(sheetWarnings(c), "\n")
	for _, want := range []string{"after the session's planned 20m", `round T+24h "Next day" reveals no clue`} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
	late := 0
	for _, cl := range c.Clues() {
		if cl.Offset > 20*time.Minute {
			late++
			if !strings.Contains(w, "clue "+cl.ID+" is revealed at") {
				t.Errorf("no warning names late clue %s", cl.ID)
			}
		}
	}
	if late == 0 {
		t.Fatal("the example has no clue after T+20m to warn about")
	}
}

// TestTextStaysInsideCards checks every string printed on a card deck lies
// inside one card's rectangle: nothing overflows into the cut.
func TestTextStaysInsideCards(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s := example(t, name)
		// A clue that continues on further cards, for the "continued" mark.
		s = s.Edited(func(w *written.Scenario) {
			w.Clues = append(w.Clues, written.Clue{ID: "long", At: "T+0", Kind: "observation", Title: "Long", Body: strings.Repeat("replica lag grows 장애조치 ", 300)})
		})
		for _, opt := range []Options{DefaultOptions(), {Options: cards.Options{ClueCard: "poker"}, Paper: layouts.Letter, Duplex: layouts.DuplexLong, CutMarks: true}, {Options: cards.Options{ClueCard: "a6"}, Paper: layouts.A4, Duplex: layouts.DuplexShort, CutMarks: true, BadgeBacks: true}} {
			for _, build := range []func(*scenarios.Session, Options) (*draw.Deck, error){badges, systems, Clues} {
				d, err := build(s, opt)
				if err != nil {
					t.Fatal(err)
				}
				var card layouts.Size
				switch {
				case strings.HasSuffix(d.Name, "badges"):
					card = cards.BadgeSize
				case strings.HasSuffix(d.Name, "systems"):
					card = cards.SystemSize
				default:
					card = cards.ClueSizes[opt.ClueCard]
				}
				for pi, p := range d.Pages {
					g, _ := layouts.Impose(p.Size, card, 0)
					for _, txt := range outsideSafeZone(p, g) {
						t.Errorf("%s %s page %d: %q at %.1f,%.1f (%.1f wide) is not inside a card's %v mm safe zone (%s cards)", name, d.Name, pi+1, txt.Text, txt.X, txt.Y, txt.Face.Width(txt.Text, txt.Size), cards.SafeZone, opt.ClueCard)
					}
				}
			}
		}
	}
}

// TestLongTextContinues gives a clue a 5,000-word body: it must continue on
// further cards and keep every word.
func TestBadgeThatCannotFitIsRefusedByID(t *testing.T) {
	s := example(t, "eu-db-latency")
	s = s.Edited(func(w *written.Scenario) {
		w.Roles[0].Mission = strings.Repeat("Own the incident and every single decision. ", 60)
	})
	_, err := badges(s, DefaultOptions())
	if err == nil || !strings.Contains(err.Error(), "badge ic") {
		t.Fatalf("overfull badge not refused by id: %v", err)
	}
}

func TestGoldenDecks(t *testing.T) {
	s := example(t, "eu-db-latency")
	decks, err := Build(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// The Korean example's sheets for a conversation: requests,
	// complications, evaluator and run sheet.
	ko, err := Build(example(t, "dns-change-ko"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ko {
		for _, kind := range []string{"-requests", "-complications", "-evaluator", "-facilitator"} {
			if strings.HasSuffix(d.Name, kind) {
				decks = append(decks, d)
			}
		}
	}
	for _, d := range decks {
		path := filepath.Join("testdata", d.Name+".golden")
		got := d.Dump()
		if *update {
			os.MkdirAll("testdata", 0o755)
			os.WriteFile(path, []byte(got), 0o644)
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cards -update)", err)
		}
		if string(want) != got {
			t.Errorf("%s differs from %s; run go test ./cards -update and review the diff", d.Name, path)
		}
	}
}

func TestBigAndMinimalScenarios(t *testing.T) {
	big, err := scenarios.Parse("synthetic.toml", []byte(examples.Synthetic(200)), rules.DirSource("."), nil)
	if err != nil {
		t.Fatal(err)
	}
	decks, err := Build(big, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var clues *draw.Deck
	for _, d := range decks {
		if strings.HasSuffix(d.Name, "-clues") {
			clues = d
		}
	}
	text := deckText(clues)
	for _, c := range big.Clues() {
		if !strings.Contains(text, c.ID) {
			t.Errorf("clue %s missing from the deck", c.ID)
		}
	}
	if len(clues.Pages) < 50 {
		t.Errorf("200 clues on %d sheets", len(clues.Pages))
	}
	min, err := scenarios.Load("../scenarios/testdata/good/minimal.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	decks, err = Build(min, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range decks {
		names = append(names, d.Name)
	}
	if got := strings.Join(names, " "); got != "min-badges min-worksheets min-facilitator" {
		t.Errorf("minimal scenario decks: %s", got)
	}
}

func TestScreenDeck(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s := example(t, name)
		d, err := Screen(s, true)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range d.Pages {
			if r := p.Size.W / p.Size.H; r < 16.0/9-0.001 || r > 16.0/9+0.001 {
				t.Errorf("page %d is %.1fx%.1f, not 16:9", i+1, p.Size.W, p.Size.H)
			}
		}
		text := deckText(d)
		for _, c := range s.Clues() {
			hasWords(t, name+" screen", text, c.ID+" "+c.Title)
			if c.Note != "" && strings.Contains(text, c.Note[:min(20, len(c.Note))]) {
				t.Errorf("%s: the note of %s is on the screen deck", name, c.ID)
			}
		}
		for _, r := range s.Rounds() {
			hasWords(t, name+" screen round", text, r.Title+" "+strings.Join(r.Questions, " "))
		}
	}
}

func TestPacketsHoldOnlyTheirClues(t *testing.T) {
	s := example(t, "eu-db-latency")
	packets, err := Packets(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(packets) != len(s.Roles()) {
		t.Fatalf("%d packets for %d roles", len(packets), len(s.Roles()))
	}
	for i, d := range packets {
		r := s.Roles()[i]
		if !strings.HasSuffix(d.Name, "-packet-"+r.ID) {
			t.Errorf("packet %s for role %s", d.Name, r.ID)
		}
		var onPages []string
		for _, p := range d.Pages[1:] {
			onPages = append(onPages, p.Cards...)
		}
		got := strings.Join(onPages, " ")
		for _, c := range s.Clues() {
			// Contingent and on-request clues depend on play: never dealt.
			want := c.Reaches(r.ID) && c.Mode == written.Timed
			if has := strings.Contains(" "+got+" ", " "+c.ID+" "); has != want {
				t.Errorf("packet %s: clue %s (%s) present=%v, want %v", r.ID, c.ID, c.Mode, has, want)
			}
		}
		hasWords(t, "packet "+r.ID, deckText(d), r.Name+" "+r.Mission)
	}
}

// TestLogLinesAreNeverLost: every line of a log snapshot is on the card or,
// when it scrolled off the top, listed on the run sheet; explicit lines are
// always on the card.
// TestRunSheetKeepsHeadingsWithTheirText: wherever a page breaks, no page
// ends on a round heading or a label ("Questions", "Clues to reveal"), and a
// round that runs onto a new page repeats its heading there, marked
// continued. Setups of every length move the break through every place.
func TestRunSheetKeepsHeadingsWithTheirText(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		base := example(t, name)
		lb := cards.LabelsFor(base.Meta().Language)
		labels := map[string]bool{lb.ReadAloud: true, lb.Questions: true, lb.ToReveal: true}
		for extra := 0; extra < 60; extra += 3 {
			s := base.Edited(func(w *written.Scenario) {
				w.Rounds[0].Setup = strings.Repeat("The bridge is noisy and nobody owns the database. ", extra)
			})
			d, err := runSheet(s, DefaultOptions(), printed{})
			if err != nil {
				t.Fatal(err)
			}
			headings := map[string]bool{}
			for _, r := range s.Rounds() {
				headings[fmt.Sprintf("%s (%s) — %s", written.FormatOffset(r.Offset), s.Clock(r.Offset), r.Title)] = true
			}
			for pi, p := range d.Pages {
				var texts []draw.TextOp
				for _, op := range p.Flat() {
					if txt, ok := op.(draw.TextOp); ok {
						texts = append(texts, txt)
					}
				}
				last := texts[len(texts)-1]
				if labels[last.Text] || headings[last.Text] {
					t.Errorf("%s extra %d: page %d ends on %q", name, extra, pi+1, last.Text)
				}
			}
		}
	}
}

// TestCalibrationLinesMissTheText: no line of the calibration sheet runs
// through a caption or an instruction, in either language or paper, and the
// sheet says which flip to choose.
func TestCalibrationLinesMissTheText(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		for name, paper := range map[string]layouts.Size{"a4": layouts.A4, "letter": layouts.Letter} {
			d := Calibration(paper, name, lang)
			var all strings.Builder
			for pi, p := range d.Pages {
				for _, op := range p.Flat() {
					txt, ok := op.(draw.TextOp)
					if !ok {
						continue
					}
					all.WriteString(txt.Text + "\n")
					box := layouts.Rect{X: txt.X, Y: txt.Y - txt.Size*fonts.PtToMM*0.75, W: txt.Face.Width(txt.Text, txt.Size), H: txt.Size * fonts.PtToMM}
					if box.X < 0 || box.X+box.W > paper.W {
						t.Errorf("%s %s page %d: %q runs off the page", lang, name, pi+1, txt.Text)
					}
					for _, op := range p.Flat() {
						l, ok := op.(draw.LineOp)
						if !ok {
							continue
						}
						for i := 1; i < len(l.Points); i++ {
							if segmentCrossesRect(l.Points[i-1], l.Points[i], box) {
								t.Errorf("%s %s page %d: a line crosses %q", lang, name, pi+1, txt.Text)
							}
						}
					}
				}
			}
			if lang == "en" && !strings.Contains(all.String(), "flip on long edge") || lang == "ko" && !strings.Contains(all.String(), "긴 쪽으로 넘김") {
				t.Errorf("%s %s: the sheet does not say which flip to choose", lang, name)
			}
			if lang == "ko" && regexp.MustCompile(`\b(the|and|print|scale)\b`).MatchString(all.String()) {
				t.Errorf("ko %s: English left on the Korean sheet:\n%s", name, all.String())
			}
		}
	}
}

// segmentCrossesRect tests an axis-parallel or general segment against a
// rectangle by sampling it every 0.2 mm: lines here are short and straight.
func segmentCrossesRect(a, b draw.Point, r layouts.Rect) bool {
	n := int(math.Hypot(b.X-a.X, b.Y-a.Y)/0.2) + 1
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		x, y := a.X+(b.X-a.X)*f, a.Y+(b.Y-a.Y)*f
		if x > r.X && x < r.X+r.W && y > r.Y && y < r.Y+r.H {
			return true
		}
	}
	return false
}

// TestSlidesFillTheScreen: a clue slide is the card filling a 16:9 page,
// its title at least 5% of the slide's height (readable from the back of a
// room), not a print-size card on an empty slide.
// TestVocabulariesAreComplete: every clue kind has a label in every
// language and a shape, and every log theme name has a theme.
func TestCapacitiesNameWhatCostsCards(t *testing.T) {
	opt := DefaultOptions()
	if c := capacities(opt); len(c) != 0 {
		t.Errorf("A4 without bleed: %+v", c)
	}
	opt.Bleed = 2
	c := capacities(opt)
	if len(c) == 0 || c[len(c)-1] != (capacity{Kind: "clue cards", Cause: "bleed", PerSheet: 2, Without: 4}) {
		t.Errorf("--bleed 2: %+v", c)
	}
	opt = DefaultOptions()
	opt.Paper, opt.ClueCard = layouts.Letter, "poker"
	c = capacities(opt)
	if len(c) != 1 || c[0] != (capacity{Kind: "clue cards", Cause: "paper", PerSheet: 8, Without: 9}) {
		t.Errorf("letter, poker: %+v", c)
	}
}

// TestCancelledBuildStops: a build whose context is cancelled (Ctrl-C,
// SIGTERM) stops instead of laying out every card first.
func TestCancelledBuildStops(t *testing.T) {
	s, err := scenarios.Parse("big.toml", []byte(examples.Synthetic(2000)), rules.DirSource("."), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	opt := DefaultOptions()
	opt.Ctx = ctx
	_, err = Build(s, opt)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("error %v", err)
	}
	// Work is counted, not timed: a cancelled build of 2,000 clues
	// allocates less than a whole build of a tenth of them.
	small, err := scenarios.Parse("small.toml", []byte(examples.Synthetic(200)), rules.DirSource("."), nil)
	if err != nil {
		t.Fatal(err)
	}
	stopped := testing.AllocsPerRun(1, func() { _, _ = Build(s, opt) })
	whole := testing.AllocsPerRun(1, func() { _, _ = Build(small, DefaultOptions()) })
	if stopped >= whole {
		t.Errorf("a cancelled build of 2,000 clues made %.0f allocations, a whole build of 200 %.0f", stopped, whole)
	}
}

// TestSnapshotBodyIsACaption: a log or metric clue's body is printed under
// its title, never dropped; one too long for a caption is refused by id.
func TestSnapshotBodyIsACaption(t *testing.T) {
	s := example(t, "eu-db-latency")
	s = s.Edited(func(w *written.Scenario) {
		for i := range w.Clues {
			if w.Clues[i].Log != nil || w.Clues[i].Metric != nil {
				w.Clues[i].Body = "Pulled from " + w.Clues[i].ID + " by the on-call engineer."
			}
		}
	})
	d, err := Clues(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	dump := d.Dump()
	for _, c := range s.Clues() {
		if (c.Log != nil || c.Metric != nil) && !strings.Contains(dump, c.Body) {
			t.Errorf("clue %s: body %q not printed", c.ID, c.Body)
		}
	}
	for i, c := range s.Clues() {
		if c.Log != nil {
			long := s.Edited(func(w *written.Scenario) { w.Clues[i].Body = strings.Repeat("A long story about the replica. ", 20) })
			_, err := Clues(long, DefaultOptions())
			if err == nil || !strings.Contains(err.Error(), "clue "+c.ID) || !strings.Contains(err.Error(), "caption of at most 3 lines") {
				t.Errorf("long body: %v", err)
			}
			break
		}
	}
}

// TestPremortemKit: the kit in both languages as golden drawing lists, and
// every word of the prompt cards and slips inside a card's safe zone.
func TestPremortemKit(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		d, err := PremortemKit(nil, lang, premortem.Cards(lang), DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", "premortem-"+lang+".golden")
		if *update {
			os.WriteFile(path, []byte(d.Dump()), 0o644)
		} else if want, _ := os.ReadFile(path); string(want) != d.Dump() {
			t.Errorf("%s differs; run go test ./cards -update and review the diff", path)
		}
		g, _ := layouts.ImposeBest(layouts.A4, cards.PremortemSize, 0)
		cardPages := 0
		for _, p := range d.Pages {
			if len(p.Cards) == 0 {
				continue
			}
			cardPages++
			for _, txt := range outsideSafeZone(p, g) {
				t.Errorf("%s: %q at %.1f,%.1f is not inside a card", lang, txt.Text, txt.X, txt.Y)
			}
		}
		if cardPages < 5 {
			t.Errorf("%s: %d pages of cards", lang, cardPages)
		}
	}
}

// outsideSafeZone is the text of a sheet that does not lie inside one of
// the grid's cards, at least cards.SafeZone from every cut: the print-shop rule.
func outsideSafeZone(p *draw.Page, g layouts.Grid) []draw.TextOp {
	var out []draw.TextOp
	for _, op := range p.Flat() {
		txt, ok := op.(draw.TextOp)
		if !ok {
			continue
		}
		w := txt.Face.Width(txt.Text, txt.Size)
		inside := false
		for i := 0; i < g.PerPage(); i++ {
			r := g.Cell(i).Inset(cards.SafeZone)
			// On ink: the font's ascender above the baseline and its
			// descender below, not the baseline alone.
			if txt.X >= r.X-0.01 && txt.X+w <= r.X+r.W+0.01 && txt.Y-txt.Face.Ascent(txt.Size) >= r.Y-0.01 && txt.Y+txt.Face.Descent(txt.Size) <= r.Y+r.H+0.01 {
				inside = true
			}
		}
		if !inside {
			out = append(out, txt)
		}
	}
	return out
}
