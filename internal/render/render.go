// Package render is the table of backends that draw pages of operations
// into files: adding a format is one package and one entry here. Export
// and build ask the table, never `if format == …`.
package render

import (
	"context"
	"errors"
	"slices"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/parallel"
	"github.com/propdeck/propdeck/internal/render/pdf"
	"github.com/propdeck/propdeck/internal/render/png"
	"github.com/propdeck/propdeck/internal/render/svg"
	"github.com/propdeck/propdeck/internal/text"
)

// Backend draws a deck into the bytes of one file. An image backend draws
// one page: the deck's first.
type Backend interface {
	// Ext is the extension of the backend's files, without the dot.
	Ext() string
	Draw(ctx context.Context, d *draw.Deck) ([]byte, error)
}

// backend is a Backend made of its extension and a function.
type backend struct {
	ext  string
	draw func(ctx context.Context, d *draw.Deck) ([]byte, error)
}

func (b backend) Ext() string { return b.ext }
func (b backend) Draw(ctx context.Context, d *draw.Deck) ([]byte, error) {
	return b.draw(ctx, d)
}

// Settings are what an image backend draws with beside the page: PNG's
// resolution, and whether SVG writes its text as outlines.
type Settings struct {
	DPI      float64
	Outlines bool
}

// entry is one format: its backend with settings, and whether a file
// holds a whole deck or one page (an image).
type entry struct {
	name  string
	image bool
	make  func(Settings) Backend
}

var table = []entry{
	{"pdf", false, func(Settings) Backend { return backend{"pdf", pdf.Draw} }},
	{"png", true, func(o Settings) Backend {
		return onePage("png", func(p *draw.Page) ([]byte, error) {
			img, err := png.Render(p, o.DPI)
			if err != nil {
				return nil, err
			}
			return png.PNG(img)
		})
	}},
	{"svg", true, func(o Settings) Backend {
		text := svg.Live
		if o.Outlines {
			text = svg.Outlines
		}
		return onePage("svg", func(p *draw.Page) ([]byte, error) { return svg.Render(p, text) })
	}},
}

// onePage is an image backend: the first page of a deck as one file.
func onePage(ext string, draw1 func(*draw.Page) ([]byte, error)) Backend {
	return backend{ext, func(_ context.Context, d *draw.Deck) ([]byte, error) {
		if len(d.Pages) == 0 {
			return nil, text.Fail("render-no-pages", "name", d.Name+"."+ext)
		}
		return draw1(d.Pages[0])
	}}
}

// Images lists the formats that draw a page as an image file, sorted:
// the formats of export.
func Images() []string {
	var out []string
	for _, e := range table {
		if e.image {
			out = append(out, e.name)
		}
	}
	slices.Sort(out)
	return out
}

// For is the backend of a format with settings, or nil for a format there
// is none of.
func For(format string, o Settings) Backend {
	for _, e := range table {
		if e.name == format {
			return e.make(o)
		}
	}
	return nil
}

// Page draws one page with a backend.
func Page(ctx context.Context, b Backend, p *draw.Page) ([]byte, error) {
	return b.Draw(ctx, &draw.Deck{Pages: []*draw.Page{p}})
}

// drawDecks draws decks with a backend concurrently, one worker per processor,
// and returns their files, each named for its deck with the backend's
// extension, in the decks' order. More workers than
// processors would not finish sooner, and every document in flight holds
// its fonts and pages in memory.
func drawDecks(ctx context.Context, b Backend, decks []*draw.Deck) ([]output.File, error) {
	files, errs := parallel.Map(ctx, len(decks), func(i int) (output.File, error) {
		data, err := b.Draw(ctx, decks[i])
		return output.File{Name: decks[i].Name + "." + b.Ext(), Data: data}, err
	})
	if err := ctx.Err(); err != nil {
		return nil, text.Fail("render-interrupted", "err", err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return files, nil
}

// PDFs draws decks as PDF files.
func PDFs(ctx context.Context, decks []*draw.Deck) ([]output.File, error) {
	return drawDecks(ctx, For("pdf", Settings{}), decks)
}
