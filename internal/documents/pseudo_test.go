package documents

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pelletier/go-toml/v2"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// accented spells Latin letters with accents the fonts print, so that a
// pseudo-locale's words are told apart from English at a glance.
var accented = strings.NewReplacer("a", "á", "e", "é", "i", "í", "o", "ö", "u", "ü", "n", "ñ", "c", "ç", "A", "Á", "E", "É", "O", "Ö", "U", "Ü")

// kept are what a pseudo-locale must not change: format verbs, role
// placeholders ({ic|incident commander}), TOML in a template.
var kept = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]|\{[^}]*\}`)

// pseudo turns English text into the pseudo-locale's.
func pseudo(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range kept.FindAllStringIndex(s, -1) {
		b.WriteString(accented.Replace(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(accented.Replace(s[last:]))
	return b.String()
}

// pseudoValues rewrites every string of a decoded catalog file but ids.
func pseudoValues(v any, key string) any {
	switch x := v.(type) {
	case string:
		if strings.EqualFold(key, "id") {
			return x
		}
		return pseudo(x)
	case map[string]any:
		for k, e := range x {
			x[k] = pseudoValues(e, k)
		}
	case []any:
		for i, e := range x {
			x[i] = pseudoValues(e, key)
		}
	}
	return v
}

// registerPseudoLocale adds language "xx", made from the English catalog,
// the way a translator adds a language: one folder of catalog files.
func registerPseudoLocale(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range text.Files {
		raw := text.Raw("en", name)
		if name == "template" {
			fsys[name+".toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(raw), `language = "en"`, `language = "xx"`, 1))}
			continue
		}
		var tree map[string]any
		if err := toml.Unmarshal(raw, &tree); err != nil {
			t.Fatalf("en/%s: %v", name, err)
		}
		data, err := toml.Marshal(pseudoValues(tree, ""))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name+".toml"] = &fstest.MapFile{Data: data}
	}
	text.Register("xx", fsys)
	return fsys
}

// TestAThirdLanguageIsOneFolder: a pseudo-locale made of catalog files
// alone builds every deck, every word of propdeck's own in it, and the
// starter scenario propdeck init writes in it validates.
func TestAThirdLanguageIsOneFolder(t *testing.T) {
	fsys := registerPseudoLocale(t)
	if len(fsys) != len(text.Files) {
		t.Fatalf("the pseudo-locale has %d files, want %d", len(fsys), len(text.Files))
	}
	if _, err := scenarios.Parse("drill.toml", []byte(examples.Template("xx")), nil, nil); err != nil {
		t.Fatalf("the starter scenario in xx: %v", err)
	}
	s := example(t, "eu-db-latency")
	s = s.Played(scenarios.Play{Language: "xx"})
	decks := pseudoDecks(t, s)
	lb, en := cards.LabelsFor("xx"), cards.LabelsFor("en")
	if lb.RunSheet != pseudo(en.RunSheet) || lb.RunSheet == en.RunSheet {
		t.Fatalf("labels in xx: run sheet %q", lb.RunSheet)
	}
	for _, d := range decks {
		txt := deckText(d)
		if !strings.ContainsAny(txt, "áéíöüñç") {
			t.Errorf("%s has no word of the pseudo-locale", d.Name)
		}
		for _, english := range []string{en.RunSheet, en.Checklist, en.RequestIndex, en.Evaluator, en.Premortem, en.Scribe} {
			if strings.Contains(txt, english) {
				t.Errorf("%s prints %q in English", d.Name, english)
			}
		}
	}
	if _, err := render.PDFs(context.Background(), decks); err != nil {
		t.Fatalf("drawing the decks: %v", err)
	}
}

// pseudoDecks builds every deck propdeck makes for a scenario in its
// language: the build with its run sheet, the screen, the packets, the
// premortem kit, the calibration sheet and blank worksheets.
func pseudoDecks(t *testing.T, s *scenarios.Session) []*draw.Deck {
	t.Helper()
	opt := DefaultOptions()
	decks, err := Build(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	screen, err := Screen(s, true)
	if err != nil {
		t.Fatal(err)
	}
	packets, err := Packets(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	kit, err := PremortemKit(s, "xx", premortem.Cards("xx"), opt)
	if err != nil {
		t.Fatal(err)
	}
	blank, err := BlankWorksheets("xx", 1, opt)
	if err != nil {
		t.Fatal(err)
	}
	decks = append(append(decks, screen), packets...)
	return append(decks, kit, Calibration(layouts.A4, "a4", "xx"), blank)
}
