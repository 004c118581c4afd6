package termsafe

import (
	"strings"
	"testing"
)

func TestWriterEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"kind \"Template\x1b[2J\" skipped\n", `kind "Template\u{1b}[2J" skipped` + "\n"},
		{"bell\a cr\r csi\u009b rlo\u202e", `bell\u{7} cr\u{d} csi\u{9b} rlo\u{202e}`},
		{"장애 지휘자\tok", "장애 지휘자\tok"},
		{"bad \xff byte", `bad \xff byte`},
	} {
		var b strings.Builder
		w := Writer(&b)
		// Byte by byte: a rune split across writes still comes out whole.
		for i := range len(tc.in) {
			w.Write([]byte{tc.in[i]})
		}
		if b.String() != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}
