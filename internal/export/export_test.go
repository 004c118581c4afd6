package export

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	imgpng "image/png"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/render/pdf"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/render/png"
	"github.com/propdeck/propdeck/internal/render/svg"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// TestEveryBackendDrawsEveryOperation: PDF, PNG and SVG each handle one
// operation of every type (draw.OpSamples), so none fails at run time.
func TestEveryBackendDrawsEveryOperation(t *testing.T) {
	seen := map[reflect.Type]bool{}
	d := &draw.Deck{Name: "ops", Title: "ops"}
	p := d.AddPage(layouts.Size{W: 40, H: 30})
	for _, op := range draw.OpSamples() {
		seen[reflect.TypeOf(op)] = true
		p.Ops = append(p.Ops, op)
	}
	if len(seen) != len(draw.OpSamples()) {
		t.Errorf("OpSamples repeats a type")
	}
	if _, err := pdf.Render(d); err != nil {
		t.Errorf("pdf: %v", err)
	}
	if _, err := png.Render(p, 150); err != nil {
		t.Errorf("png: %v", err)
	}
	for _, text := range []svg.Text{svg.Live, svg.Outlines} {
		if _, err := svg.Render(p, text); err != nil {
			t.Errorf("svg %d: %v", text, err)
		}
	}
}

func exampleCards(t *testing.T, name string) (*scenarios.Session, []cards.Card) {
	t.Helper()
	s, err := examples.LoadExample(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	list, err := cards.AllCards(s, cards.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return s, list
}

// TestPNGSizesAndNames: one image per face, named in play order, exactly
// the card's size at the resolution (130x95 mm at 200 dpi is 1024x748).
func TestPNGSizesAndNames(t *testing.T) {
	s, list := exampleCards(t, "eu-db-latency")
	files, err := Files(context.Background(), s.Meta().ID, list, "png", render.Settings{DPI: 200})
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]layouts.Size{}
	faces := 0
	for _, c := range list {
		sizes[c.Name] = c.Size
		faces += len(c.Faces())
	}
	if len(files) != faces {
		t.Fatalf("%d files for %d faces", len(files), faces)
	}
	for _, f := range files {
		stem := strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(f.Name, s.Meta().ID+"-"), ".png"), "-back")
		size, ok := sizes[stem]
		if !ok {
			t.Errorf("%s: no card of that name", f.Name)
			continue
		}
		cfg, err := imgpng.DecodeConfig(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		w, h := int(size.W*200/25.4+0.5), int(size.H*200/25.4+0.5)
		if abs(cfg.Width-w) > 1 || abs(cfg.Height-h) > 1 {
			t.Errorf("%s is %dx%d, want %dx%d", f.Name, cfg.Width, cfg.Height, w, h)
		}
	}
	for _, want := range []string{"eu-db-latency-clue-010-c01.png", "eu-db-latency-clue-010-c01-back.png", "eu-db-latency-badge-ic.png", "eu-db-latency-system-orders-db.png", "eu-db-latency-complication-k1.png"} {
		found := false
		for _, f := range files {
			found = found || f.Name == want
		}
		if !found {
			t.Errorf("no %s", want)
		}
	}
	again, _ := Files(context.Background(), s.Meta().ID, list, "png", render.Settings{DPI: 200})
	for i := range files {
		if !bytes.Equal(files[i].Data, again[i].Data) {
			t.Errorf("%s differs between two exports", files[i].Name)
		}
	}
}

func abs(x int) int { return max(x, -x) }

// TestSVGsAreTextWithEveryWord: every SVG parses as XML, has the card's
// size in mm and a matching viewBox, and holds every word its card prints
// as text (Korean included), whether the text is live or kept invisible
// beside its outlines; live text embeds its fonts, outlines embed none.
func TestSVGsAreTextWithEveryWord(t *testing.T) {
	for _, outlines := range []bool{false, true} {
		for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
			t.Run(fmt.Sprint(name, outlines), func(t *testing.T) { svgHoldsEveryWord(t, name, outlines) })
		}
	}
}

func svgHoldsEveryWord(t *testing.T, name string, outlines bool) {
	{
		s, list := exampleCards(t, name)
		files, err := Files(context.Background(), s.Meta().ID, list, "svg", render.Settings{Outlines: outlines})
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		for _, c := range list {
			for _, p := range c.Faces() {
				f := files[i]
				i++
				var root struct {
					Width   string `xml:"width,attr"`
					Height  string `xml:"height,attr"`
					ViewBox string `xml:"viewBox,attr"`
				}
				if err := xml.Unmarshal(f.Data, &root); err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
				if root.Width != svgNum(c.Size.W)+"mm" || root.Height != svgNum(c.Size.H)+"mm" || root.ViewBox != "0 0 "+svgNum(c.Size.W)+" "+svgNum(c.Size.H) {
					t.Errorf("%s: width %q height %q viewBox %q", f.Name, root.Width, root.Height, root.ViewBox)
				}
				text := svgText(t, f.Data)
				for _, op := range p.Flat() {
					if o, ok := op.(draw.TextOp); ok {
						for _, w := range strings.Fields(o.Text) {
							if !strings.Contains(text, w) {
								t.Errorf("%s: word %q missing", f.Name, w)
							}
						}
					}
				}
			}
		}
		embedded := bytes.Contains(files[len(files)/2].Data, []byte("font/ttf;base64"))
		if name == "dns-change-ko" && embedded == outlines {
			t.Errorf("outlines %v, embedded font %v", outlines, embedded)
		}
	}
}

func svgNum(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// svgText is every character of text content in an SVG document.
func svgText(t *testing.T, data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
}

func TestContactSheet(t *testing.T) {
	_, list := exampleCards(t, "eu-db-latency")
	data, err := Board(list, 30)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := imgpng.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Ten clue cards of 130 mm and their gaps make a row at least 1,300 mm
	// wide: about 1,500 px at 30 dpi.
	if cfg.Width < 1400 || cfg.Height < 300 {
		t.Errorf("board is %dx%d", cfg.Width, cfg.Height)
	}
}

// TestSVGKeepsAWordInOneText: a word with letters from the fallback font
// (Łódź, Ålesund) is one <text> element, its letters <tspan>s, so that a
// search finds the word; the fallback letters are set smaller, to Nanum's
// x-height; and every font-family names a generic family after it.
func TestSVGKeepsAWordInOneText(t *testing.T) {
	s, err := scenarios.Load("../../testdata/accents.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	list, err := cards.AllCards(s, cards.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(context.Background(), s.Meta().ID, list, "svg", render.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, f := range files {
		dec := xml.NewDecoder(bytes.NewReader(f.Data))
		var text strings.Builder
		depth := 0
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			switch e := tok.(type) {
			case xml.StartElement:
				if e.Name.Local == "text" {
					depth++
					text.Reset()
				}
				for _, a := range e.Attr {
					if a.Name.Local == "font-family" && !strings.Contains(a.Value, ", ") {
						t.Errorf("%s: font-family %q has no generic fallback", f.Name, a.Value)
					}
				}
			case xml.CharData:
				if depth > 0 {
					text.Write(e)
				}
			case xml.EndElement:
				if e.Name.Local == "text" {
					depth--
					for _, w := range []string{"Łódź", "Ålesund", "Żółć"} {
						if strings.Contains(text.String(), w) {
							found[w] = true
						}
					}
				}
			}
		}
	}
	for _, w := range []string{"Łódź", "Ålesund", "Żółć"} {
		if !found[w] {
			t.Errorf("%q is not whole in any <text>", w)
		}
	}
}
