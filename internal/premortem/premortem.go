// Package premortem holds the premortem kit's content: the prompt cards
// that push a room past the obvious (data, one file per language, or a
// team's own), and the record of a session's ideas and picks.
package premortem

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/internal/vocab"
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
	cards, err := ParseCards(lang+"/prompts.toml", text.Raw(lang, "prompts"), nil)
	if err != nil {
		// Embedded at build time: a broken file is a build defect.
		panic(err)
	}
	return cards
}

// ParseCards reads a file of prompt cards ([[cards]] with id, theme,
// provocation, question), strictly, every error at its line, its text held
// to what p prints.
func ParseCards(name string, data []byte, p rules.Printing) ([]Card, error) {
	var f cardFile
	err := rules.DecodeFileKeyed(name, data, &f, p, text.M("premortem-cards-empty"), func(c rules.Check) {
		seen := map[string]int{}
		for i, card := range f.Cards {
			p := "cards." + strconv.Itoa(i)
			if j, dup := seen[card.ID]; dup && card.ID != "" {
				c.Report(p+".id", text.M("premortem-duplicate-card", "id", card.ID, "first", text.M("entry-number", "noun", text.M("as-written", "text", "card"), "n", j+1)))
			}
			seen[card.ID] = i
		}
	})
	return f.Cards, err
}

// record is what a facilitator types in after a premortem, or what
// propdeck premortem --record writes to fill in: the ideas, how the room
// grouped, voted and placed them, and which become scenarios, with whom.
type record struct {
	Format   int64   `toml:"format" required:"true" const:"1" doc:"Premortem record format version; always 1."`
	Date     string  `toml:"date" format:"date" doc:"The day of the session, YYYY-MM-DD."`
	Language string  `toml:"language" vocab:"language" doc:"The language it is written in (en or ko); else read from its text."`
	Prompt   string  `toml:"prompt" doc:"The question the session opened with."`
	Ideas    []Idea  `toml:"ideas" required:"true" doc:"Every idea worth keeping."`
	Groups   []group `toml:"groups" doc:"The themes the room grouped ideas into."`
}

// Idea is one idea of a premortem.
type Idea struct {
	ID         string   `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Unique among ideas and groups."`
	Text       string   `toml:"text" doc:"How it happened, in a sentence; required when picked."`
	Theme      string   `toml:"theme" doc:"One of the session's themes, or free text."`
	Votes      int64    `toml:"votes" doc:"Dots the room gave it."`
	Impact     int64    `toml:"impact" doc:"Its row on the kit's impact × likelihood grid: 1 (low), 2 or 3 (high)."`
	Likelihood int64    `toml:"likelihood" doc:"Its column on the kit's grid: 1 (low), 2 or 3 (high)."`
	Class      string   `toml:"class" pattern:"^(tiger|paper-tiger|elephant)$" doc:"tiger (a real threat), paper-tiger (looks dangerous, is not) or elephant (known to all, said by none)."`
	Pick       bool     `toml:"pick" doc:"Becomes a scenario (propdeck init --from-premortem)."`
	Owner      string   `toml:"owner" doc:"For a pick: who sees its drill through."`
	Due        string   `toml:"due" format:"date" doc:"For a pick: the day it should be rehearsed by, YYYY-MM-DD."`
	Signals    []string `toml:"signals" doc:"For a pick: kill criteria and early signals to watch, one line each."`
}

// group is a theme the room grouped ideas into, voted and placed as one.
type group struct {
	ID         string   `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Unique among ideas and groups."`
	Title      string   `toml:"title" required:"true" doc:"The theme, in a few words."`
	Ideas      []string `toml:"ideas" required:"true" doc:"The ids of its ideas; an idea is in one group at most."`
	Votes      int64    `toml:"votes" doc:"Dots the room gave the group as a whole."`
	Impact     int64    `toml:"impact" doc:"Its row on the kit's grid: 1 (low), 2 or 3 (high)."`
	Likelihood int64    `toml:"likelihood" doc:"Its column on the kit's grid: 1 (low), 2 or 3 (high)."`
	Class      string   `toml:"class" pattern:"^(tiger|paper-tiger|elephant)$" doc:"tiger, paper-tiger or elephant."`
}

// Classes are the kinds of threat a room may sort an idea or group into.
var classes = []string{"tiger", "paper-tiger", "elephant"}

// RecordSchema is the JSON Schema of premortem records.
func RecordSchema() []byte {
	return rules.SchemaOf(reflect.TypeOf(record{}), "premortem-record-format-1", "propdeck premortem record, format 1",
		"The ideas of a premortem session, their groups, votes and places on the grid, and the picks that become scenarios, with owners, dates and signals.")
}

