package texttest

import (
	"slices"
	"testing"
)

// TestEnglishWords: what is quoted or typed is left out, and what is left
// is each English word once it has lost its trailing stop.
func TestEnglishWords(t *testing.T) {
	t.Parallel()
	typed := func(w string) bool { return w == "cert-expiry" || w == "clues[0].title" }
	for _, tc := range []struct {
		line string
		want []string
	}{
		{`cert-expiry: 시나리오 "api gateway"에 clues[0].title이 없음`, nil},
		{`시나리오 cert-expiry: no such file.`, []string{"no", "such", "file"}},
		{`알 수 없는 "id" (혹시 "ids"?)`, nil},
	} {
		if got := EnglishWords(tc.line, typed); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.line, got, tc.want)
		}
	}
}
