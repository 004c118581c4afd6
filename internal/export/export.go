// Package export writes every card face as its own image, for digital
// boards (Miro, FigJam, Mural, Slides): PNG or SVG, named so that a folder
// sorts in play order, drawn from the same cards as the printed decks.
package export

import (
	"context"
	"errors"
	"fmt"
	"image"
	imagedraw "image/draw"
	"runtime"
	"sort"
	"sync"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/render/png"
)

// Formats are the image formats export writes: every image backend's.
var Formats = render.Images()

type face struct {
	name string
	page *draw.Page
}

// Cards hands cards to yield, one at a time, in play order: cards.Each
// for a scenario, or a list.
type Cards func(yield func(cards.Card) error) error

// fromList is a list of cards as Cards.
func fromList(list []cards.Card) Cards {
	return func(yield func(cards.Card) error) error {
		for _, c := range list {
			if err := yield(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// faces lists a card's faces with their file names: ID-STEM.EXT for a
// front, ID-STEM-back.EXT for a back. Badges and system cards come first,
// so a folder sorted by name keeps each kind together, clues by number.
func faces(id string, c cards.Card, ext string) []face {
	var out []face
	for i, p := range c.Faces() {
		name := id + "-" + c.Name
		if i == 1 {
			name += "-back"
		}
		out = append(out, face{name + "." + ext, p})
	}
	return out
}

// Files draws every face of the cards in format ("png" at a resolution,
// or "svg" with its text as text or outlines),
// one worker per processor; no file comes back unless every face drew.
func Files(ctx context.Context, id string, list []cards.Card, format string, o render.Settings) ([]output.File, error) {
	var files []output.File
	err := Stream(ctx, id, fromList(list), format, o, func(f output.File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// In play order, as the faces are listed, whatever order they drew in.
	order := map[string]int{}
	for _, c := range list {
		for _, f := range faces(id, c, format) {
			order[f.name] = len(order)
		}
	}
	sort.Slice(files, func(i, j int) bool { return order[files[i].Name] < order[files[j].Name] })
	return files, nil
}

// Stream draws every face of the cards like Files, but hands each image to
// put as soon as it is drawn, from one goroutine. Cards are laid out as
// the workers ask for them and images leave as they are drawn, so that an
// export of 5,000 cards needs no more memory than one of 50. put is
// typically an output.Txn's Add, so that the whole set still lands all or
// nothing. It stops at the first error: of the cards, a face or put.
func Stream(ctx context.Context, id string, list Cards, format string, o render.Settings, put func(output.File) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan face)
	done := make(chan output.File, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for f := range jobs {
				data, err := draw1(f.page, format, o)
				if err != nil {
					cancel(fmt.Errorf("%s (card %s): %w", f.name, f.page.Cards[0], err))
					continue
				}
				select {
				case done <- output.File{Name: f.name, Data: data}:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		err := list(func(c cards.Card) error {
			for _, f := range faces(id, c, format) {
				select {
				case jobs <- f:
				case <-ctx.Done():
					return context.Cause(ctx)
				}
			}
			return nil
		})
		if err != nil {
			cancel(err)
		}
	}()
	go func() { wg.Wait(); close(done) }()
	for f := range done {
		if err := put(f); err != nil {
			cancel(err)
		}
	}
	if err := context.Cause(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	return nil
}

func draw1(p *draw.Page, format string, o render.Settings) ([]byte, error) {
	backend := render.For(format, o)
	if backend == nil {
		return nil, fmt.Errorf("no backend draws %q", format)
	}
	return render.Page(context.Background(), backend, p)
}

// Board is a contact sheet: every card's front as a board would lay them
// out, one row per kind (badges, systems, complications) and the clues in
// reveal order, wrapping at ten cards a row.
func Board(list []cards.Card, dpi float64) ([]byte, error) {
	const perRow, gap = 10, 6.0 // cards, mm
	var rows [][]cards.Card
	kind := func(c cards.Card) string {
		for i := range c.Name {
			if c.Name[i] == '-' {
				return c.Name[:i]
			}
		}
		return c.Name
	}
	for _, c := range list {
		if len(rows) == 0 || kind(rows[len(rows)-1][0]) != kind(c) || len(rows[len(rows)-1]) == perRow {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], c)
	}
	k := dpi / 25.4
	var w, h float64
	for _, row := range rows {
		rw, rh := gap, 0.0
		for _, c := range row {
			rw += c.Size.W + gap
			rh = max(rh, c.Size.H)
		}
		w, h = max(w, rw), h+rh+gap
	}
	board := image.NewRGBA(image.Rect(0, 0, int(w*k+0.5), int((h+gap)*k+0.5)))
	imagedraw.Draw(board, board.Bounds(), image.NewUniform(image.White), image.Point{}, imagedraw.Src)
	y := gap
	for _, row := range rows {
		x, rh := gap, 0.0
		for _, c := range row {
			img, err := png.Render(c.Faces()[0], dpi)
			if err != nil {
				return nil, err
			}
			at := image.Pt(int(x*k+0.5), int(y*k+0.5))
			imagedraw.Draw(board, img.Bounds().Add(at), img, image.Point{}, imagedraw.Src)
			x += c.Size.W + gap
			rh = max(rh, c.Size.H)
		}
		y += rh + gap
	}
	return png.PNG(board)
}
