// Package complications holds the built-in complication sets: cards a
// facilitator draws when a team is ahead of plan or stuck on one idea, one
// file of sets per language.
package complications

import (
	"embed"
	"fmt"
	"regexp"
	"sort"

	"github.com/pelletier/go-toml/v2"
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
		if err := toml.Unmarshal(data, &sets); err != nil {
			// Embedded at build time; a broken file is a build defect.
			panic(fmt.Sprintf("complications/sets/%s.toml: %v", lang, err))
		}
		loaded[lang] = sets
	}
}

// Set returns the cards of a built-in set in a language ("en" or "ko"),
// with their role placeholders ({ic|incident commander}) as written; see
// Cast and Generic.
func Set(name, lang string) []Card {
	if _, ok := loaded[lang]; !ok {
		lang = "en"
	}
	return loaded[lang][name]
}

// Find finds a built-in card by id ("people-3") in a language.
func Find(id, lang string) (Card, bool) {
	for _, set := range Sets {
		for _, c := range Set(set, lang) {
			if c.ID == id {
				return c, true
			}
		}
	}
	return Card{}, false
}

// IDs lists every built-in card's id, set by set.
func IDs() []string {
	var out []string
	for _, set := range Sets {
		for _, c := range Set(set, "en") {
			out = append(out, c.ID)
		}
	}
	return out
}

// role is a part a built-in card names: {ic|incident commander} is the
// name of the scenario's role with id ic, or the words after | where it
// has none; {oncall*|on-call engineer} takes the first role whose id
// starts with oncall.
var role = regexp.MustCompile(`\{([a-z0-9-]+\*?)\|([^{}]*)\}`)

// Cast puts the scenario's own role names into a card: name returns the
// name of the role an id (or id prefix ending in *) picks, or "".
func Cast(c Card, name func(pick string) string) Card {
	fill := func(s string) string {
		return role.ReplaceAllStringFunc(s, func(m string) string {
			sub := role.FindStringSubmatch(m)
			if n := name(sub[1]); n != "" {
				return n
			}
			return sub[2]
		})
	}
	c.Title, c.Body = fill(c.Title), fill(c.Body)
	return c
}

// Generic is a card as it reads with no scenario: every role by its
// general name.
func Generic(c Card) Card { return Cast(c, func(string) string { return "" }) }

// languages lists the languages the sets are written in.
func languages() []string {
	var out []string
	for l := range loaded {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
