package console

import (
	"slices"
	"strings"
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
			if w := text.Load[consoleWords](lang, "console"); w.Pages[k.name] == "" || w.Links[k.name] == "" {
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

// TestPagesGetEveryVocabulary: the page's data carries every rating,
// note tag and card kind, as the journal spells it, labelled in every language, and the
// script spells none of them.
func TestPagesGetEveryVocabulary(t *testing.T) {
	t.Parallel()
	script, _ := staticFS.ReadFile("static/app.js")
	for _, lang := range vocab.Language.Values {
		w := text.Load[consoleWords](lang, "console")
		for _, tc := range []struct {
			list   vocab.List
			labels map[string]string
		}{{vocab.Rating, w.Ratings}, {vocab.NoteTag, w.Tags}, {vocab.Kind, w.Kinds}} {
			if len(tc.labels) != len(tc.list.Values) {
				t.Errorf("%s: %d labels for the %d values of %s", lang, len(tc.labels), len(tc.list.Values), tc.list.Name)
			}
			for _, v := range tc.list.Values {
				if tc.labels[v] == "" || !strings.Contains(vocabularies(w), `"id":"`+v+`"`) {
					t.Errorf("%s: %s %q has no label or is not served", lang, tc.list.Name, v)
				}
				if strings.Contains(string(script), `"`+v+`"`) && !slices.Contains([]string{"decision", "alert", "status"}, v) { // an event's kind, an ARIA role, an element's id
					t.Errorf("app.js spells the %s %q itself", tc.list.Name, v)
				}
			}
		}
	}
}

// TestLinksAreNamedInTheSessionsLanguage: run's lines name each page in
// the scenario's language, English word for word as it always was, a
// role by its id in every language.
func TestLinksAreNamedInTheSessionsLanguage(t *testing.T) {
	t.Parallel()
	tokens := Tokens{Facilitator: "f", Screen: "s", Scribe: "w", Roles: map[string]string{"ic": "i", "comms": "c"}}
	for lang, want := range map[string][]string{
		"en": {"facilitator", "screen", "scribe", "player comms", "player ic"},
		"ko": {"진행자", "공유 화면", "기록자", "참가자 comms", "참가자 ic"},
	} {
		var got []string
		for _, l := range tokens.Links("http://h", lang) {
			got = append(got, l.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
