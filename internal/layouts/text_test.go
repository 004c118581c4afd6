package layouts

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/fonts"
)

var wrapCases = []struct {
	name  string
	text  string
	width float64
}{
	{"english", "Checkout p99 is climbing in the EU. Who is incident commander, and how does everyone know?", 40},
	{"korean", "결제 서비스의 응답 시간이 급격히 늘어나고 있습니다. 누가 장애 지휘자입니까? 데이터베이스 장애 조치는 누가 결정합니까?", 40},
	{"mixed", "orders-db 지연 시간이 2초를 넘었습니다 (p99 2410 ms). Failover 여부를 결정하세요.", 35},
	{"long word", strings.Repeat("가", 100) + strings.Repeat("x", 100), 30},
	{"url", "See https://runbooks.example.com/procedures/reconcile-pending-orders/with/a/very/long/path for details", 25},
	{"paragraphs", "First line.\n\nSecond paragraph after an empty line.\n  indented line\n", 30},
	{"spaces", "   leading and   inner  spaces   ", 20},
	{"empty", "", 20},
	{"narrow", "narrow column of text", 0.5},
	{"tabs", "key\tvalue\t\tmore", 15},
}

func TestWrapKeepsEveryRune(t *testing.T) {
	m := FaceMeasure(fonts.Regular, 10)
	for _, tc := range wrapCases {
		t.Run(tc.name, func(t *testing.T) {
			lines := Wrap(tc.text, tc.width, m)
			if got := join(lines); got != tc.text {
				t.Fatalf("runes lost or changed:\n in: %q\nout: %q", tc.text, got)
			}
			in, out := utf8.RuneCountInString(tc.text), 0
			for _, l := range lines {
				out += utf8.RuneCountInString(l.Text)
			}
			out += strings.Count(tc.text, "\n")
			if in != out {
				t.Errorf("rune count in %d, out %d", in, out)
			}
		})
	}
}

func TestWrapFitsAndKeepsWordsWhole(t *testing.T) {
	m := FaceMeasure(fonts.Regular, 10)
	for _, tc := range wrapCases {
		lines := Wrap(tc.text, tc.width, m)
		words := map[string]bool{}
		for _, w := range strings.Fields(tc.text) {
			words[w] = m(w) <= tc.width
		}
		for _, l := range lines {
			vis := l.Visible()
			if m(vis) > tc.width+1e-6 && utf8.RuneCountInString(strings.TrimSpace(vis)) > 1 {
				t.Errorf("%s: line %q is %.1f mm wide, more than %.1f", tc.name, vis, m(vis), tc.width)
			}
			for _, w := range strings.Fields(vis) {
				if _, whole := words[w]; !whole {
					// A fragment: allowed only for words wider than the line.
					found := false
					for orig, fits := range words {
						if !fits && strings.Contains(orig, w) {
							found = true
						}
					}
					if !found {
						t.Errorf("%s: word fragment %q although its word fits", tc.name, w)
					}
				}
			}
		}
	}
}

func TestWrapKoreanKeepAll(t *testing.T) {
	m := FaceMeasure(fonts.Regular, 10)
	text := "데이터베이스 장애 조치는 누가 결정합니까"
	for w := 20.0; w < 80; w += 3 {
		for _, l := range Wrap(text, w, m) {
			for _, word := range strings.Fields(l.Visible()) {
				if !strings.Contains(" "+text+" ", " "+word+" ") {
					t.Fatalf("width %.0f: Korean word split: %q", w, word)
				}
			}
		}
	}
}

func FuzzWrap(f *testing.F) {
	for _, tc := range wrapCases {
		f.Add(tc.text, tc.width)
	}
	m := FaceMeasure(fonts.Mono, 8)
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if !utf8.ValidString(text) || width != width {
			return
		}
		lines := Wrap(text, width, m)
		if got := join(lines); got != text {
			t.Fatalf("Join(Wrap(%q)) = %q", text, got)
		}
	})
}

func TestWrapURL(t *testing.T) {
	m := FaceMeasure(fonts.Regular, 5.5)
	for _, u := range []string{
		"https://runbooks.example.com/alerts/orders-db-latency",
		"https://wiki.example.kr/runbooks/alerts/payment-failure-rate?x=1&y=2",
		"https://x.example/" + strings.Repeat("a", 120),
		"",
	} {
		lines := WrapURL(u, 24, m)
		if strings.Join(lines, "") != u {
			t.Errorf("WrapURL lost characters of %q: %q", u, lines)
		}
		for _, l := range lines {
			if m(l) > 24+1e-6 && utf8.RuneCountInString(l) > 1 {
				t.Errorf("line %q too wide", l)
			}
		}
	}
	lines := WrapURL("https://runbooks.example.com/alerts/orders-db-latency", 24, m)
	if !strings.HasSuffix(lines[0], "/") && !strings.HasSuffix(lines[0], ".") && !strings.HasSuffix(lines[0], "-") {
		t.Errorf("first line %q does not end at a separator", lines[0])
	}
}

// TestRuneSet holds the break runes' set to strings.ContainsRune, which it
// replaced: ASCII, past ASCII and the replacement rune of invalid UTF-8.
func TestRuneSet(t *testing.T) {
	t.Parallel()
	for _, after := range []string{"", ",&;", "、,\uFFFD", "\x7f?"} {
		set := runeSetOf(after)
		for _, r := range []rune{0, ',', '&', ';', 'a', '?', 0x7f, 0x80, '、', '。', utf8.RuneError, 0x10FFFF} {
			if got, want := set.has(r), strings.ContainsRune(after, r); got != want {
				t.Errorf("after %q, rune %U: %v, want %v", after, r, got, want)
			}
		}
	}
}
