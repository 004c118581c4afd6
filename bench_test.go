package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/written"

	"github.com/propdeck/propdeck/third_party/fpdf"
	"github.com/skip2/go-qrcode"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// The benchmarks measure a whole build against a floor: the same number of
// comparable cards drawn with fpdf directly and nothing else. Every figure
// is reported as a ratio to the floor measured in the same run (x-floor),
// because absolute times on a shared machine are noise.
//
//	go test -run '^$' -bench . -benchmem

func buildAll(b *testing.B, src string, dir string) {
	cards.ForgetQRCodes()
	s, err := scenarios.Parse("synthetic.toml", []byte(src), rules.DirSource("."), nil)
	if err != nil {
		b.Fatal(err)
	}
	decks, err := documents.Build(s, documents.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	files, err := render.PDFs(context.Background(), decks)
	if err != nil {
		b.Fatal(err)
	}
	if err := output.WriteAll(context.Background(), dir, files); err != nil {
		b.Fatal(err)
	}
}

// floorFonts are the floor's own copies of the font files, loaded once as a
// program using fpdf alone would: fpdf writes into the bytes it is given,
// and the embedded ones are shared with the builds measured against it.
// They are loaded on first use, not when the package starts: every
// propdeck the scripts and the browser tests run is this test binary, and
// loading them took 11.7 MB and about 17 ms of CPU at each start.
var floorFonts = sync.OnceValue(func() map[fonts.Face][]byte {
	m := map[fonts.Face][]byte{}
	for _, f := range fonts.All {
		m[f] = slices.Clone(f.TTF())
	}
	return m
})

// floor draws n cards, four to an A4 landscape sheet, each with a title, a
// wrapped paragraph, five monospace lines, a 30-point line and a QR code,
// with fpdf alone.
func floor(n int) []byte {
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	for _, f := range fonts.All {
		pdf.AddUTF8FontFromBytes(f.Family(), "", floorFonts()[f])
	}
	q, _ := qrcode.New("https://runbooks.example.com/alerts/a17", qrcode.Medium)
	bits := q.Bitmap()
	for i := 0; i < n; i++ {
		if i%4 == 0 {
			pdf.AddPage()
		}
		x, y := 18.0+float64(i%2)*130, 10.0+float64(i/2%2)*95
		pdf.SetFont(fonts.Bold.Family(), "", 12)
		pdf.Text(x+4, y+18, fmt.Sprintf("Clue %d: checkout latency is climbing 결제 지연 증가", i))
		pdf.SetFont(fonts.Regular.Family(), "", 10)
		pdf.SetXY(x+4, y+22)
		pdf.MultiCell(90, 4.5, "Support reports slow checkouts in Germany and France. Seven tickets in five minutes, all from the same region.", "", "L", false)
		pdf.SetFont(fonts.Mono.Family(), "", 7)
		for l := 0; l < 5; l++ {
			pdf.Text(x+4, y+50+float64(l)*3, fmt.Sprintf("time=2026-03-10T09:0%d:14+01:00 level=error msg=\"upstream timeout\" n=%d", l, i))
		}
		pdf.MoveTo(x+4, y+85)
		for p := 1; p < 30; p++ {
			pdf.LineTo(x+4+float64(p)*3, y+85-float64((p*7+i)%11))
		}
		pdf.DrawPath("D")
		m := 20.0 / float64(len(bits)-8)
		for r, row := range bits {
			for c, dark := range row {
				if dark {
					pdf.MoveTo(x+100+float64(c)*m, y+20+float64(r)*m)
					pdf.LineTo(x+100+float64(c+1)*m, y+20+float64(r)*m)
					pdf.LineTo(x+100+float64(c+1)*m, y+20+float64(r+1)*m)
					pdf.LineTo(x+100+float64(c)*m, y+20+float64(r+1)*m)
					pdf.ClosePath()
				}
			}
		}
		pdf.DrawPath("F")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func BenchmarkFloor(b *testing.B) {
	for _, n := range []int{100, 500, 1000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			floorFonts() // loaded before the clock starts, as before
			for b.Loop() {
				floor(n)
			}
		})
	}
}

// BenchmarkBuild is a whole build of a synthetic scenario (all five decks,
// written to disk), with its ratio to the floor for the same N.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 500, 1000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			src := examples.Synthetic(n)
			dir := b.TempDir()
			var floorTime time.Duration
			runs := 0
			floorFonts()
			for b.Loop() {
				buildAll(b, src, dir)
				b.StopTimer()
				start := time.Now()
				floor(n)
				floorTime += time.Since(start)
				runs++
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed())/float64(floorTime), "x-floor")
		})
	}
}

// BenchmarkExample is the shipped example, the everyday case.
func BenchmarkExample(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		code := run(context.Background(), []string{"propdeck", "build", "eu-db-latency", "-o", dir}, &bytes.Buffer{}, &bytes.Buffer{})
		if code != 0 {
			b.Fatal("build failed")
		}
	}
}

// snapshotScenario has n clues of one kind: "log", "metric" or "plain".
func snapshotScenario(b *testing.B, kind string, n int) *scenarios.Session {
	s, err := scenarios.Parse("synthetic.toml", []byte(examples.Synthetic(5*n)), rules.DirSource("."), nil)
	if err != nil {
		b.Fatal(err)
	}
	var keep []written.Clue
	for _, c := range s.Clues() {
		if (kind == "plain" && c.Log == nil && c.Metric == nil) || c.Kind == kind {
			keep = append(keep, c)
		}
	}
	return s.Edited(func(w *written.Scenario) { w.Clues = keep[:n] })
}

// BenchmarkSnapshots generates and draws 100 log and 100 metric snapshots,
// beside 200 plain clue cards for comparison: snapshot drawing must not
// dominate a deck.
func BenchmarkSnapshots(b *testing.B) {
	for _, tc := range []struct {
		name  string
		kinds map[string]int
	}{
		{"100-logs-100-metrics", map[string]int{"log": 100, "metric": 100}},
		{"200-plain", map[string]int{"plain": 200}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var s *scenarios.Session
			for _, kind := range []string{"log", "metric", "plain"} {
				if n := tc.kinds[kind]; n > 0 {
					part := snapshotScenario(b, kind, n)
					if s == nil {
						s = part
					} else {
						s = s.Edited(func(w *written.Scenario) { w.Clues = append(w.Clues, part.Clues()...) })
					}
				}
			}
			for b.Loop() {
				cards.ForgetQRCodes()
				d, err := documents.Clues(s, documents.DefaultOptions())
				if err != nil {
					b.Fatal(err)
				}
				if _, err := render.PDFs(context.Background(), []*draw.Deck{d}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