// parseRecord reads a premortem record, strictly, every error at its
// line, said in the record's language.
func parseRecord(name string, data []byte, p rules.Printing) (*record, error) {
	var r record
	err := rules.DecodeFileKeyed(name, data, &r, p, text.M("premortem-empty"), func(c rules.Check) {
		if r.Format != 1 && r.Format != 0 {
			c.Report("format", text.M("format-unsupported", "format", r.Format, "kind", text.M("format-premortem")))
		}
		if r.Language != "" && !vocab.Language.Has(r.Language) {
			oneOf(c, "language", r.Language, vocab.Language.Values)
		}
		checkDate(c, "date", r.Date)
		ids := checkIdeas(c, r.Ideas)
		checkGroups(c, r.Groups, ids)
	})
	var es *tomlfile.Errors
	if errors.As(err, &es) {
		in := es.In(r.lang())
		return nil, &in
	}
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// checkIdeas holds each idea to the record's rules and returns where
// each id was first used.
func checkIdeas(c rules.Check, ideas []Idea) map[string]string {
	seen := map[string]string{}
	picks := 0
	for i, idea := range ideas {
		p := "ideas." + strconv.Itoa(i)
		checkID(c, p, idea.ID, seen)
		if idea.Pick {
			picks++
			if strings.TrimSpace(idea.Text) == "" {
				c.Report(p, text.M("premortem-pick-no-text", "name", c.Name(p)))
			}
		}
		checkPlace(c, p, idea.Votes, idea.Impact, idea.Likelihood, idea.Class)
		checkDate(c, p+".due", idea.Due)
		oneLine(c, p+".owner", idea.Owner)
		for j, s := range idea.Signals {
			sp := p + ".signals." + strconv.Itoa(j)
			if strings.TrimSpace(s) == "" {
				c.Report(sp, text.M("premortem-empty-signal", "name", c.Name(sp)))
			}
			oneLine(c, sp, s)
		}
	}
	if picks == 0 && len(ideas) > 0 {
		c.Report("ideas", text.M("premortem-no-pick"))
	}
	return seen
}

// checkGroups: each group's ideas are ideas of the record, each in one
// group at most, and no group takes an idea's id.
func checkGroups(c rules.Check, groups []group, ideas map[string]string) {
	known := make([]string, 0, len(ideas))
	for id := range ideas {
		known = append(known, id)
	}
	sort.Strings(known)
	seen := maps.Clone(ideas)
	member := map[string]string{}
	for i, g := range groups {
		p := "groups." + strconv.Itoa(i)
		checkID(c, p, g.ID, seen)
		checkPlace(c, p, g.Votes, g.Impact, g.Likelihood, g.Class)
		oneLine(c, p+".title", g.Title)
		for j, id := range g.Ideas {
			ip := p + ".ideas." + strconv.Itoa(j)
			if _, ok := ideas[id]; !ok {
				c.Report(ip, text.M("premortem-unknown-idea", "name", c.Name(ip), "id", id, "hint", didYouMean(id, known)))
				continue
			}
			if other, in := member[id]; in {
				c.Report(ip, text.M("premortem-idea-in-two-groups", "name", c.Name(ip), "id", id, "other", c.Name(other)))
				continue
			}
			member[id] = p
		}
	}
}

// checkID: an id of the id rule, unique among ideas and groups.
func checkID(c rules.Check, p, id string, seen map[string]string) {
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		c.Report(p+".id", text.M("premortem-duplicate-id", "id", id, "first", numbered(first)))
		return
	}
	seen[id] = p
	if !rules.IDPattern.MatchString(id) {
		c.Report(p+".id", text.M("id-bad-chars", "what", text.M("id-of", "kind", c.Name(p)), "id", id, "hint", text.Message{}))
	}
}

// numbered names an entry by its place, "idea #2", where its id is the
// one that clashes.
func numbered(path string) text.Message {
	list, n, _ := strings.Cut(path, ".")
	i, _ := strconv.Atoi(n)
	return text.M("entry-number", "noun", text.M("noun-"+list), "n", i+1)
}

// checkPlace: votes are not negative, impact and likelihood are on the
// kit's 3 × 3 grid, and a class is one of the three.
func checkPlace(c rules.Check, p string, votes, impact, likelihood int64, class string) {
	if votes < 0 {
		c.Report(p+".votes", text.M("premortem-negative", "name", c.Name(p+".votes"), "value", votes))
	}
	for key, v := range map[string]int64{"impact": impact, "likelihood": likelihood} {
		if v != 0 && (v < 1 || v > 3) {
			c.Report(p+"."+key, text.M("premortem-scale", "name", c.Name(p+"."+key), "value", v))
		}
	}
	if class != "" && !slices.Contains(classes, class) {
		oneOf(c, p+".class", class, classes)
	}
}

