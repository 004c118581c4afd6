// Package fonts holds the embedded TrueType faces propdeck prints with, and
// measures text with them so that layout needs no PDF library.
//
// The faces are NanumGothic (regular, bold) and NanumGothicCoding (monospace)
// from Debian's fonts-nanum, under the SIL Open Font License 1.1 (see the
// LICENSE files beside them). They cover Latin and Hangul.
package fonts

import (
	_ "embed"
	"fmt"
	"sync"
	"unicode/utf8"
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

// Family is the name a face is registered under in a PDF.
// PostScriptName is the face's name in the font itself, as a PDF names it.
func (f Face) PostScriptName() string {
	switch f {
	case Bold:
		return "NanumGothicBold"
	case Mono:
		return "NanumGothicCoding"
	}
	return "NanumGothic"
}

func (f Face) Family() string {
	switch f {
	case Bold:
		return "nanumgothic-bold"
	case Mono:
		return "nanumgothiccoding"
	}
	return "nanumgothic"
}

func (f Face) String() string {
	switch f {
	case Bold:
		return "bold"
	case Mono:
		return "mono"
	}
	return "regular"
}

// TTF returns the embedded font file of a face.
func (f Face) TTF() []byte {
	switch f {
	case Bold:
		return boldTTF
	case Mono:
		return monoTTF
	}
	return regularTTF
}

var (
	once   [3]sync.Once
	parsed [3]*metrics
	errs   [3]error
)

// metricsOf parses each face once per process: the files are megabytes and
// every card measures hundreds of strings.
func metricsOf(f Face) *metrics {
	once[f].Do(func() {
		parsed[f], errs[f] = parseTTF(f.TTF())
	})
	if errs[f] != nil {
		// The files are embedded at build time; a broken one is a build defect.
		panic(fmt.Sprintf("embedded font %s: %v", f.Family(), errs[f]))
	}
	return parsed[f]
}

// Check parses a font file the way propdeck would embed it, so a font that
// fpdf would mishandle is refused with a reason.
func Check(ttf []byte) error {
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
	return metricsOf(f).bmp[r] != 0
}

// Width returns the width of s in millimetres at size points.
func (f Face) Width(s string, size float64) float64 {
	m := metricsOf(f)
	var units float64
	for _, r := range s {
		units += m.width(r)
	}
	return units / m.unitsPerEm * size * PtToMM
}

// RuneWidth returns the width of one rune in millimetres at size points.
func (f Face) RuneWidth(r rune, size float64) float64 {
	m := metricsOf(f)
	return m.width(r) / m.unitsPerEm * size * PtToMM
}

// Ascent is the height above the baseline of the tallest glyphs, in mm.
func (f Face) Ascent(size float64) float64 {
	m := metricsOf(f)
	return m.ascent / m.unitsPerEm * size * PtToMM
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
