package ideaconsole

import (
	"slices"
	"strings"
	"testing"
)

// TestLinksAreNamedInThePremortemsLanguage: premortem --live's lines
// name each page in --lang, English word for word as it always was.
func TestLinksAreNamedInThePremortemsLanguage(t *testing.T) {
	t.Parallel()
	for lang, want := range map[string][]string{"en": {"facilitator", "screen", "join"}, "ko": {"진행자", "공유 화면", "참여"}} {
		var names, kinds []string
		for _, l := range openRoom(t, lang).srv.Links("http://h") {
			names, kinds = append(names, l.Name), append(kinds, l.Kind)
			if !strings.HasPrefix(l.URL, "http://h/") {
				t.Errorf("%s: %s's URL %q", lang, l.Kind, l.URL)
			}
		}
		if !slices.Equal(names, want) || !slices.Equal(kinds, []string{"facilitator", "screen", "join"}) {
			t.Errorf("%s: %q (%q), want %q", lang, names, kinds, want)
		}
	}
}
