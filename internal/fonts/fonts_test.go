package fonts

import (
	"math"
	"strings"
	"testing"
)

func TestCoverage(t *testing.T) {
	for _, f := range All {
		for _, r := range []rune{'A', 'z', '0', '가', '힣', '한', '·', '-'} {
			if !f.Covers(r) {
				t.Errorf("%s does not cover %q", f, r)
			}
		}
		for _, r := range []rune{0x1F600, 0x20000, -1} {
			if f.Covers(r) {
				t.Errorf("%s claims to cover %U", f, r)
			}
		}
	}
}

func TestWidths(t *testing.T) {
	if w := Regular.Width("", 10); w != 0 {
		t.Errorf("empty width = %v", w)
	}
	a, b := Regular.Width("orders-db", 10), Regular.Width("orders-db", 20)
	if a <= 0 || b < 1.99*a || b > 2.01*a {
		t.Errorf("width does not scale with size: %v %v", a, b)
	}
	if Bold.Width("WWW", 10) < Regular.Width("WWW", 10) {
		t.Error("bold narrower than regular")
	}
	m1, m2 := Mono.Width("iiii", 10), Mono.Width("MMMM", 10)
	if m1 != m2 {
		t.Errorf("monospace face is not monospaced: %v vs %v", m1, m2)
	}
	if h := Regular.Width("한국어", 10); h <= Regular.Width("abc", 10) {
		t.Errorf("hangul narrower than latin: %v", h)
	}
}

