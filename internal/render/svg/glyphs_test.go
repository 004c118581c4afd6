package svg

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/testenv"
)

// TestGlyphsDrawWhatOutlinesDraw: a page of Latin, Hangul, kerned pairs,
// bold and monospace text, drawn with shared glyphs and with a path a
// line, rasterised by librsvg, puts ink on the same pixels: the shared
// outlines are the same letters in the same places, at every size.
func TestGlyphsDrawWhatOutlinesDraw(t *testing.T) {
	t.Parallel()
	rsvg := testenv.Need(t, "rsvg-convert")
	page := &draw.Page{Size: draw.Size{W: 120, H: 40}, Ops: []draw.Op{
		draw.TextOp{X: 4, Y: 10, Face: fonts.Regular, Size: 14, Color: draw.Black, Text: "AV Wa Ty 결제 지연 증가"},
		draw.TextOp{X: 4, Y: 22, Face: fonts.Bold, Size: 9, Color: draw.Black, Text: "Clue 76: checkout latency 고객센터"},
		draw.TextOp{X: 4, Y: 32, Face: fonts.Mono, Size: 7, Color: draw.Black, Text: `c0010 {"p99": 1.2s} 오류`},
	}}
	ink := func(text Text) *image.Gray {
		data, err := Render(page, text)
		if err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(t.TempDir(), "page.svg")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(rsvg, "-w", "1200", in).Output()
		if err != nil {
			t.Fatalf("rsvg-convert: %v", err)
		}
		img, err := png.Decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		g := image.NewGray(img.Bounds())
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				g.Set(x, y, img.At(x, y))
			}
		}
		return g
	}
	a, b := ink(Outlines), ink(Glyphs)
	inked, differ := 0, 0
	for i := range a.Pix {
		if a.Pix[i] < 128 {
			inked++
		}
		if d := int(a.Pix[i]) - int(b.Pix[i]); d > 64 || d < -64 {
			differ++
		}
	}
	if inked < 2000 {
		t.Fatalf("only %d pixels inked: the check sees nothing", inked)
	}
	if differ*200 > inked {
		t.Errorf("%d of %d inked pixels differ between Glyphs and Outlines", differ, inked)
	}
}
