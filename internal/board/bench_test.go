package board

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// BenchmarkBoard writes the three Excalidraw boards of a generated
// scenario of 100 and 1,000 clues to nowhere, and reports the peak heap
// seen while they are written (the goal: flat in the clues) and the
// output's bytes per clue:
//
//	go test -run '^$' -bench Board -benchtime 1x ./internal/board
func BenchmarkBoard(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("clues=%d", n), func(b *testing.B) {
			s, err := scenarios.Parse("synthetic.toml", []byte(examples.Synthetic(n)), rules.DirSource("."), nil)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			var peak heapPeak
			for b.Loop() {
				err := Write(context.Background(), s, "excalidraw", func(_ string, write func(io.Writer) error) error {
					return write(&peak)
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak.max)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak.written)/float64(b.N)/float64(n), "out-B/clue")
		})
	}
}

// heapPeak discards what is written to it, and reads the heap in use
// every megabyte: a board's peak is while its files are written, the
// images drawn one by one.
type heapPeak struct {
	written, next int64
	max           uint64
}

func (h *heapPeak) Write(p []byte) (int, error) {
	h.written += int64(len(p))
	if h.written >= h.next {
		h.next = h.written + 1<<20
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.max = max(h.max, m.HeapInuse)
	}
	return len(p), nil
}