func TestCheckRefusesOtherFormats(t *testing.T) {
	for name, data := range map[string][]byte{
		"otf":   []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"),
		"ttc":   []byte("ttcf\x00\x00\x00\x00\x00\x00\x00\x00"),
		"short": []byte("xx"),
		"junk":  []byte("this is not a font at all"),
	} {
		if err := check(data); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for _, f := range All {
		if err := check(f.TTF()); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestSubsetPrintsItsRunesLikeTheFace(t *testing.T) {
	text := []rune("장애 대응 Incident Commander 힣 ÄÖ Łódź — ·→")
	for _, f := range Fonts {
		data := f.Subset(text)
		if f < dejaVuRegular && len(data) >= len(f.TTF())/4 {
			t.Errorf("%s: subset of %d runes is %d bytes of %d", f, len(text), len(data), len(f.TTF()))
		}
		m, err := parseTTF(data)
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", f, err)
		}
		whole := metricsOf(f)
		for _, r := range append(text, 'A', '~') {
			if !f.has(r) || r == ' ' {
				continue
			}
			if m.bmp[r] == 0 {
				t.Errorf("%s: %q has no glyph in the subset", f, r)
				continue
			}
			if m.width(r) != whole.width(r) {
				t.Errorf("%s: %q is %v wide, want %v", f, r, m.width(r), whole.width(r))
			}
			sameOutline(t, f.String()+" "+string(r), whole, whole.bmp[r], m, m.bmp[r])
		}
		if m.bmp['한'] != 0 && !strings.ContainsRune(string(text), '한') {
			t.Errorf("%s: subset maps a rune it was not asked for", f)
		}
		if checksum(data) != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %#x", f, checksum(data))
		}
	}
}

// sameOutline compares glyph a of face x with glyph b of subset y: simple
// glyphs byte for byte, composites part by part under their new ids.
func sameOutline(t *testing.T, what string, x *metrics, a uint16, y *metrics, b uint16) {
	t.Helper()
	ga, gb := x.glyph(a), y.glyph(b)
	if len(gb) < len(ga) {
		t.Errorf("%s: outline shrank from %d to %d bytes", what, len(ga), len(gb))
		return
	}
	pa, pb := components(ga), components(gb[:len(ga)])
	if len(pa) != len(pb) {
		t.Errorf("%s: %d parts, want %d", what, len(pb), len(pa))
		return
	}
	masked := func(g []byte, parts []int) string {
		c := []byte(string(g))
		for _, at := range parts {
			c[at], c[at+1] = 0, 0
		}
		return string(c)
	}
	if masked(ga, pa) != masked(gb[:len(ga)], pb) {
		t.Errorf("%s: outline differs", what)
	}
	for i := range pa {
		sameOutline(t, what+" part", x, be16(ga, pa[i]), y, be16(gb, pb[i]))
	}
}

func TestSubsetKeepsCompositeParts(t *testing.T) {
	m := metricsOf(Regular.Primary())
	for r, g := range m.glyphs {
		if len(components(m.glyph(g))) == 0 {
			continue
		}
		sub, err := parseTTF(Regular.Subset([]rune{r}))
		if err != nil {
			t.Fatal(err)
		}
		sameOutline(t, string(r), m, g, sub, sub.bmp[r])
		return
	}
	t.Skip("no rune of the regular face is drawn with a composite glyph")
}

func TestSubsetOfScatteredRunes(t *testing.T) {
	// Every other rune the face has: more segments than a cmap holds, so
	// the whole face is handed over, still printing every rune.
	var runes []rune
	for r := rune(0); r < 0xFFFF; r += 2 {
		if Regular.Covers(r) && r != ' ' {
			runes = append(runes, r)
		}
	}
	if _, ok := cmapFormat4(map[rune]uint16{}); !ok {
		t.Fatal("an empty cmap was refused")
	}
	if len(runes) < maxSegments {
		t.Fatalf("only %d runes: the test no longer reaches the limit", len(runes))
	}
	data := Regular.Subset(runes)
	m, err := parseTTF(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runes {
		if m.bmp[r] != metricsOf(Regular.Primary()).bmp[r] {
			t.Fatalf("%U lost", r)
		}
	}
	if len(runes) >= maxSegments && len(data) != len(Regular.TTF()) {
		t.Errorf("%d scattered runes gave %d bytes, want the whole face", len(runes), len(data))
	}
}

// TestFallbackForLettersNanumLacks: a face prints with Nanum wherever Nanum
// has the glyph, and with its DejaVu fallback for the rest, in runs.
func TestFallbackForLettersNanumLacks(t *testing.T) {
	for _, f := range All {
		for _, r := range "ÄÖÜäöüßÅåØøŁłŚśŻżČčŠšŽžĞğİıŐőŰű" {
			if !f.Covers(r) {
				t.Errorf("%s cannot print %q", f, r)
			}
		}
		if f.FontFor('가') != f.Primary() || f.FontFor('A') != f.Primary() {
			t.Errorf("%s: Hangul or ASCII not from Nanum", f)
		}
	}
	runs := Regular.Runs("Öst Łódź 장애")
	want := []Run{{dejaVuRegular, "Ö"}, {nanumRegular, "st Łód"}, {dejaVuRegular, "ź"}, {nanumRegular, " 장애"}}
	if len(runs) != len(want) {
		t.Fatalf("runs %v", runs)
	}
	w := 0.0
	for i, r := range runs {
		if r != want[i] {
			t.Errorf("run %d: %v, want %v", i, r, want[i])
		}
		w += r.Font.Width(r.Text, 10)
	}
	if got := Regular.Width("Öst Łódź 장애", 10); math.Abs(got-w) > 1e-9 {
		t.Errorf("width %v, runs add up to %v", got, w)
	}
}

// TestRunsFollowFontFor: each run is of the font FontFor gives its runes,
// two runs in a row differ, and the runs join to the string, beyond the
// Basic Multilingual Plane and in invalid UTF-8 too.
func TestRunsFollowFontFor(t *testing.T) {
	t.Parallel()
	s := "Öst Łódź 장애 → ű\U0001F600 \xff tab\tend"
	for _, f := range All {
		var joined strings.Builder
		for i, run := range f.Runs(s) {
			joined.WriteString(run.Text)
			for _, r := range run.Text {
				if f.FontFor(r) != run.Font {
					t.Errorf("%s: %q in run %q of font %d, FontFor says %d", f, r, run.Text, run.Font, f.FontFor(r))
				}
			}
			if i > 0 && f.Runs(s)[i-1].Font == run.Font {
				t.Errorf("%s: runs %d and %d share a font", f, i-1, i)
			}
		}
		if joined.String() != s {
			t.Errorf("%s: runs join to %q", f, joined.String())
		}
	}
}
