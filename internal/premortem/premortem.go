// Package premortem holds the premortem kit's content: the prompt cards
// that push a room past the obvious (data, one file per language, or a
// team's own), and the record of a session's ideas and picks.
package premortem

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// Card is one prompt card: a provocation and one question.
type Card struct {
	ID          string `toml:"id" required:"true" doc:"Unique among the cards."`
	Theme       string `toml:"theme" doc:"The theme it belongs to."`
	Provocation string `toml:"provocation" required:"true" doc:"What went wrong, in a line."`
	Question    string `toml:"question" required:"true" doc:"The question it asks the room."`
}

type cardFile struct {
	Cards []Card `toml:"cards" required:"true" doc:"The prompt cards."`
}

// Cards returns the built-in prompt cards of a language, from its text
// catalog.
func Cards(lang string) []Card {
	cards, err := ParseCards(lang+"/prompts.toml", text.Raw(lang, "prompts"))
	if err != nil {
		// Embedded at build time: a broken file is a build defect.
		panic(err)
	}
	return cards
}

// ParseCards reads a file of prompt cards ([[cards]] with id, theme,
// provocation, question), strictly, every error at its line.
func ParseCards(name string, data []byte) ([]Card, error) {
	var f cardFile
	err := scenarios.DecodeFile(name, data, &f, "a cards file holds [[cards]] with id, provocation and question", func(report func(string, string, ...any)) {
		seen := map[string]int{}
		for i, c := range f.Cards {
			if j, dup := seen[c.ID]; dup && c.ID != "" {
				report("cards."+strconv.Itoa(i)+".id", "duplicate card id %q (card #%d has it too)", c.ID, j+1)
			}
			seen[c.ID] = i
		}
	})
	return f.Cards, err
}

// record is what a facilitator types in after a premortem: the ideas, their
// themes and votes, and which become scenarios.
type record struct {
	Format int64  `toml:"format" required:"true" const:"1" doc:"Premortem record format version; always 1."`
	Date   string `toml:"date" format:"date" doc:"The day of the session, YYYY-MM-DD."`
	Prompt string `toml:"prompt" doc:"The question the session opened with."`
	Ideas  []Idea `toml:"ideas" required:"true" doc:"Every idea worth keeping."`
}

// Idea is one idea of a premortem.
type Idea struct {
	ID    string `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Unique among ideas."`
	Text  string `toml:"text" doc:"How it happened, in a sentence; required when picked."`
	Theme string `toml:"theme" doc:"One of the session's themes, or free text."`
	Votes int64  `toml:"votes" doc:"Dots the room gave it."`
	Pick  bool   `toml:"pick" doc:"Becomes a scenario (propdeck init --from-premortem)."`
}

// RecordSchema is the JSON Schema of premortem records.
func RecordSchema() []byte {
	return scenarios.SchemaOf(reflect.TypeOf(record{}), "premortem-record-format-1", "propdeck premortem record, format 1",
		"The ideas of a premortem session, their themes and votes, and the picks that become scenarios.")
}

