package studio

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// The chart's geometry, in pixels of its own coordinates: a column of
// lane names, then the session's time left to right.
const (
	chartW, labelW, laneH, pad = 1200.0, 240.0, 34.0, 12.0
)

// chart is the timeline chart as it is drawn: SVG text, with every word
// from outside escaped, never markup.
type chart struct {
	b     strings.Builder
	s     *scenarios.Session
	w     chartWords
	end   time.Duration // the right edge
	y     float64       // the next lane's top
	notes map[string][]string
	boxes []box // the expected actions' labels, as laid out
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (c *chart) x(t time.Duration) float64 {
	return labelW + pad + (chartW-labelW-2*pad)*float64(t)/float64(c.end)
}

func (c *chart) text(x, y float64, class, s string) {
	fmt.Fprintf(&c.b, `<text x="%.1f" y="%.1f" class="%s">%s</text>`, x, y, class, esc(s))
}

// label is a mark's words: right of it, or left of it in the chart's
// last quarter, so that no label runs off the chart.
func (c *chart) label(x, y float64, class, s string) {
	if x < chartW*0.75 {
		c.text(x+6, y, class, s)
		return
	}
	fmt.Fprintf(&c.b, `<text x="%.1f" y="%.1f" class="%s" text-anchor="end">%s</text>`, x-6, y, class, esc(s))
}

// lane starts a lane of rows times the usual height.
func (c *chart) lane(name string, warn bool, rows int) float64 {
	return c.laneH(name, warn, laneH*float64(rows))
}

// laneH starts a lane h pixels high: its name in the left column, a rule
// under it.
func (c *chart) laneH(name string, warn bool, h float64) float64 {
	top := c.y
	class := "lane"
	if warn {
		class = "lane warn"
	}
	// About 7 pixels a bold character: a name stays in its 240 pixels.
	c.text(pad, top+20, class, clip(name, 32))
	fmt.Fprintf(&c.b, `<line x1="0" y1="%.1f" x2="%.1f" y2="%.1f" class="rule"/>`, top+h, chartW, top+h)
	c.y += h
	return top
}

// timeline serves the chart of the last good reading at the chosen level.
func (st *Studio) timeline(w http.ResponseWriter, r *http.Request) {
	ch, s := st.chosen(r)
	if s == nil {
		http.NotFound(w, r)
		return
	}
	p := played(s, ch.level)
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(drawChart(p, wordsIn(st.lang()).Chart))
}

// drawChart draws the session: rounds and the story clock's jumps, timed
// cards, contingencies and what they replace, on-request cards by
// system, expected actions by role with their deadlines, complications
// and the pace, with the validator's warnings where they belong.
func drawChart(s *scenarios.Session, w chartWords) []byte {
	c := layChart(s, w)
	h := c.y + 36
	head := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f"><style>%s</style><rect width="100%%" height="100%%" fill="#fff"/>`, chartW, h, chartW, h, chartStyle)
	return []byte(head + c.b.String() + c.endLine(h) + "</svg>")
}

// layChart lays the chart out and draws its body; drawChart frames it.
func layChart(s *scenarios.Session, w chartWords) *chart {
	c := &chart{s: s, w: w, end: span(s), y: pad, notes: notesOf(s, w)}
	c.rounds()
	c.timed()
	c.contingent()
	c.requests()
	c.expected()
	c.complications()
	c.text(pad, c.y+22, "foot", w.Pace+": "+strconv.FormatFloat(max(s.Meta().Pace, 1), 'f', -1, 64))
	return c
}

const chartStyle = `text{font-family:"propdeck Nanum Gothic","Nanum Gothic","DejaVu Sans",sans-serif;font-size:12px;fill:#222}
.lane{font-weight:bold}.warn{fill:#b00020}.rule{stroke:#ddd}.round{fill:#eef2f7;stroke:#9ab}.round2{fill:#f7f7f2;stroke:#9ab}
.dot{fill:#245}.dotwarn{fill:#b00020}.small{font-size:10px;fill:#555}.jump{fill:#7a4a00;font-size:11px}.end{stroke:#b00020;stroke-dasharray:4 3}
.replace{stroke:#876;stroke-dasharray:3 3;fill:none}.by{fill:none;stroke:#245}.foot{fill:#555}`

func (c *chart) endLine(h float64) string {
	d := c.s.Meta().DurationValue
	if d <= 0 {
		return ""
	}
	x := c.x(d)
	return fmt.Sprintf(`<line x1="%.1f" y1="0" x2="%.1f" y2="%.1f" class="end"/><text x="%.1f" y="%.1f" class="small warn">%s</text>`, x, x, h, x+3, h-6, esc(c.w.End))
}

// span is the chart's right edge: the planned end or the last thing
// timed, whichever is later, with room for a label.
func span(s *scenarios.Session) time.Duration {
	end := s.Meta().DurationValue
	for _, r := range s.Rounds() {
		end = max(end, r.Offset)
		for _, e := range r.Expect {
			end = max(end, e.ByOffset)
		}
	}
	for _, rv := range s.Timeline().Reveals {
		end = max(end, rv.At())
	}
	return max(end+end/10, time.Minute)
}

// notesOf are the warnings to place on a card, by its id.
func notesOf(s *scenarios.Session, w chartWords) map[string][]string {
	out := map[string][]string{}
	for _, n := range s.Notes() {
		if n.Text.Key == "log-shows-future" || n.Text.Key == "metric-shows-future" {
			id := argOf(n.Text, "id")
			out[id] = append(out[id], w.Future)
		}
	}
	for _, wn := range s.Warnings() {
		switch wn.Kind {
		case scenarios.NoRecipient:
			out[wn.Clue] = append(out[wn.Clue], w.NoOwner)
		case scenarios.AfterEnd:
			out[wn.Clue] = append(out[wn.Clue], w.AfterEnd)
		}
	}
	return out
}

func argOf(m text.Message, name string) string {
	for i := 0; i+1 < len(m.Args); i += 2 {
		if m.Args[i] == name {
			return fmt.Sprint(m.Args[i+1])
		}
	}
	return ""
}

// rounds draws each round as a band, its title, and the story's time
// where the round moves the story's clock.
func (c *chart) rounds() {
	top := c.lane(c.w.Rounds, false, 2)
	empty := map[string]bool{}
	for _, wn := range c.s.Warnings() {
		if wn.Kind == scenarios.EmptyRound {
			empty[wn.Round] = true
		}
	}
	rounds := c.s.Rounds()
	for i, r := range rounds {
		to := c.end
		if i+1 < len(rounds) {
			to = rounds[i+1].Offset
		}
		x0, x1 := c.x(r.Offset), c.x(to)
		fmt.Fprintf(&c.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="round%s"/>`, x0, top+4, x1-x0, laneH*2-8, map[bool]string{true: "2"}[i%2 == 1])
		// About 7 pixels a character: a title stays inside its band.
		fit := max(int((x1-x0-8)/7), 2)
		c.text(x0+4, top+20, "", clip(written.FormatOffset(r.Offset)+" "+r.Title, fit))
		switch {
		case empty[r.Title]:
			c.text(x0+4, top+38, "small warn", "⚠ "+c.w.EmptyRound)
		case r.Story != r.Offset:
			c.text(x0+4, top+38, "jump", c.w.Story+" "+written.FormatOffset(r.Story))
		}
	}
}

// marker draws a card at its time: a dot, its id staggered over rows
// lines so that close cards stay readable, and its warnings in red.
func (c *chart) marker(top float64, i, rows int, t time.Duration, id string) float64 {
	x, y := c.x(t), top+12+float64(i%rows)*14
	class := "dot"
	if len(c.notes[id]) > 0 {
		class = "dotwarn"
	}
	fmt.Fprintf(&c.b, `<circle cx="%.1f" cy="%.1f" r="4" class="%s"/>`, x, y, class)
	label := id
	if n := c.notes[id]; len(n) > 0 {
		label += " ⚠ " + strings.Join(n, "; ")
		c.label(x, y+4, "small warn", label)
		return x
	}
	c.label(x, y+4, "small", label)
	return x
}

func (c *chart) timed() {
	list := c.s.Timeline().Of(written.Timed)
	top := c.lane(c.w.Timed, false, 2)
	for i, rv := range list {
		c.marker(top, i, 3, rv.At(), rv.Clue.ID)
	}
}

// contingent draws each contingency, and a dashed line up to the timed
// card it replaces.
func (c *chart) contingent() {
	list := c.s.Timeline().Of(written.Contingent)
	if len(list) == 0 {
		return
	}
	timedTop := c.y - 2*laneH
	top := c.lane(c.w.Contingent, false, 2)
	at := map[string]time.Duration{}
	for _, rv := range c.s.Timeline().Of(written.Timed) {
		at[rv.Clue.ID] = rv.At()
	}
	for i, rv := range list {
		x := c.marker(top, i, 3, rv.At(), rv.Clue.ID)
		if t, ok := at[rv.Clue.Replaces]; ok {
			fmt.Fprintf(&c.b, `<path d="M%.1f %.1f L%.1f %.1f" class="replace"/>`, x, top+10, c.x(t), timedTop+laneH)
			c.label(x, top+laneH*2-6, "small", c.w.InsteadOf+" "+rv.Clue.Replaces)
		}
	}
}

// requests draws the on-request cards, a lane per system: at their "not
// before", or at the start when they have none.
func (c *chart) requests() {
	bySystem := map[string][]scenarios.Reveal{}
	var systems []string
	for _, rv := range c.s.Timeline().Of(written.OnRequest) {
		if _, ok := bySystem[rv.Clue.System]; !ok {
			systems = append(systems, rv.Clue.System)
		}
		bySystem[rv.Clue.System] = append(bySystem[rv.Clue.System], rv)
	}
	for _, sys := range systems {
		name := c.w.Request
		if sys != "" {
			name += ": " + cmp.Or(c.s.SystemName(sys), sys)
		}
		top := c.lane(name, false, 1)
		for i, rv := range bySystem[sys] {
			c.marker(top, i, 2, rv.At(), rv.Clue.ID)
		}
	}
}

// expected draws each role's expected actions at their deadlines (or the
// round's start without one), their labels in as many rows as keep them
// apart; a role that receives nothing is named in red.
func (c *chart) expected() {
	nothing := map[string]bool{}
	for _, wn := range c.s.Warnings() {
		if wn.Kind == scenarios.ReceivesNothing {
			nothing[wn.Role] = true
		}
	}
	// One heading, then a lane per role under it, named by the role.
	c.text(pad, c.y+18, "lane", c.w.Expected)
	c.y += 24
	for _, role := range c.s.Roles() {
		warn := nothing[role.ID+" ("+role.Name+")"]
		name := "◇ " + role.Name
		if warn {
			name = role.Name + " ⚠ " + c.w.Nothing
		}
		marks := c.deadlines(role.ID)
		var rs rows
		at := make([]int, len(marks))
		for i, m := range marks {
			at[i] = rs.place(labelSpan(m.x, m.label))
		}
		top := c.laneH(name, warn, max(laneH, float64(len(rs))*rowH+8))
		for i, m := range marks {
			y := top + 12 + float64(at[i])*rowH
			fmt.Fprintf(&c.b, `<path d="M%.1f %.1f l4 -4 l4 4 l-4 4 z" class="by"/>`, m.x-4, y)
			c.label(m.x, y+4, "small", m.label)
			x0, x1 := labelSpan(m.x, m.label)
			c.boxes = append(c.boxes, box{x0, y - 5, x1, y + 7})
		}
	}
}

// mark is a point on a lane and its label.
type mark struct {
	x     float64
	label string
}

// deadlines are a role's expected actions, each at its deadline or its
// round's start, in the rounds' order.
func (c *chart) deadlines(role string) []mark {
	var out []mark
	for _, r := range c.s.Rounds() {
		for _, e := range r.Expect {
			if e.Role != role {
				continue
			}
			t, label := r.Offset, e.Action
			if e.HasBy {
				t, label = e.ByOffset, c.w.By+" "+written.FormatOffset(e.ByOffset)+": "+e.Action
			}
			out = append(out, mark{c.x(t), clip(label, 48)})
		}
	}
	return out
}

// complications lists the complication cards the facilitator may draw:
// they have no time.
func (c *chart) complications() {
	list := c.s.ComplicationCards()
	if len(list) == 0 {
		return
	}
	top := c.lane(c.w.Complications, false, 1)
	ids := make([]string, 0, len(list))
	for _, k := range list {
		ids = append(ids, k.ID)
	}
	slices.Sort(ids)
	c.text(c.x(0), top+21, "small", c.w.Drawn+": "+clip(strings.Join(ids, ", "), 140))
}

// clip shortens a label to n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
