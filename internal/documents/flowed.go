package documents

import (
	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
)

// Flowed is a document given as plain text for whoever writes it as
// Markdown too (the programme's evidence pack): a title, a line under it
// and sections of items. The PDF and the Markdown come from one value, so
// that they say the same.
type Flowed struct {
	Name, Title, Subtitle, Date string
	Sections                    []FlowedSection
}

// FlowedSection is a heading and its items.
type FlowedSection struct {
	Heading string
	Items   []FlowedItem
}

// FlowedItem is a bold line (may be empty) and the paragraphs under it.
type FlowedItem struct {
	Head  string
	Lines []string
}

// Flow lays a flowed document out on pages of size, its title in the
// running header, each section's heading repeated on the pages it runs
// onto, the labels in lang.
func Flow(doc Flowed, size layouts.Size, lang string) *draw.Deck {
	lb := cards.LabelsFor(lang)
	d := &draw.Deck{Name: doc.Name, Title: doc.Title}
	w := newPageWriter(d, size, datedHeader(doc.Title, doc.Subtitle, doc.Date, lb))
	w.newPage()
	for _, s := range doc.Sections {
		w.gap(3)
		w.startSection(s.Heading, lb.Continued, 14)
		for _, it := range s.Items {
			if it.Head != "" {
				keep := 0.0
				if len(it.Lines) > 0 {
					keep = w.linesHeight(fonts.Regular, 9.5, 4, it.Lines[0], 2)
				}
				w.ensure(w.textHeight(fonts.Bold, 10, 0, it.Head) + keep)
				w.text(fonts.Bold, 10, draw.Black, 0, it.Head)
			}
			for i, l := range it.Lines {
				if it.Head == "" && i > 0 {
					w.gap(1.5) // paragraphs, where a head's lines are a list
				}
				w.text(fonts.Regular, 9.5, draw.Black, 4, l)
			}
			w.gap(1.5)
		}
		w.endSection()
	}
	return d
}
