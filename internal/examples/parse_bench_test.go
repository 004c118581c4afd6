package examples

import (
	"fmt"
	"testing"

	"github.com/propdeck/propdeck/internal/scenarios"
)

// BenchmarkParse decodes, checks and resolves a generated scenario: the
// format side's whole cost before any card is drawn.
func BenchmarkParse(b *testing.B) {
	for _, n := range []int{500, 5000} {
		src := []byte(Synthetic(n))
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := scenarios.Parse("synthetic.toml", src, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
