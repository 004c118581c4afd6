// Package complications holds the built-in complication sets: cards a
// facilitator draws when a team is ahead of plan or stuck on one idea, one
// file of sets per language.
package complications

import (
	"embed"
	"fmt"
	"sort"

	"github.com/BurntSushi/toml"
)

// Card is one complication: a short provocation and what it means.
type Card struct {
	ID    string `toml:"id"`
	Title string `toml:"title"`
	Body  string `toml:"body"`
}

// Sets names the built-in sets, in the order propdeck complications lists them.
var Sets = []string{"people", "vendors", "comms", "tooling", "compliance"}

//go:embed sets/*.toml
var files embed.FS

var loaded = map[string]map[string][]Card{}

func init() {
	for _, lang := range []string{"en", "ko"} {
		data, err := files.ReadFile("sets/" + lang + ".toml")
		if err != nil {
			panic(err)
		}
		var sets map[string][]Card
		if _, err := toml.Decode(string(data), &sets); err != nil {
			// Embedded at build time; a broken file is a build defect.
			panic(fmt.Sprintf("complications/sets/%s.toml: %v", lang, err))
		}
		loaded[lang] = sets
	}
}

// Set returns the cards of a built-in set in a language ("en" or "ko").
func Set(name, lang string) []Card {
	if _, ok := loaded[lang]; !ok {
		lang = "en"
	}
	return loaded[lang][name]
}

// Languages lists the languages the sets are written in.
func Languages() []string {
	var out []string
	for l := range loaded {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
