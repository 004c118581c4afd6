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
	"github.com/propdeck/propdeck/internal/draw"
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

// TestSVGsLookTheSameEverywhere: the SVGs export writes by default
// (outlined text), of every shipped example and of the accented letters'
// scenario, drawn by librsvg and by Chromium, stay within maxDiff of the
// PNG of the same card. Korean cards are among them. The faces drawn are
// a cover of every drawing path (see paths): each kind of operation as
// each backend branches on it, each font at each size, and each glyph of
// each font that any face prints, all of them at least once; the other
// faces repeat those paths and drawing them again checks nothing new.
// The 174 faces of the cover find the same worst differences (0.60% in
// librsvg, 0.54% in Chromium) as drawing all 749 distinct faces did, at
// a fifth of the CPU (the package took 72 s, now 17 s).
func TestSVGsLookTheSameEverywhere(t *testing.T) {
	rsvg := testenv.Need(t, "rsvg-convert")
	chrome := testenv.Need(t, "chromium")
	var list []*scenarios.Session
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
	var all []cards.Card
	for _, s := range list {
		all = append(all, facesOf(t, s)...)
	}
	chosen, union := cover(t, all)
	browser := sharedChromium(t, chrome)
	compareRenderers(t, chosen, rsvg, browser)
	t.Logf("%d faces, %d drawing paths; %d faces drawn cover them all", len(all), len(union), len(chosen))
}

// facesOf is every face of every card of a scenario as a card of its own
// with no back, named for its scenario, card and side.
func facesOf(t *testing.T, s *scenarios.Session) []cards.Card {
	t.Helper()
	list, err := cards.AllCards(s, cards.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	var out []cards.Card
	for _, c := range list {
		for i, p := range c.Faces() {
			name := s.Meta().ID + "-" + c.Name
			if i == 1 {
				name += "-back"
			}
			out = append(out, cards.Card{ID: c.ID, Kind: c.Kind, Name: name, Size: c.Size, Front: draw.Frame{Size: c.Size, Ops: p.Ops}})
		}
	}
	return out
}

// cover picks faces, greedily the one that adds the most paths not yet
// drawn, until the faces picked draw every path that any face draws; it
// returns them and that set of paths.
func cover(t *testing.T, all []cards.Card) ([]cards.Card, map[string]bool) {
	t.Helper()
	sets := make([]map[string]bool, len(all))
	union := map[string]bool{}
	for i, c := range all {
		sets[i] = map[string]bool{}
		paths(t, c.Front.Ops, "", sets[i])
		for k := range sets[i] {
			union[k] = true
		}
	}
	drawn := map[string]bool{}
	var chosen []cards.Card
	for len(drawn) < len(union) {
		best, gain := -1, 0
		for i, set := range sets {
			n := 0
			for k := range set {
				if !drawn[k] {
					n++
				}
			}
			if n > gain {
				best, gain = i, n
			}
		}
		for k := range sets[best] {
			drawn[k] = true
		}
		chosen = append(chosen, all[best])
	}
	return chosen, union
}

// paths adds to set what the backends branch on for each operation: its
// type, whether it fills, strokes, dashes, clips or scales, how deep in
// groups it is, the fonts of a line's runs with the line's size (a large
// headline's long edges are where the rasterisers part most), and each
// glyph a font prints.
// An operation type it does not know fails the test, so that a new one
// cannot go undrawn (TestPathsKnowEveryOperation).
func paths(t *testing.T, ops []draw.Op, in string, set map[string]bool) {
	t.Helper()
	for _, op := range ops {
		switch o := op.(type) {
		case draw.GroupOp:
			set[fmt.Sprintf("%sgroup clip=%v scaled=%v", in, o.Clip != nil, o.Scale != 0 && o.Scale != 1)] = true
			paths(t, o.Ops, in+"in a group: ", set)
		case draw.TextOp:
			for _, run := range o.Face.Runs(o.Text) {
				set[fmt.Sprintf("%stext %v %.1fpt", in, run.Font, o.Size)] = true
				for _, r := range run.Text {
					set[fmt.Sprintf("glyph %v %q", run.Font, r)] = true
				}
			}
		case draw.RectOp:
			set[in+"rect "+paint(o.Fill, o.Pen)] = true
		case draw.LineOp:
			set[in+"line "+paint(nil, &o.Pen)] = true
		case draw.PolygonOp:
			set[in+"polygon "+paint(o.Fill, o.Pen)] = true
		case draw.QROp:
			set[in+"qr"] = true
		case draw.LinkOp:
			set[in+"link"] = true
		default:
			t.Fatalf("paths: no path for %T", op)
		}
	}
}

func paint(fill *draw.Color, pen *draw.Pen) string {
	return fmt.Sprintf("fill=%v pen=%v dash=%v", fill != nil, pen != nil, pen != nil && len(pen.Dash) > 0)
}

// TestPathsKnowEveryOperation: paths names every operation type.
func TestPathsKnowEveryOperation(t *testing.T) {
	t.Parallel()
	set := map[string]bool{}
	paths(t, draw.OpSamples(), "", set)
	if len(set) < len(draw.OpSamples()) {
		t.Errorf("%d paths for %d operation types", len(set), len(draw.OpSamples()))
	}
}

// sharedChromium starts one headless Chromium for the test, in which the
// comparison opens a tab, and ends it when the test is done.
func sharedChromium(t *testing.T, path string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("force-device-scale-factor", "1"))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return ctx
}

// compareRenderers draws the faces as SVG and PNG through the concurrent
// export, then each SVG with librsvg and Chromium at once, and holds each
// drawing to its PNG.
func compareRenderers(t *testing.T, faces []cards.Card, rsvg string, browser context.Context) {
	ctx := context.Background()
	svgs, err := Files(ctx, "cmp", faces, "svg", render.Settings{Outlines: true})
	if err != nil {
		t.Fatal(err)
	}
	pngs, err := Files(ctx, "cmp", faces, "png", render.Settings{DPI: compDPI})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range svgs {
		writeTestFile(t, filepath.Join(dir, f.Name), f.Data)
	}
	want := make([]image.Image, len(pngs))
	for i, f := range pngs {
		want[i] = decodePNG(t, f.Data)
	}
	var byChromium []image.Image
	var wg sync.WaitGroup
	wg.Go(func() { byChromium = chromiumAll(t, browser, dir, svgs, want) })
	byLibrsvg := librsvgAll(t, rsvg, dir, svgs)
	wg.Wait()
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
	t.Logf("worst: librsvg %.2f%%, chromium %.2f%%", worst["librsvg"]*100, worst["chromium"]*100)
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
