package export

import (
	"context"
	"fmt"
	"image"
	imgpng "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/parallel"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/testenv"
)

// maxDiff is how far a renderer's picture of an SVG may stray from the
// PNG backend's: the share of pixels whose grey differs by more than
// diffGrey. Antialiasing alone moves an edge pixel by less than that; a
// substituted font, a line run past the card's edge or a missing glyph
// moves whole words.
const (
	maxDiff  = 0.01
	diffGrey = 64
	compDPI  = 100
)

// TestSVGsLookTheSameEverywhere: every SVG export writes by default
// (outlined text), of every shipped example and of the accented letters'
// scenario, drawn by librsvg and by Chromium, stays within maxDiff of the
// PNG of the same card. Korean cards are among them.
func TestSVGsLookTheSameEverywhere(t *testing.T) {
	rsvg := testenv.Need(t, "rsvg-convert")
	chrome := testenv.Need(t, "chromium")
	var list []*scenarios.Scenario
	for _, e := range examples.Examples() {
		if raced && e.Name != "eu-db-latency" && e.Name != "dns-change-ko" {
			continue // one English and one Korean example drive the concurrent export under -race
		}
		s, err := examples.LoadExample(e.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		list = append(list, s)
	}
	s, err := scenarios.Load("../../testdata/accents.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	list = append(list, s)
	var seen sync.Map // an SVG's bytes -> true once a subtest draws it
	browser := sharedChromium(t, chrome)
	for _, s := range list {
		t.Run(s.Scenario.ID, func(t *testing.T) {
			t.Parallel()
			compareRenderers(t, s, rsvg, browser, &seen)
		})
	}
}

// sharedChromium starts one headless Chromium for the test, in which each
// subtest opens a tab, and ends it when they are done: a browser started
// for each example, with its helper processes, cost more than all the
// drawing it did.
func sharedChromium(t *testing.T, path string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("force-device-scale-factor", "1"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() }) // after the parallel subtests
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return ctx
}

// unseen keeps the SVGs (and their PNGs) that no other subtest drew:
// the backs that every clue shares, and the cards examples share, are
// the same bytes, and drawing them again checks nothing new.
func unseen(seen *sync.Map, svgs, pngs []output.File) ([]output.File, []output.File) {
	var s, p []output.File
	for i, f := range svgs {
		if _, dup := seen.LoadOrStore(string(f.Data), true); !dup {
			s, p = append(s, f), append(p, pngs[i])
		}
	}
	return s, p
}

func compareRenderers(t *testing.T, s *scenarios.Scenario, rsvg string, browser context.Context, seen *sync.Map) {
	all, err := cards.AllCards(s, cards.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	svgs, err := Files(ctx, s.Scenario.ID, all, "svg", render.Settings{Outlines: true})
	if err != nil {
		t.Fatal(err)
	}
	pngs, err := Files(ctx, s.Scenario.ID, all, "png", render.Settings{DPI: compDPI})
	if err != nil {
		t.Fatal(err)
	}
	total := len(svgs)
	svgs, pngs = unseen(seen, svgs, pngs)
	dir := t.TempDir()
	for _, f := range svgs {
		writeTestFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	want := make([]image.Image, len(pngs))
	for i, f := range pngs {
		want[i] = decodePNG(t, f.Data)
	}
	byLibrsvg := librsvgAll(t, rsvg, dir, svgs)
	byChromium := chromiumAll(t, browser, dir, svgs, want)
	worst := map[string]float64{}
	for i, f := range svgs {
		for name, got := range map[string]image.Image{"librsvg": byLibrsvg[i], "chromium": byChromium[i]} {
			d := differs(want[i], got)
			worst[name] = max(worst[name], d)
			if d > maxDiff {
				t.Errorf("%s in %s: %.2f%% of pixels differ from the PNG (at most %.1f%%)", f.Name, name, d*100, maxDiff*100)
			}
		}
	}
	t.Logf("%d SVGs, %d drawn by another subtest already; worst: librsvg %.2f%%, chromium %.2f%%", total, total-len(svgs), worst["librsvg"]*100, worst["chromium"]*100)
}

// librsvgAll draws each SVG with rsvg-convert at the PNG's resolution.
func librsvgAll(t *testing.T, rsvg, dir string, svgs []output.File) []image.Image {
	out, errs := parallel.Map(context.Background(), len(svgs), func(i int) (image.Image, error) {
		name := filepath.Join(dir, svgs[i].Name)
		data, err := exec.Command(rsvg, "-d", fmt.Sprint(compDPI), "-p", fmt.Sprint(compDPI), "-b", "white", name).Output()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", svgs[i].Name, err)
		}
		return imgpng.Decode(strings.NewReader(string(data)))
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// chromiumAll draws every SVG in one page of a tab of the shared browser,
// each as an image at the PNG's size in a grid, takes one screenshot and
// cuts it up.
func chromiumAll(t *testing.T, browser context.Context, dir string, svgs []output.File, want []image.Image) []image.Image {
	const cols = 8
	if len(svgs) == 0 {
		return nil
	}
	var page strings.Builder
	page.WriteString(`<!doctype html><body style="margin:0;background:#fff">`)
	cell := image.Point{}
	for _, w := range want {
		cell.X, cell.Y = max(cell.X, w.Bounds().Dx()), max(cell.Y, w.Bounds().Dy())
	}
	at := make([]image.Point, len(svgs))
	for i, f := range svgs {
		at[i] = image.Pt(i%cols*cell.X, i/cols*cell.Y)
		b := want[i].Bounds()
		fmt.Fprintf(&page, `<img src="%s" style="position:absolute;left:%dpx;top:%dpx;width:%dpx;height:%dpx">`, f.Name, at[i].X, at[i].Y, b.Dx(), b.Dy())
	}
	writeTestFile(t, filepath.Join(dir, "all.html"), []byte(page.String()))
	w, h := cols*cell.X, (len(svgs)+cols-1)/cols*cell.Y
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	// Navigate returns at the page's load event, which waits for its images.
	err := chromedp.Do(tab, chromedp.EmulateViewport(int64(w), int64(h)), chromedp.Navigate("file://"+filepath.Join(dir, "all.html")))
	var data []byte
	if err == nil {
		data, err = chromedp.Run(tab, chromedp.CaptureScreenshot())
	}
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	sheet := decodePNG(t, data)
	if b := sheet.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Fatalf("chromium's screenshot is %v, the page %dx%d", b, w, h)
	}
	out := make([]image.Image, len(svgs))
	for i := range svgs {
		r := want[i].Bounds().Add(at[i])
		out[i] = sheet.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(r)
	}
	return out
}

// differs is the share of pixels of want whose grey is more than diffGrey
// away from every pixel of got's around the same place (itself and its 8
// neighbours); a pixel got lacks counts as white. The neighbours forgive
// the half-pixel an edge may sit apart in two rasterisers, which along the
// long edges of a large headline is more than 1.5% of a card; a missing or
// substituted glyph is still a whole word of pixels.
func differs(want, got image.Image) float64 {
	a, b := greys(want), greys(got)
	at := func(x, y int) int {
		if x < 0 || y < 0 || x >= b.w || y >= b.h {
			return 255
		}
		return int(b.v[y*b.w+x])
	}
	n := 0
	for y := range a.h {
		for x := range a.w {
			g := int(a.v[y*a.w+x])
			near := false
			for dy := -1; dy <= 1 && !near; dy++ {
				for dx := -1; dx <= 1 && !near; dx++ {
					h := at(x+dx, y+dy)
					near = g-h <= diffGrey && h-g <= diffGrey
				}
			}
			if !near {
				n++
			}
		}
	}
	return float64(n) / float64(a.w*a.h)
}

// plane is an image's grey values, row by row: read once, since the
// comparison looks at each pixel nine times.
type plane struct {
	w, h int
	v    []uint8
}

func greys(img image.Image) plane {
	r := img.Bounds()
	p := plane{w: r.Dx(), h: r.Dy(), v: make([]uint8, r.Dx()*r.Dy())}
	for y := range p.h {
		for x := range p.w {
			p.v[y*p.w+x] = uint8(greyAt(img, r.Min.X+x, r.Min.Y+y))
		}
	}
	return p
}

// greyAt is grey, read straight from the pixels of the two kinds the PNG
// decoder and the sheet's cuts give (At's colour values, one allocation
// each, were a third of the package's time), with the same arithmetic as
// their RGBA methods.
func greyAt(img image.Image, x, y int) int {
	switch m := img.(type) {
	case *image.RGBA:
		i := m.PixOffset(x, y)
		return weigh(uint32(m.Pix[i])*0x101, uint32(m.Pix[i+1])*0x101, uint32(m.Pix[i+2])*0x101)
	case *image.NRGBA:
		i := m.PixOffset(x, y)
		a := uint32(m.Pix[i+3])
		return weigh(uint32(m.Pix[i])*0x101*a/0xff, uint32(m.Pix[i+1])*0x101*a/0xff, uint32(m.Pix[i+2])*0x101*a/0xff)
	}
	return grey(img, x, y)
}

func grey(img image.Image, x, y int) int {
	r, g, b, _ := img.At(x, y).RGBA()
	return weigh(r, g, b)
}

func weigh(r, g, b uint32) int { return int(299*r+587*g+114*b) / 1000 >> 8 }

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := imgpng.Decode(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func writeTestFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGreyAtIsGrey: the direct reading of pixels gives what At gives.
func TestGreyAtIsGrey(t *testing.T) {
	t.Parallel()
	r := image.Rect(3, 5, 9, 8)
	rgba, nrgba := image.NewRGBA(r), image.NewNRGBA(r)
	for i := range rgba.Pix {
		rgba.Pix[i], nrgba.Pix[i] = uint8(i*37), uint8(i*53+11)
	}
	for _, img := range []image.Image{rgba, nrgba, rgba.SubImage(image.Rect(4, 6, 8, 8)), nrgba.SubImage(image.Rect(4, 6, 8, 8))} {
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				if got, want := greyAt(img, x, y), grey(img, x, y); got != want {
					t.Fatalf("%T at %d,%d: %d, At gives %d", img, x, y, got, want)
				}
			}
		}
	}
}
