package console

import (
	"testing"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/vocab"
)

// TestEveryPageKindIsWhole: each entry of the page-kind table is all a
// page needs: a name in every language, its page and data open with its
// own token (a role's with its own role's), and not with another page's.
func TestEveryPageKindIsWhole(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "eu-db-latency")
	for _, k := range kinds {
		for _, lang := range vocab.Language.Values {
			if text.Load[consoleWords](lang, "console").Pages[k.name] == "" {
				t.Errorf("%s: no name in the %s catalog", k.name, lang)
			}
		}
		tok, other, role := f.tokens.Roles["ic"], f.tokens.Screen, "ic"
		if k.token != nil {
			tok, other, role = *k.token(&f.tokens), f.tokens.Roles["ic"], ""
		}
		for _, route := range []string{fill(k.page, role), fill(k.data, role)} {
			if code, _ := f.do("GET", route, tok, ""); code != 200 {
				t.Errorf("%s %s with its token: %d", k.name, route, code)
			}
			if code, _ := f.do("GET", route, other, ""); code != 403 {
				t.Errorf("%s %s with another page's token: %d", k.name, route, code)
			}
		}
	}
}
