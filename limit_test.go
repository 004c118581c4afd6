package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/skip2/go-qrcode"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// The physical limit of a build is the work no program writing the same
// PDFs can skip: compressing every stream the files hold, formatting every
// number of their page contents, and computing every QR code. limitWork is
// that work and nothing else, taken from a real build's output; the build
// is measured against it in CPU time, since the build spreads its decks
// over the cores and the limit runs on one.
type limitWork struct {
	streams [][]byte  // every stream of every PDF, uncompressed
	numbers []float64 // every number of the page contents
	urls    []string  // every distinct QR code's text
}

var (
	streamRE = regexp.MustCompile(`>>\s*stream\r?\n`)
	numberRE = regexp.MustCompile(`-?[0-9]*\.?[0-9]+`)
)

func newLimitWork(b *testing.B, decks []*draw.Deck) limitWork {
	files, err := render.PDFs(context.Background(), decks)
	if err != nil {
		b.Fatal(err)
	}
	var w limitWork
	for _, f := range files {
		for _, loc := range streamRE.FindAllIndex(f.Data, -1) {
			dict := f.Data[bytes.LastIndex(f.Data[:loc[0]], []byte(" obj")):loc[0]]
			if !bytes.Contains(dict, []byte("/FlateDecode")) {
				continue
			}
			zr, err := zlib.NewReader(bytes.NewReader(f.Data[loc[1]:]))
			if err != nil {
				b.Fatal(err)
			}
			raw, err := io.ReadAll(zr)
			if err != nil {
				b.Fatal(err)
			}
			w.streams = append(w.streams, raw)
			if bytes.Contains(raw, []byte(" re")) || bytes.Contains(raw, []byte("BT ")) {
				for _, n := range numberRE.FindAll(raw, -1) {
					v, _ := strconv.ParseFloat(string(n), 64)
					w.numbers = append(w.numbers, v)
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, d := range decks {
		for _, p := range d.Pages {
			collectQR(draw.GroupOp{Ops: p.Ops}, seen, &w.urls)
		}
	}
	return w
}

func collectQR(g draw.GroupOp, seen map[string]bool, urls *[]string) {
	for _, op := range g.Ops {
		switch op := op.(type) {
		case draw.GroupOp:
			collectQR(op, seen, urls)
		case draw.QROp:
			if !seen[op.URL] {
				seen[op.URL] = true
				*urls = append(*urls, op.URL)
			}
		}
	}
}

// do is the limit: one reused compressor at fpdf's level, the fastest
// number formatting at the PDF's two decimals, one QR encoding a code.
func (w limitWork) do(zw *zlib.Writer, buf *bytes.Buffer) {
	for _, s := range w.streams {
		buf.Reset()
		zw.Reset(buf)
		zw.Write(s)
		zw.Close()
	}
	num := buf.AvailableBuffer()
	for _, v := range w.numbers {
		num = strconv.AppendFloat(num[:0], v, 'f', 2, 64)
	}
	for _, u := range w.urls {
		q, err := qrcode.New(u, qrcode.Medium)
		if err != nil {
			panic(err)
		}
		q.Bitmap()
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLimit measures the limit for N clues, and a whole build's CPU
// time (all decks, written to disk) as a multiple of it (x-limit).
//
//	go test -run '^$' -bench Limit -benchtime 5x .
func BenchmarkLimit(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			src := examples.Synthetic(n)
			s, err := scenarios.Parse("synthetic.toml", []byte(src), rules.DirSource("."), nil)
			if err != nil {
				b.Fatal(err)
			}
			decks, err := documents.Build(s, documents.DefaultOptions())
			if err != nil {
				b.Fatal(err)
			}
			w := newLimitWork(b, decks)
			zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
			var buf bytes.Buffer
			dir := b.TempDir()
			var limit, build time.Duration
			for b.Loop() {
				start := cpuTime()
				w.do(zw, &buf)
				limit += cpuTime() - start
				b.StopTimer()
				start = cpuTime()
				buildAll(b, src, dir)
				build += cpuTime() - start
				b.StartTimer()
			}
			b.ReportMetric(float64(limit.Milliseconds())/float64(b.N), "limit-cpu-ms")
			b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-cpu-ms")
			b.ReportMetric(float64(build)/float64(limit), "x-limit")
			b.ReportMetric(float64(len(w.streams)), "streams")
			b.ReportMetric(float64(len(w.numbers)), "numbers")
			b.ReportMetric(float64(len(w.urls)), "qr-codes")
		})
	}
}
