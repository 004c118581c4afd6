package fonts

import "testing"

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