// parseRecord reads a premortem record, strictly, every error at its line.
func parseRecord(name string, data []byte) (*record, error) {
	var r record
	err := scenarios.DecodeFile(name, data, &r, "a premortem record holds format = 1 and [[ideas]]", func(report func(string, string, ...any)) {
		if r.Format != 1 && r.Format != 0 {
			report("format", "format = %d is not supported; this version of propdeck reads premortem record format = 1", r.Format)
		}
		seen := map[string]int{}
		for i, idea := range r.Ideas {
			p := "ideas." + strconv.Itoa(i)
			if j, dup := seen[idea.ID]; dup && idea.ID != "" {
				report(p+".id", "duplicate idea id %q (idea #%d has it too)", idea.ID, j+1)
			}
			seen[idea.ID] = i
			if idea.ID != "" && !scenarios.IDPattern.MatchString(idea.ID) {
				report(p+".id", "idea id %q may hold only lower-case letters, digits and dashes", idea.ID)
			}
			if idea.Pick && strings.TrimSpace(idea.Text) == "" {
				report(p, "idea %q is picked but has no text: say how it happened, in a sentence", idea.ID)
			}
			if idea.Votes < 0 {
				report(p+".votes", "idea %q: votes = %d must not be negative", idea.ID, idea.Votes)
			}
		}
		picks := 0
		for _, idea := range r.Ideas {
			if idea.Pick {
				picks++
			}
		}
		if picks == 0 && len(r.Ideas) > 0 {
			report("ideas", "no idea has pick = true; pick the ideas that become scenarios")
		}
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// Picks are the picked ideas, in the record's order.
func (r *record) Picks() []Idea {
	var out []Idea
	for _, i := range r.Ideas {
		if i.Pick {
			out = append(out, i)
		}
	}
	return out
}

// slug is a file name stem from an idea's text: lower-case ASCII words
// joined by dashes, apostrophes dropped, at most 48 characters; "" when the
// text has no ASCII letter or digit (a Korean idea uses its id instead).
// Language is the language a record is written in, read from its text:
// "ko" when most of its letters are Hangul, else "en".
func (r *record) Language() string {
	hangul, latin := 0, 0
	count := func(s string) {
		for _, c := range s {
			switch {
			case unicode.Is(unicode.Hangul, c):
				hangul++
			case unicode.IsLetter(c) && c < 0x250:
				latin++
			}
		}
	}
	count(r.Prompt)
	for _, idea := range r.Ideas {
		count(idea.Text)
		count(idea.Theme)
	}
	if hangul > latin {
		return "ko"
	}
	return "en"
}

// StarterID names the starter of an idea: a slug of its words, or, where
// they give none (Hangul only), the record's date and the idea's id, so
// that i1 of one premortem never meets i1 of the next.
func (r *record) StarterID(idea Idea) string {
	if id := slug(idea.Text); id != "" {
		return id
	}
	if d := strings.ReplaceAll(r.Date, "-", ""); d != "" {
		return "premortem-" + d + "-" + idea.ID
	}
	return "premortem-" + idea.ID
}

func slug(text string) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			cur.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	var b strings.Builder
	for _, w := range words {
		if b.Len()+len(w)+1 > 48 {
			break
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// starterWords are what a starter scenario says in a language: the
// commander's role, the opening rounds and the first alert.
type starterWords struct {
	IncidentCommander string
	Alert             string
	Rounds            []struct {
		At, Title string
		Questions []string
	}
}

// Starter is a scenario to flesh out, written from a picked idea: title and
// summary from the idea, a first alert, rounds at T+0, T+10m and T+20m
// with the usual opening questions, and "# fill in" where the author must
// add the story. catalog, when not "", is included for roles and systems.
func Starter(idea Idea, id, lang, catalog string) string {
	words := text.Load[starterWords](lang, "starter")
	q := tomlw.Quote
	var b strings.Builder
	b.WriteString("#:schema scenario.schema.json\n")
	fmt.Fprintf(&b, "# Started from premortem idea %s", tomlw.Comment(idea.ID))
	if idea.Theme != "" {
		fmt.Fprintf(&b, " (%s", tomlw.Comment(idea.Theme))
		if idea.Votes > 0 {
			fmt.Fprintf(&b, ", %d votes", idea.Votes)
		}
		b.WriteString(")")
	}
	b.WriteString(". It builds as it is; write the story where it says fill in.\nformat = 1\n\n[scenario]\n")
	title := idea.Text
	if r := []rune(title); len(r) > 70 {
		title = string(r[:69]) + "…"
	}
	fmt.Fprintf(&b, "id = %s\ntitle = %s   # fill in: a short title\n", q(id), q(title))
	fmt.Fprintf(&b, "summary = %s   # fill in, for the facilitator: how it unfolds, and what the team will have to decide\n", q(idea.Text))
	b.WriteString("briefing = \"\"   # fill in, for players: what they may know before it starts (screen deck, chat); never the twist\n")
	fmt.Fprintf(&b, "language = %s\nduration = \"60m\"\n", q(lang))
	if catalog != "" {
		fmt.Fprintf(&b, "include = [%s]   # roles and systems; keep some with roles_only / systems_only\n", q(catalog))
	} else {
		fmt.Fprintf(&b, "\n[[roles]]   # fill in: the roles at the table\nid = \"ic\"\nname = %s\n", q(words.IncidentCommander))
	}
	for _, r := range words.Rounds {
		quoted := make([]string, len(r.Questions))
		for i, question := range r.Questions {
			quoted[i] = q(question)
		}
		fmt.Fprintf(&b, "\n[[rounds]]\nat = %s\ntitle = %s   # fill in\nquestions = [%s]\n", q(r.At), q(r.Title), strings.Join(quoted, ", "))
	}
	alert := words.Alert
	fmt.Fprintf(&b, "\n[[clues]]\nid = \"c01\"\nat = \"T+0\"\nkind = \"alert\"\ntitle = %s   # fill in: what pages whom\nnote = %s\n", q(alert), q("Premortem idea: "+idea.Text))
	return b.String()
}

// Pick is a picked idea of a premortem record as a programme sees it: the
// failure it imagines, its theme, and the id of the starter scenario that
// init --from-premortem writes for it (a session of that scenario drills it).
type Pick struct {
	Idea
	Date    string
	Starter string
}

// ParsePicks reads a premortem record found in a programme folder and
// returns its picks, or its errors at FILE:LINE:COL.
func ParsePicks(name string, data []byte) ([]Pick, error) {
	r, err := parseRecord(name, data)
	if err != nil {
		return nil, err
	}
	var out []Pick
	for _, idea := range r.Picks() {
		out = append(out, Pick{Idea: idea, Date: r.Date, Starter: r.StarterID(idea)})
	}
	return out, nil
}
