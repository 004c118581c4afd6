package render

import (
	"bytes"
	"context"
	"image"
	imgpng "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/testenv"
)

// TestDecksConcurrently draws several decks at once, as a build does; run
// with -race it proves the PDF library's fonts are not shared unsafely
// between documents.
func TestDecksConcurrently(t *testing.T) {
	var decks []*draw.Deck
	for i := 0; i < 5; i++ {
		d := &draw.Deck{Name: string(rune('a' + i)), Title: "t"}
		p := d.AddPage(draw.Size{W: 210, H: 297})
		p.Text(10, 10, fonts.Regular, 10, draw.Black, "동시에 그리기 concurrent")
		p.Text(10, 20, fonts.Mono, 8, draw.Black, "mono 로그")
		decks = append(decks, d)
	}
	files, err := PDFs(context.Background(), decks)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if f.Name != decks[i].Name+".pdf" || !bytes.HasPrefix(f.Data, []byte("%PDF-")) {
			t.Errorf("file %d: %s", i, f.Name)
		}
	}
}

// clipPage is a page with a black square, 20 mm wide, drawn in a group
// that clips it to its left half, and text after the group in the font
// the group last set: a backend must hide the right half and keep
// printing after the clip ends.
func clipPage() *draw.Page {
	black := draw.Black
	p := &draw.Page{Size: draw.Size{W: 40, H: 40}}
	p.Text(2, 4, fonts.Regular, 8, draw.Black, "before")
	p.Ops = append(p.Ops, draw.GroupOp{At: draw.Point{X: 10, Y: 10}, Scale: 2, Clip: &draw.Rect{W: 5, H: 10}, Ops: []draw.Op{
		draw.RectOp{R: draw.Rect{W: 10, H: 10}, Fill: &black},
		draw.TextOp{X: 0, Y: 3, Face: fonts.Bold, Size: 4, Color: draw.White, Text: "inside"},
	}})
	p.Text(2, 38, fonts.Bold, 8, draw.Black, "after")
	return p
}

// TestGroupsClip: every backend draws a clipped group's inside and hides
// what falls outside it, looked at in pixels.
func TestGroupsClip(t *testing.T) {
	for _, format := range []string{"pdf", "png", "svg"} {
		t.Run(format, func(t *testing.T) {
			data, err := Page(context.Background(), For(format, Settings{DPI: 254}), clipPage())
			if err != nil {
				t.Fatal(err)
			}
			img := rasterise(t, format, data)
			k := float64(img.Bounds().Dx()) / 40 // pixels per mm
			at := func(x, y float64) uint32 {
				r, _, _, _ := img.At(int(x*k), int(y*k)).RGBA()
				return r >> 8
			}
			if v := at(15, 25); v > 40 {
				t.Errorf("inside the clip is %d, want black", v)
			}
			if v := at(25, 25); v < 215 {
				t.Errorf("outside the clip is %d, want white", v)
			}
			if format == "pdf" {
				text := pdfText(t, data)
				for _, w := range []string{"before", "inside", "after"} {
					if !strings.Contains(text, w) {
						t.Errorf("%q is not in the PDF's text %q", w, text)
					}
				}
			}
		})
	}
}

// rasterise turns a backend's file into pixels with a real tool where it
// takes one: poppler for PDF, Chromium for SVG.
func rasterise(t *testing.T, format string, data []byte) image.Image {
	t.Helper()
	dir := t.TempDir()
	var png string
	switch format {
	case "png":
		png = filepath.Join(dir, "page.png")
		writeFile(t, png, data)
	case "pdf":
		tool(t, "pdftoppm")
		writeFile(t, filepath.Join(dir, "page.pdf"), data)
		run(t, "pdftoppm", "-png", "-r", "254", "-singlefile", filepath.Join(dir, "page.pdf"), filepath.Join(dir, "page"))
		png = filepath.Join(dir, "page.png")
	case "svg":
		chrome := tool(t, "chromium")
		writeFile(t, filepath.Join(dir, "page.svg"), data)
		// The page's width fills the window, so pixels per mm come from
		// the screenshot's width as for the other formats.
		writeFile(t, filepath.Join(dir, "page.html"), []byte(`<body style="margin:0"><img src="page.svg" style="display:block;width:400px;height:400px">`))
		png = filepath.Join(dir, "page.png")
		run(t, chrome, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=400,400",
			"--screenshot="+png, "file://"+filepath.Join(dir, "page.html"))
	}
	f, err := os.Open(png)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := imgpng.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func pdfText(t *testing.T, data []byte) string {
	tool(t, "pdftotext")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "p.pdf"), data)
	return run(t, "pdftotext", filepath.Join(dir, "p.pdf"), "-")
}

func writeFile(t *testing.T, name string, data []byte) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return string(out)
}

// tool finds a Debian tool a test needs: missing, the test skips on a
// developer's machine and fails under CI, which installs it.
func tool(t *testing.T, name string) string { return testenv.Need(t, name) }
