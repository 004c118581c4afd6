package documents

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"

	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// TestEveryPrintedRuneIsCovered walks every text every deck prints, from
// every example in both languages with every option that changes what is
// printed, and requires each rune to be in the face that prints it. The
// text layer cannot show this: pdftotext extracts a ✓ the face lacks,
// while the page shows an empty box.
func TestEveryPrintedRuneIsCovered(t *testing.T) {
	var decks []*draw.Deck
	add := func(d *draw.Deck, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		decks = append(decks, d)
	}
	for _, ex := range examples.Examples() {
		s := example(t, ex.Name)
		for _, opt := range printVariants() {
			list, err := Build(s, opt)
			if err != nil {
				t.Fatal(err)
			}
			decks = append(decks, list...)
			packets, err := Packets(s, opt)
			if err != nil {
				t.Fatal(err)
			}
			decks = append(decks, packets...)
		}
		add(Screen(s, true))
		if r, err := records.LoadRecord("../report/testdata/good/"+ex.Name+".toml", s); err == nil {
			decks = append(decks, Report(s, r, "score", DefaultOptions()))
		}
		add(PremortemKit(s, s.Meta().Language, premortem.Cards(s.Meta().Language), DefaultOptions()))
	}
	for _, lang := range vocab.Language.Values {
		add(BlankWorksheets(lang, 1, DefaultOptions()))
		add(PremortemKit(nil, lang, premortem.Cards(lang), DefaultOptions()))
		decks = append(decks, Calibration(layouts.A4, "calibration", lang))
	}
	small := map[string]bool{}
	defer func() {
		for k := range small {
			t.Errorf("under 6 pt: %s", k)
		}
	}()
	for _, d := range decks {
		for i, p := range d.Pages {
			for _, op := range p.Flat() {
				if text, ok := op.(draw.TextOp); ok {
					if r := uncovered(text); r != 0 {
						t.Errorf("%s page %d: %q has %U, which %v lacks", d.Name, i+1, text.Text, r, text.Face)
					}
					// Nothing prints smaller than 6 pt: below it a
					// printed card is read with a magnifier.
					if text.Size < minTextSize-1e-9 && !strings.HasSuffix(d.Name, "-screen") {
						small[fmt.Sprintf("%s %.2f pt %q", strings.SplitN(d.Name, "-", 2)[len(strings.SplitN(d.Name, "-", 2))-1], text.Size, text.Text)] = true
					}
				}
			}
		}
	}
}

func uncovered(op draw.TextOp) rune {
	for _, r := range op.Text {
		if !op.Face.Covers(r) {
			return r
		}
	}
	return 0
}

// printVariants are the options that print other labels or other cards.
func printVariants() []Options {
	var out []Options
	for _, v := range []func(*Options){
		func(*Options) {},
		func(o *Options) { o.Duplex = layouts.DuplexLong },
		func(o *Options) { o.Fold = true },
		func(o *Options) { o.ClueCard = "poker" },
		func(o *Options) { o.LogTheme = "light" },
	} {
		o := DefaultOptions()
		v(&o)
		out = append(out, o)
	}
	return out
}

