package fonts

import (
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
		if err := Check(data); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for _, f := range All {
		if err := Check(f.TTF()); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestSubsetPrintsItsRunesLikeTheFace(t *testing.T) {
	text := []rune("장애 대응 Incident Commander 힣 ÄÖ — ·→")
	for _, f := range All {
		data := f.Subset(text)
		if len(data) >= len(f.TTF())/4 {
			t.Errorf("%s: subset of %d runes is %d bytes of %d", f, len(text), len(data), len(f.TTF()))
		}
		m, err := parseTTF(data)
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", f, err)
		}
		whole := metricsOf(f)
		for _, r := range append(text, 'A', '~') {
			if !f.Covers(r) || r == ' ' {
				continue
			}
			g := whole.bmp[r]
			if m.bmp[r] != g {
				t.Errorf("%s: %q maps to glyph %d, want %d", f, r, m.bmp[r], g)
			}
			if m.width(r) != whole.width(r) {
				t.Errorf("%s: %q is %v wide, want %v", f, r, m.width(r), whole.width(r))
			}
			src := whole.tables["glyf"][whole.loca[g]:whole.loca[g+1]]
			got := m.tables["glyf"][m.loca[g]:m.loca[g+1]]
			if string(got[:len(src)]) != string(src) {
				t.Errorf("%s: outline of %q differs", f, r)
			}
		}
		if m.bmp['한'] != 0 && !strings.ContainsRune(string(text), '한') {
			t.Errorf("%s: subset maps a rune it was not asked for", f)
		}
		if checksum(data) != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %#x", f, checksum(data))
		}
	}
}

func TestSubsetKeepsCompositeParts(t *testing.T) {
	m := metricsOf(Regular)
	glyf := m.tables["glyf"]
	for g := 0; g+1 < len(m.loca); g++ {
		data := glyf[m.loca[g]:m.loca[g+1]]
		if len(data) < 14 || int16(be16(data, 0)) >= 0 {
			continue
		}
		keep := map[uint16]bool{}
		m.keepGlyph(uint16(g), keep)
		comp := be16(data, 12)
		if !keep[comp] || !keep[uint16(g)] {
			t.Fatalf("composite glyph %d kept %v, first component %d missing", g, keep, comp)
		}
		return
	}
	t.Skip("no composite glyph in the regular face")
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
		if m.bmp[r] != metricsOf(Regular).bmp[r] {
			t.Fatalf("%U lost", r)
		}
	}
	if len(runes) >= maxSegments && len(data) != len(Regular.TTF()) {
		t.Errorf("%d scattered runes gave %d bytes, want the whole face", len(runes), len(data))
	}
}
