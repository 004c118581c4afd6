package board

import (
	"fmt"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/written"
)

// roles puts a frame per role, each holding its badge, in a row.
func (d *deck) roles(b *scene, y float64) float64 {
	x, bottom := 0.0, y
	for _, c := range d.of("badge") {
		name := c.ID
		for _, r := range d.s.Roles() {
			if r.ID == c.ID {
				name = r.Name
			}
		}
		w := c.Size.W*perMM + 2*pad
		if x > 0 && x+w > rowWidth {
			x, y = 0, bottom+between
		}
		f := b.open("f-role-"+c.ID, name, x, y, w)
		d.put(f, c, false)
		bottom = max(bottom, f.close(0, 0))
		x += w + gap
	}
	return bottom + between
}

// Notes on the systems wall, in board units.
const noteW, noteH = 200.0, 200.0

// systems puts the systems wall: a sticky note per system, and an arrow
// from each to what it depends on.
func (d *deck) systems(b *scene, y float64) float64 {
	if len(d.s.Systems()) == 0 {
		return y
	}
	f := b.open("f-systems", d.w.Systems, 0, y, 6*noteW+5*gap*3)
	at := map[string]item{}
	for _, sys := range d.s.Systems() {
		x, ny := f.place(noteW, noteH)
		f.x += 2 * gap // room for the arrows between notes
		text := sys.Name
		if sys.Owner != "" {
			text += "\n" + sys.Owner
		}
		it := item{ID: "sys-" + sys.ID, Kind: noteItem, X: x, Y: ny, W: noteW, H: noteH, Text: text, Size: textSize, Tone: yellow, Parent: "f-systems"}
		b.add(it)
		at[sys.ID] = it
	}
	for _, sys := range d.s.Systems() {
		for _, dep := range sys.DependsOn {
			if to, ok := at[dep]; ok {
				b.add(item{ID: "dep-" + sys.ID + "-" + dep, Kind: arrowItem, From: at[sys.ID].ID, To: to.ID, Parent: "f-systems"})
			}
		}
	}
	return f.close(0, 0) + between
}

// Timeline units: a minute of the session is this wide.
const perMinute = 24.0

// timeline puts a lane from T+0 to the session's end with each round's
// start marked: the rounds' titles are what the room hears read out.
func (d *deck) timeline(b *scene, y float64) float64 {
	end := d.s.Meta().DurationValue
	for _, r := range d.s.Rounds() {
		end = max(end, r.Offset+10*time.Minute)
	}
	w := float64(end/time.Minute) * perMinute
	f := b.open("f-timeline", d.w.Timeline, 0, y, w)
	b.add(item{ID: "lane", Kind: barItem, X: f.x0, Y: f.y0 + 70, W: w, H: 10, Tone: grey, Parent: "f-timeline"})
	for i, r := range d.s.Rounds() {
		x := f.x0 + float64(r.Offset/time.Minute)*perMinute
		lines := wrapAll([]string{written.FormatOffset(r.Offset), fmt.Sprintf("%d. %s", i+1, r.Title)}, capSize, 240)
		tw, th := textBox(lines, capSize)
		b.add(item{ID: fmt.Sprintf("mark-%d", i+1), Kind: barItem, X: x, Y: f.y0 + 60, W: 4, H: 30, Tone: blue, Parent: "f-timeline"})
		b.add(item{ID: fmt.Sprintf("round-%d", i+1), Kind: textItem, X: x + 8, Y: f.y0 + 100, W: tw, H: th, Text: strings.Join(lines, "\n"), Size: capSize, Parent: "f-timeline"})
	}
	end0 := written.FormatOffset(end)
	tw, th := textBox([]string{end0}, capSize)
	b.add(item{ID: "end", Kind: textItem, X: f.x0 + w - tw, Y: f.y0 + 30, W: tw, H: th, Text: end0, Size: capSize, Tone: grey, Parent: "f-timeline"})
	f.place(w, 100+4*capSize*lineHeight)
	return f.close(0, 0) + between
}

// dealFrames puts an empty frame per round, each as big as the round with
// the most cards needs, so that their sizes tell the players nothing.
func (d *deck) dealFrames(b *scene, y float64) float64 {
	most := 3
	tl := d.s.Timeline()
	for i := range d.s.Rounds() {
		most = max(most, len(tl.InRound(i, written.Timed)))
	}
	cols := min(most, 5)
	rows := (most + cols - 1) / cols
	size := cards.ClueSizes["quarter"]
	w := float64(cols)*(size.W*perMM+gap) - gap
	h := float64(rows)*(size.H*perMM+gap+capSize*lineHeight*2) - gap
	for i, r := range d.s.Rounds() {
		f := b.open(fmt.Sprintf("f-dealt-%d", i+1), fmt.Sprintf(d.w.HandedOut, i+1, written.FormatOffset(r.Offset), r.Title), 0, y, w)
		y = f.close(w+2*pad, h+2*pad) + between
	}
	return y + gap
}

// scribe puts the scribe's area: one sticky note per kind of finding, to
// copy and fill in.
func (d *deck) scribe(b *scene, y float64) float64 {
	f := b.open("f-scribe", d.w.Scribe, 0, y, rowWidth)
	for i, label := range []string{d.w.Decisions, d.w.Confusion, d.w.MissingData, d.w.Ownership, d.w.ShouldHave} {
		x, ny := f.place(noteW, noteH)
		b.add(item{ID: fmt.Sprintf("scribe-%d", i+1), Kind: noteItem, X: x, Y: ny, W: noteW, H: noteH, Text: label, Size: textSize, Tone: yellow, Parent: "f-scribe"})
	}
	return f.close(0, 0) + between
}