// TestNobodyIsNotEveryone: to = [] means the facilitator keeps the card;
// front, back and run sheet say so instead of "Everyone".
func TestNobodyIsNotEveryone(t *testing.T) {
	for _, tc := range []struct{ ex, want, not string }{{"eu-db-latency", "Facilitator only", "Everyone"}, {"dns-change-ko", "진행자만", "전원"}} {
		s := example(t, tc.ex)
		s = s.Edited(func(w *written.Scenario) {
			for i := range w.Clues {
				if w.Clues[i].To == nil {
					w.Clues[i].To = []string{w.Roles[0].ID}
				}
			}
			w.Clues[0].To = []string{}
		})
		opt := DefaultOptions()
		opt.Duplex = layouts.DuplexLong
		decks, err := Build(s, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range decks {
			text := deckText(d)
			if (d.Name == tc.ex+"-clues" || d.Name == tc.ex+"-facilitator") && !strings.Contains(text, tc.want) {
				t.Errorf("%s: %q missing", d.Name, tc.want)
			}
			if strings.Contains(text, tc.not+" ") && d.Name == tc.ex+"-clues" {
				t.Errorf("%s still says %q", d.Name, tc.not)
			}
		}
	}
}

// TestKoreanWording: the Korean decks say things as a Korean team would,
// durations included.
func TestKoreanWording(t *testing.T) {
	s := example(t, "dns-change-ko")
	decks, err := Build(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	kit, err := PremortemKit(s, "ko", premortem.Cards("ko"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, d := range append(decks, kit) {
		all.WriteString(deckText(d) + " ")
	}
	text := all.String()
	for _, bad := range []string{"당신네", "승인되었다. 휴가 중인 사람에게", "제어 영역", "1h15m", "요청 색인", "잘 된 점"} {
		if strings.Contains(text, bad) {
			t.Errorf("the Korean decks still say %q", bad)
		}
	}
	for _, good := range []string{"1시간 15분", "요청 목록", "컨트롤 플레인"} {
		if !strings.Contains(text, good) {
			t.Errorf("the Korean decks do not say %q", good)
		}
	}
}

// TestComplicationPicksAndRoleNames: single built-in cards can be picked
// beside whole sets, and built-in cards call roles by the scenario's names.
func TestComplicationPicksAndRoleNames(t *testing.T) {
	for _, tc := range []struct{ ex, role string }{{"eu-db-latency", "Incident Commander"}, {"dns-change-ko", "장애 지휘자"}} {
		s := example(t, tc.ex)
		s = s.Edited(func(w *written.Scenario) {
			for i := range w.Roles {
				if w.Roles[i].ID == "ic" {
					w.Roles[i].Name = tc.role + " Kim"
				}
			}
			w.Complications.Sets = nil
			w.Complications.Pick = []string{"people-2", "people-6"}
			w.Complications.Cards = nil
		})
		d, err := complications(s, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		text := deckText(d)
		if !strings.Contains(text, "people-2") || !strings.Contains(text, "people-6") || strings.Contains(text, "people-1") {
			t.Errorf("%s: picked cards: %s", tc.ex, text)
		}
		if !strings.Contains(text, tc.role+" Kim") {
			t.Errorf("%s: the scenario's role name is not used: %s", tc.ex, text)
		}
	}
}

// TestPremortemKitMatchesTheRecord: the sheets ask for what the premortem
// record holds: an owner for each pick, an id and votes on each slip; and
// each label fits its box.
// TestMonoBody: a clue with mono = true prints its body in the fixed-width
// face, so that command output keeps its columns; others do not.
func TestMonoBody(t *testing.T) {
	s := example(t, "eu-db-latency")
	body := "NAME        READY   STATUS\norders-0    1/1     Running\norders-1    0/1     CrashLoopBackOff"
	var at int
	for i, c := range s.Clues() {
		if c.Log == nil && c.Metric == nil {
			at = i
			break
		}
	}
	s = s.Edited(func(w *written.Scenario) { w.Clues[at].Body, w.Clues[at].Mono = body, true })
	d, err := Clues(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, p := range d.Pages {
		for _, op := range p.Flat() {
			if text, ok := op.(draw.TextOp); ok && strings.HasPrefix(text.Text, "orders-") && strings.Contains(text.Text, "/1") {
				found++
				if text.Face != fonts.Mono {
					t.Errorf("%q is printed in %v", text.Text, text.Face)
				}
			}
		}
	}
	if found != 2 {
		t.Errorf("%d lines of the body found, want 2", found)
	}
}

// TestPacketBriefingAddsToTheBadge: the briefing says what the badge does
// not (the scenario's briefing and the situation, what the role knows at
// T+0, its systems) instead of the badge's words again.
func TestPacketBriefingAddsToTheBadge(t *testing.T) {
	s := example(t, "eu-db-latency")
	packets, err := Packets(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	lb := cards.LabelsFor("en")
	for i, d := range packets {
		r := s.Roles()[i]
		first := deckText(&draw.Deck{Pages: d.Pages[:1]})
		if n := strings.Count(first, strings.Join(strings.Fields(r.Mission), " ")); n != 1 {
			t.Errorf("%s: the mission is printed %d times on the first page", d.Name, n)
		}
		for _, want := range []string{lb.Situation, strings.Fields(s.Rounds()[0].Setup)[0]} {
			if !strings.Contains(first, want) {
				t.Errorf("%s: no %q", d.Name, want)
			}
		}
		// The players' briefing, never the facilitator's summary.
		hasWords(t, d.Name, first, s.Meta().Briefing)
		if strings.Contains(first, "nobody is sure who may fail over") {
			t.Errorf("%s: the packet prints the summary", d.Name)
		}
	}
}

// TestNoSilentGapInALog: lines left out after a pinned line are marked
// where they were, not announced as earlier lines at the top.
func TestNoSilentGapInALog(t *testing.T) {
	src := `format = 1
[scenario]
id = "t"
title = "T"
start = "2026-03-10T09:00:00Z"
[[roles]]
id = "ic"
name = "IC"
[[clues]]
id = "c1"
at = "T+12m"
kind = "log"
title = "replica"
  [clues.log]
  format = "plain"
  from = "T+0"
  to = "T+12m"
  lines = [ { at = "T+0", level = "error", msg = "primary lost" }, { at = "T+12m", level = "error", msg = "replica promoted" } ]
  [clues.log.generate]
  count = 200
  messages = ["heartbeat ok"]
`
	s, err := scenarios.Parse("t.toml", []byte(src), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Clues(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var printed []string
	for _, op := range d.Pages[0].Flat() {
		if text, ok := op.(draw.TextOp); ok && text.Face == fonts.Mono && text.Text != "!!" {
			printed = append(printed, text.Text)
		}
	}
	joined := strings.Join(printed, "\n")
	first, gap, last := strings.Index(joined, "primary lost"), strings.Index(joined, "lines not shown here"), strings.Index(joined, "replica promoted")
	if first < 0 || gap < first || last < gap || strings.Contains(joined, "earlier lines not shown") {
		t.Errorf("the card does not mark the gap where it is:\n%s", joined)
	}
}

// TestScreenShowsLogsAsPaperDoes: a log's slides show at least the lines
// the printed card shows, on more slides if they must, and a line is never cut
// between two windows; the players' screen deck says nothing of sealed
// cards unless asked to.
// TestPokerLogsBreakBetweenFields: a JSON log on a narrow card breaks
// after a comma, between fields, never inside "level":"error"; a card
// size that cannot show a readable log is said at build time; a window's
// title never runs over its buttons.
func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// minTextSize is the smallest type a printed page carries.
const minTextSize = 6.0

// TestShrunkCardsStayReadable: a card whose text is shrunk to fit keeps
// every label at 6 pt or more.
func TestShrunkCardsStayReadable(t *testing.T) {
	s := example(t, "eu-db-latency")
	s = s.Edited(func(w *written.Scenario) {
		for i, c := range w.Clues {
			if c.Ask != "" {
				w.Clues[i].Body = strings.Repeat("The replica lag panel was never built, so nobody can see how far behind eu-central-1 is. ", 5)
			}
		}
	})
	d, _, err := requests(s, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Pages {
		for _, op := range p.Flat() {
			if text, ok := op.(draw.TextOp); ok && text.Size < minTextSize-1e-9 {
				t.Errorf("%q at %.2f pt", text.Text, text.Size)
			}
		}
	}
}

// greyContrast is the contrast of two colours once a black-and-white
// printer has turned each to a grey (Rec. 601 luma), as WCAG counts it.
func greyContrast(a, b draw.Color) float64 {
	lum := func(c draw.Color) float64 {
		g := (0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)) / 255
		if g <= 0.04045 {
			return g / 12.92
		}
		return math.Pow((g+0.055)/1.055, 2.4)
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// TestLogThemesSurviveGreyscale: on a black-and-white printer, warn and
// error lines read as well as info lines, not palest.
func TestLogThemesSurviveGreyscale(t *testing.T) {
	for name, th := range cards.LogThemes {
		info := greyContrast(th.Text, th.BG)
		warn := greyContrast(th.Warn, th.BG)
		errLine := greyContrast(th.Error, th.ErrRow)
		if warn < 7 || errLine < 7 || errLine < info*0.5 {
			t.Errorf("%s: in grey, info %.1f:1, warn %.1f:1, error %.1f:1", name, info, warn, errLine)
		}
	}
}

// TestComplicationBacks: --fold gives complication cards their backs, and
// light backs spend no block of ink.
func TestComplicationBacks(t *testing.T) {
	s := example(t, "eu-db-latency")
	opt := DefaultOptions()
	opt.Fold = true
	d, err := complications(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(deckText(d), cards.LabelsFor("en").Complications); n < len(s.ComplicationCards()) {
		t.Errorf("--fold: %d backs for %d cards", n, len(s.ComplicationCards()))
	}
	opt = DefaultOptions()
	opt.Duplex, opt.LightBacks = layouts.DuplexLong, true
	d, err = complications(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	back := d.Pages[1]
	for _, op := range back.Flat() {
		if r, ok := op.(draw.RectOp); ok && r.Fill != nil && *r.Fill != draw.White && r.R.W*r.R.H > 100 {
			t.Errorf("a light back fills %.0f×%.0f mm with %v", r.R.W, r.R.H, *r.Fill)
		}
	}
}
