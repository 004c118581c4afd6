package layouts

import "github.com/propdeck/propdeck/internal/draw"

// Item is what imposition knows of a card: its id, for the pages' card
// lists and error messages, and the frames of its faces, each drawn once
// in the card's own coordinates. Back is nil for a card without one.
type Item struct {
	ID    string
	Front draw.Frame
	Back  *draw.Frame
}

// Sheets are the print settings imposition follows.
type Sheets struct {
	Duplex     Duplex
	BackOffset [2]float64 // mm every back sheet is shifted to correct a printer
	CutMarks   bool
	Bleed      float64 // mm the card backgrounds extend under the cut
}

var cutPen = draw.Pen{Width: 0.2, Color: draw.Black}

// ImposeOn lays items out n-up on the grid into d, each front sheet
// followed by its back sheet when backs are printed.
func ImposeOn(d *draw.Deck, g Grid, items []Item, opt Sheets, backs bool) {
	d.Backs = backs
	per := g.PerPage()
	for start := 0; start < len(items); start += per {
		end := min(start+per, len(items))
		front := d.AddPage(g.Page)
		for i := start; i < end; i++ {
			front.Cards = append(front.Cards, items[i].ID)
			cell := g.Cell(i - start)
			front.Place(items[i].Front, cell.X, cell.Y)
		}
		if opt.CutMarks {
			drawCutMarks(front, g.Used(end-start), opt.Bleed)
		}
		if !backs {
			continue
		}
		back := d.AddPage(g.Page)
		back.Cards = front.Cards
		for i := start; i < end; i++ {
			if items[i].Back != nil {
				cell := g.BackCell(i-start, opt.Duplex, opt.BackOffset[0], opt.BackOffset[1])
				back.Place(*items[i].Back, cell.X, cell.Y)
			}
		}
	}
}

// FoldOn lays items out with each card's front and back side by side and
// a fold line between them, for printers without duplex. The grid's card
// is the pair: twice the card's width.
func FoldOn(d *draw.Deck, g Grid, card Size, items []Item, opt Sheets) {
	fold := draw.Pen{Width: 0.3, Color: draw.Gray(0.3), Dash: []float64{2, 1.5}}
	per := g.PerPage()
	for start := 0; start < len(items); start += per {
		p := d.AddPage(g.Page)
		for i := start; i < min(start+per, len(items)); i++ {
			p.Cards = append(p.Cards, items[i].ID)
			cell := g.Cell(i - start)
			p.Place(items[i].Front, cell.X, cell.Y)
			back := cell.X + card.W
			if items[i].Back != nil {
				p.Place(*items[i].Back, back, cell.Y)
			}
			p.Line(fold, draw.Point{X: back, Y: cell.Y - 4}, draw.Point{X: back, Y: cell.Y + cell.H + 4})
		}
		if opt.CutMarks {
			drawCutMarks(p, g.Used(min(per, len(items)-start)), opt.Bleed)
		}
	}
}

func drawCutMarks(p *draw.Page, g Grid, bleed float64) {
	for _, l := range g.CutMarks(bleed) {
		p.Line(cutPen, draw.Point{X: l.X1, Y: l.Y1}, draw.Point{X: l.X2, Y: l.Y2})
	}
}
