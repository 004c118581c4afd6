// Package fonts holds the embedded TrueType faces propdeck prints with, and
// measures text with them so that layout needs no PDF library.
//
// The faces are NanumGothic (regular, bold) and NanumGothicCoding (monospace)
// from Debian's fonts-nanum, under the SIL Open Font License 1.1, for Latin
// and Hangul; each falls back to the Latin part of a DejaVu face (Debian's
// fonts-dejavu-core, made by ./mkfallback) for the accented letters Nanum
// lacks. See the LICENSE files beside them.
package fonts

import (
	_ "embed"
	"sync"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/text"
)

// Face names one of the three embedded faces.
type Face int

const (
	Regular Face = iota
	Bold
	Mono
)

// All lists every face, in registration order.
var All = []Face{Regular, Bold, Mono}

var (
	//go:embed NanumGothic.ttf
	regularTTF []byte
	//go:embed NanumGothicBold.ttf
	boldTTF []byte
	//go:embed NanumGothicCoding.ttf
	monoTTF []byte
)

// PtToMM converts typographic points to millimetres.
const PtToMM = 25.4 / 72

// Font is one embedded font file: each face prints with its Nanum font, and
// with a DejaVu fallback for the Latin letters Nanum lacks (Müller, Łódź).
type Font int

// The font files, primaries first, then each face's fallback in the same
// order.
const (
	nanumRegular Font = iota
	nanumBold
	NanumMono
	dejaVuRegular
	dejaVuBold
	DejaVuMono
)

// Fonts lists every font file, in registration order.
var Fonts = []Font{nanumRegular, nanumBold, NanumMono, dejaVuRegular, dejaVuBold, DejaVuMono}

var (
	//go:embed DejaVuSans-Latin.ttf
	dejaVuTTF []byte
	//go:embed DejaVuSans-Bold-Latin.ttf
	dejaVuBoldTTF []byte
	//go:embed DejaVuSansMono-Latin.ttf
	dejaVuMonoTTF []byte
)

var fontFiles = [...]struct {
	ttf            *[]byte
	family, psName string
}{
	nanumRegular:  {&regularTTF, "nanumgothic", "NanumGothic"},
	nanumBold:     {&boldTTF, "nanumgothic-bold", "NanumGothicBold"},
	NanumMono:     {&monoTTF, "nanumgothiccoding", "NanumGothicCoding"},
	dejaVuRegular: {&dejaVuTTF, "dejavusans", "DejaVuSans"},
	dejaVuBold:    {&dejaVuBoldTTF, "dejavusans-bold", "DejaVuSans-Bold"},
	DejaVuMono:    {&dejaVuMonoTTF, "dejavusansmono", "DejaVuSansMono"},
}

// has reports whether this font file alone has a glyph for r.
func (f Font) has(r rune) bool { return r >= 0 && r <= 0xFFFF && metricsOf(f).bmp[r] != 0 }

// String names the font file.
func (f Font) String() string { return fontFiles[f].psName }

// Family is the name a font is registered under in a PDF.
func (f Font) Family() string { return fontFiles[f].family }

// PostScriptName is the font's name in the font itself, as a PDF names it.
func (f Font) PostScriptName() string { return fontFiles[f].psName }

// TTF returns the embedded font file.
func (f Font) TTF() []byte { return *fontFiles[f].ttf }

// fallbackScale sets DejaVu's letters beside Nanum's: DejaVu Sans has an
// x-height of 0.547 em and capitals of 0.729 em against Nanum Gothic's
// 0.500 and 0.700 (OS/2 and the glyphs' own outlines), and heavier stems,
// so that "Łódź" at one size printed visibly bolder and taller than the
// word beside it. At 0.93 of the size its x-height is within 2% and its
// capitals within 3% of Nanum's, and its stems thin by as much.
const fallbackScale = 0.93

// Scale is the size a font is set at, as a share of the size asked for:
// 1 for Nanum, less for the DejaVu fallback.
func (f Font) Scale() float64 {
	// Not the monospace one: a smaller letter would be a narrower cell,
	// and a log's columns would no longer line up.
	if f == dejaVuRegular || f == dejaVuBold {
		return fallbackScale
	}
	return 1
}

// Primary is the Nanum font of a face, which prints Hangul and most Latin.
func (f Face) Primary() Font { return Font(f) }

// Fallback is the font of a face for the Latin letters its Nanum font lacks.
func (f Face) Fallback() Font { return Font(f) + dejaVuRegular }

// FontFor is the font that prints r in this face: Nanum where it can.
func (f Face) FontFor(r rune) Font {
	return f.fontFor(metricsOf(f.Primary()), metricsOf(f.Fallback()), r)
}