func oneOf(c rules.Check, p, value string, allowed []string) {
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = strconv.Quote(a)
	}
	c.Report(p, text.M("not-one-of", "name", c.Name(p), "value", value, "allowed", strings.Join(quoted, ", "), "hint", didYouMean(value, allowed)))
}

func didYouMean(name string, known []string) text.Message {
	if sg := suggest.Closest(name, known); sg != "" {
		return text.M("hint-did-you-mean", "name", sg)
	}
	return text.Message{}
}

// oneLine: an owner, a signal and a group's title are one line each, as
// the sheets and the starters' comments show them.
func oneLine(c rules.Check, p, value string) {
	if strings.ContainsAny(value, "\r\n") {
		c.Report(p, text.M("premortem-one-line", "name", c.Name(p)))
	}
}

// checkDate: a date, when given, is YYYY-MM-DD.
func checkDate(c rules.Check, p, value string) {
	if value == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, value); err != nil {
		c.Report(p, text.M("not-a-date", "name", c.Name(p), "value", value))
	}
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
// lang is the language a record is written in: its language key, else read from its text:
// "ko" when most of its letters are Hangul, else "en".
func (r *record) lang() string {
	if r.Language != "" && vocab.Language.Has(r.Language) {
		return r.Language
	}
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
	IdeaLabel         string
	GroupLabel        string
	PlaceLabel        string
	ClassLabel        string
	OwnerLabel        string
	DueLabel          string
	SignalsLabel      string
	ThemesLabel       string
	RecordTemplate    string
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
	return starterText(background{}, idea, id, lang, catalog)
}

// background is what a starter says of the idea's group: its title and
// its other ideas.
type background struct {
	Group  string
	Others []Idea
}

func starterText(bg background, idea Idea, id, lang, catalog string) string {
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
	b.WriteString(". It builds as it is; write the story where it says fill in.\n")
	ideaNotes(&b, words, bg, idea)
	b.WriteString("format = 1\n\n[scenario]\n")
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

// ideaNotes are the starter's opening comments: what the premortem said
// of the idea. Every word of the record goes through tomlw.Comment, so
// that no line break or quote of it can start TOML.
func ideaNotes(b *strings.Builder, words starterWords, bg background, idea Idea) {
	c := tomlw.Comment
	line := func(label, value string) {
		if value != "" {
			fmt.Fprintf(b, "# %s: %s\n", c(label), c(value))
		}
	}
	list := func(items ...string) {
		for _, item := range items {
			fmt.Fprintf(b, "#   - %s\n", c(item))
		}
	}
	line(words.IdeaLabel, idea.Text)
	if len(bg.Others) > 0 {
		fmt.Fprintf(b, "# %s (%s):\n", c(words.GroupLabel), c(bg.Group))
		for _, o := range bg.Others {
			list(o.ID + ": " + o.Text)
		}
	}
	if idea.Impact > 0 || idea.Likelihood > 0 {
		place := strings.NewReplacer("{impact}", gridValue(idea.Impact), "{likelihood}", gridValue(idea.Likelihood)).Replace(words.PlaceLabel)
		fmt.Fprintf(b, "# %s\n", c(place))
	}
	line(words.ClassLabel, idea.Class)
	line(words.OwnerLabel, idea.Owner)
	line(words.DueLabel, idea.Due)
	if len(idea.Signals) > 0 {
		fmt.Fprintf(b, "# %s:\n", c(words.SignalsLabel))
		list(idea.Signals...)
	}
}

// gridValue is a place on the grid, or a dash where the room gave none.
func gridValue(v int64) string {
	if v == 0 {
		return "–"
	}
	return strconv.FormatInt(v, 10)
}

// backgrounds is, per idea id, its group's title and other ideas.
func (r *record) backgrounds() map[string]background {
	byID := map[string]Idea{}
	for _, idea := range r.Ideas {
		byID[idea.ID] = idea
	}
	out := map[string]background{}
	for _, g := range r.Groups {
		for _, id := range g.Ideas {
			bg := background{Group: g.Title}
			for _, other := range g.Ideas {
				if other != id {
					bg.Others = append(bg.Others, byID[other])
				}
			}
			if _, first := out[id]; !first {
				out[id] = bg
			}
		}
	}
	return out
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
// returns its picks, or its errors at FILE:LINE:COL; p is as for ParseCards.
func ParsePicks(name string, data []byte, p rules.Printing) ([]Pick, error) {
	r, err := parseRecord(name, data, p)
	if err != nil {
		return nil, err
	}
	var out []Pick
	for _, idea := range r.Picks() {
		out = append(out, Pick{Idea: idea, Date: r.Date, Starter: r.StarterID(idea)})
	}
	return out, nil
}
