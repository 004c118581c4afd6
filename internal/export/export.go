// Package export writes every card face as its own image, for digital
// boards (Miro, FigJam, Mural, Slides): PNG or SVG, named so that a folder
// sorts in play order, drawn from the same cards as the printed decks.
package export

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"runtime"
	"sort"
	"sync"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/render/png"
)

// Formats are the image formats export writes: every image backend's.
var Formats = render.Images()

type face struct {
	name string
	page *cards.Page
}

// faces lists every face of the cards with its file name: ID-STEM.EXT for a
// front, ID-STEM-back.EXT for a back. Badges and system cards come first,
// so a folder sorted by name keeps each kind together, clues by number.
func faces(id string, list []cards.Card, ext string) []face {
	var out []face
	for _, c := range list {
		for i, p := range c.Faces() {
			name := id + "-" + c.Name
			if i == 1 {
				name += "-back"
			}
			out = append(out, face{name + "." + ext, p})
		}
	}
	return out
}

// Files draws every face of the cards in format ("png" at dpi, or "svg"),
// one worker per processor; no file comes back unless every face drew.
func Files(ctx context.Context, id string, list []cards.Card, format string, dpi float64) ([]output.File, error) {
	var files []output.File
	err := Stream(ctx, id, list, format, dpi, func(f output.File) error {
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// In play order, as the faces are listed, whatever order they drew in.
	order := map[string]int{}
	for i, f := range faces(id, list, format) {
		order[f.name] = i
	}
	sort.Slice(files, func(i, j int) bool { return order[files[i].Name] < order[files[j].Name] })
	return files, nil
}

// Stream draws every face like Files, but hands each image to put as soon
// as it is drawn, from one goroutine, and keeps only a few in memory at a
// time: an export of 5,000 cards needs no more memory than one of 50.
// put is typically an output.Txn's Add, so that the whole set still lands
// all or nothing. It stops at the first error, of a face or of put.
func Stream(ctx context.Context, id string, list []cards.Card, format string, dpi float64, put func(output.File) error) error {
	fs := faces(id, list, format)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	workers := min(runtime.GOMAXPROCS(0), max(len(fs), 1))
	jobs := make(chan int)
	done := make(chan output.File, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				data, err := draw1(fs[i].page, format, dpi)
				if err != nil {
					cancel(fmt.Errorf("%s (card %s): %w", fs[i].name, fs[i].page.Cards[0], err))
					continue
				}
				select {
				case done <- output.File{Name: fs[i].name, Data: data}:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for i := range fs {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
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

func draw1(p *cards.Page, format string, dpi float64) ([]byte, error) {
	backend := render.For(format, dpi)
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
	draw.Draw(board, board.Bounds(), image.NewUniform(image.White), image.Point{}, draw.Src)
	y := gap
	for _, row := range rows {
		x, rh := gap, 0.0
		for _, c := range row {
			img, err := png.Render(c.Faces()[0], dpi)
			if err != nil {
				return nil, err
			}
			at := image.Pt(int(x*k+0.5), int(y*k+0.5))
			draw.Draw(board, img.Bounds().Add(at), img, image.Point{}, draw.Src)
			x += c.Size.W + gap
			rh = max(rh, c.Size.H)
		}
		y += rh + gap
	}
	return png.PNG(board)
}
