// Package complications holds the built-in complication sets: cards a
// facilitator draws when a team is ahead of plan or stuck on one idea, one
// file of sets per language.
package complications

import (
	"regexp"

	"github.com/propdeck/propdeck/internal/text"
)

// Card is one complication: a short provocation and what it means.
type Card struct {
	ID    string `toml:"id"`
	Title string `toml:"title"`
	Body  string `toml:"body"`
}

// Sets names the built-in sets, in the order propdeck complications lists them.
var Sets = []string{"people", "vendors", "comms", "tooling", "compliance"}

// Set returns the cards of a built-in set in a language, from its text
// catalog, with their role placeholders ({ic|incident commander}) as
// written; see Cast and Generic.
func Set(name, lang string) []Card {
	return text.Load[map[string][]Card](lang, "complications")[name]
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