// fontFor is FontFor's rule with the face's two fonts' metrics given, so
// that Runs looks them up once a string, not twice a rune: every string
// of a deck is split there, twice.
func (f Face) fontFor(prim, fb *metrics, r rune) Font {
	if r >= 0 && r <= 0xFFFF && prim.bmp[r] == 0 && fb.bmp[r] != 0 {
		return f.Fallback()
	}
	return f.Primary()
}

// Run is a stretch of text printed with one font.
type Run struct {
	Font Font
	Text string
}

// Runs splits s into stretches of one font each, in order.
func (f Face) Runs(s string) []Run {
	var out []Run
	start := 0
	cur := Font(-1)
	prim, fb := metricsOf(f.Primary()), metricsOf(f.Fallback())
	for i, r := range s {
		ft := f.fontFor(prim, fb, r)
		if ft != cur && i > start {
			out = append(out, Run{cur, s[start:i]})
			start = i
		}
		cur = ft
	}
	if start < len(s) {
		out = append(out, Run{cur, s[start:]})
	}
	return out
}

// Family is the name a face's primary font is registered under in a PDF.
func (f Face) Family() string { return f.Primary().Family() }

func (f Face) String() string {
	switch f {
	case Bold:
		return "bold"
	case Mono:
		return "mono"
	}
	return "regular"
}

// TTF returns the embedded file of the face's primary font.
func (f Face) TTF() []byte { return f.Primary().TTF() }

var (
	once   [6]sync.Once
	parsed [6]*metrics
	errs   [6]error
)

// metricsOf parses each font once per process: the files are megabytes and
// every card measures hundreds of strings.
func metricsOf(f Font) *metrics {
	once[f].Do(func() {
		parsed[f], errs[f] = parseTTF(f.TTF())
	})
	if errs[f] != nil {
		// The files are embedded at build time; a broken one is a build defect.
		panic(text.M("font-embedded", "font", f.Family(), "err", errs[f]).String())
	}
	return parsed[f]
}

// check parses a font file the way propdeck would embed it, so a font that
// fpdf would mishandle is refused with a reason.
func check(ttf []byte) error {
	_, err := parseTTF(ttf)
	return err
}

// Covers reports whether the face can print r. Runes outside the Basic
// Multilingual Plane are refused: the PDF writer cannot embed them.
func (f Face) Covers(r rune) bool {
	if r < 0 || r > 0xFFFF || r == utf8.RuneError {
		return false
	}
	if r == ' ' || r == '\n' || r == '\t' {
		return true
	}
	return metricsOf(f.Primary()).bmp[r] != 0 || metricsOf(f.Fallback()).bmp[r] != 0
}

// Width returns the width of s in millimetres at size points.
func (f Face) Width(s string, size float64) float64 {
	prim := metricsOf(f.Primary())
	var units, fallback float64 // in each font's units
	for _, r := range s {
		if r < 0 || r > 0xFFFF || prim.bmp[r] != 0 || r <= ' ' {
			units += prim.width(r)
			continue
		}
		ft := f.FontFor(r)
		if m := metricsOf(ft); m == prim {
			units += prim.width(r)
		} else {
			fallback += m.width(r) / m.unitsPerEm * ft.Scale()
		}
	}
	return (units/prim.unitsPerEm + fallback) * size * PtToMM
}

// RuneWidth returns the width of one rune in millimetres at size points.
func (f Face) RuneWidth(r rune, size float64) float64 {
	ft := f.FontFor(r)
	m := metricsOf(ft)
	return m.width(r) / m.unitsPerEm * size * ft.Scale() * PtToMM
}

// Width returns the width of s in this font alone, in millimetres, at
// size as asked for: the font sets itself at Scale of it.
func (f Font) Width(s string, size float64) float64 {
	m := metricsOf(f)
	var units float64
	for _, r := range s {
		units += m.width(r)
	}
	return units / m.unitsPerEm * size * f.Scale() * PtToMM
}

// Ascent is the height above the baseline of the tallest glyphs, in mm.
func (f Face) Ascent(size float64) float64 {
	m := metricsOf(f.Primary())
	return m.ascent / m.unitsPerEm * size * PtToMM
}

// Descent is the depth below the baseline of the deepest glyphs, in mm.
func (f Face) Descent(size float64) float64 {
	m := metricsOf(f.Primary())
	return m.descent / m.unitsPerEm * size * PtToMM
}

// FirstMissing returns the first rune of s that none of faces can print.
func FirstMissing(s string, faces ...Face) (rune, bool) {
	for _, r := range s {
		ok := false
		for _, f := range faces {
			if f.Covers(r) {
				ok = true
				break
			}
		}
		if !ok {
			return r, true
		}
	}
	return 0, false
}
