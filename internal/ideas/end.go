package ideas

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/mdw"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// Words are a live premortem's words in a language (the catalog's
// ideas.toml): the pages' words, the labels of the phases and classes,
// and what the summary says.
type Words struct {
	// Links name each page on premortem --live's line beside its URL.
	Links   map[string]string `json:"-"`
	Page    map[string]string
	Phases  map[string]string
	Classes map[string]string
	Summary struct {
		Title, Prompt, Ideas, Ungrouped, Votes, Grid, Place, Picks, Owner, Due, Signals, None string
	}
}

// WordsFor are the words of a language.
func WordsFor(lang string) Words { return text.Load[Words](lang, "ideas") }

// record is the room's ideas as the premortem record holds them.
type recordIdea struct {
	Idea
	Theme string
	Votes int
	Spot
	pick *Event
}

// Record is the premortem record the session adds up to, in the format
// premortem --record writes and init --from-premortem reads: every idea
// not hidden, its group, dots, place and class, and the picks with their
// owners, dues and signals. A group picked is its most-voted idea picked,
// the group's other ideas its background.
func (st *State) Record(room Room, date string) []byte {
	var b strings.Builder
	q := tomlw.Quote
	fmt.Fprintf(&b, "#:schema %s\nformat = 1\ndate = %s\nlanguage = %s\nprompt = %s\n", premortem.RecordSchemaFile, q(date), q(room.Lang), q(room.Prompt))
	for _, i := range st.recordIdeas() {
		fmt.Fprintf(&b, "\n[[ideas]]\nid = %s\ntext = %s\n", q(i.ID), q(i.Text))
		if i.Theme != "" {
			fmt.Fprintf(&b, "theme = %s\n", q(i.Theme))
		}
		spot(&b, i.Votes, i.Spot)
		if p := i.pick; p != nil {
			b.WriteString("pick = true\n")
			if p.Owner != "" {
				fmt.Fprintf(&b, "owner = %s\n", q(p.Owner))
			}
			if p.Due != "" {
				fmt.Fprintf(&b, "due = %s\n", q(p.Due))
			}
			if len(p.Signals) > 0 {
				fmt.Fprintf(&b, "signals = %s\n", tomlw.Strings(p.Signals))
			}
		}
	}
	for _, g := range st.Groups {
		fmt.Fprintf(&b, "\n[[groups]]\nid = %s\ntitle = %s\nideas = %s\n", q(g.ID), q(g.Title), tomlw.Strings(g.Ideas))
		spot(&b, st.Votes[g.ID], st.spotOf(g.ID))
	}
	return []byte(b.String())
}

func spot(b *strings.Builder, votes int, s Spot) {
	if votes > 0 {
		fmt.Fprintf(b, "votes = %d\n", votes)
	}
	if s.Impact > 0 {
		fmt.Fprintf(b, "impact = %d\nlikelihood = %d\n", s.Impact, s.Likelihood)
	}
	if s.Class != "" {
		fmt.Fprintf(b, "class = %s\n", tomlw.Quote(s.Class))
	}
}

func (st *State) spotOf(id string) Spot {
	p := st.Places[id]
	return Spot{p.Impact, p.Likelihood, p.Class}
}

// recordIdeas are the ideas not hidden, in the order of their ids, each
// with its group's title, dots, place and pick.
func (st *State) recordIdeas() []recordIdea {
	theme := map[string]string{}
	for _, g := range st.Groups {
		for _, id := range g.Ideas {
			theme[id] = g.Title
		}
	}
	var out []recordIdea
	for _, i := range st.Ideas {
		if !i.Hidden {
			out = append(out, recordIdea{Idea: i, Theme: theme[i.ID], Votes: st.Votes[i.ID], Spot: st.spotOf(i.ID)})
		}
	}
	slices.SortFunc(out, func(a, b recordIdea) int { return strings.Compare(a.ID, b.ID) })
	for k := range st.Picks {
		p := &st.Picks[k]
		if at := slices.IndexFunc(out, func(r recordIdea) bool { return r.ID == st.pickedIdea(p.Target) }); at >= 0 {
			out[at].pick = p
		}
	}
	return out
}

// pickedIdea is the idea a pick makes a starter of: the idea itself, or
// a group's most-voted idea (the first, by id, of equals).
func (st *State) pickedIdea(target string) string {
	g := st.group(target)
	if g < 0 {
		return target
	}
	ids := slices.Sorted(slices.Values(st.Groups[g].Ideas))
	best := ids[0]
	for _, id := range ids {
		if st.Votes[id] > st.Votes[best] {
			best = id
		}
	}
	return best
}

// name is an idea's text or a group's title.
func (st *State) name(id string) string {
	if i := st.idea(id); i >= 0 {
		return st.Ideas[i].Text
	}
	if g := st.group(id); g >= 0 {
		return st.Groups[g].Title
	}
	return id
}

// Summary is the one-page summary as one flowed document, for the PDF
// and the Markdown alike: the prompt, every idea by group with its dots,
// the grid, and the picks with their owners.
func (st *State) Summary(room Room, date string) documents.Flowed {
	w := WordsFor(room.Lang).Summary
	doc := documents.Flowed{Name: "summary", Title: w.Title, Date: date}
	doc.Sections = append(doc.Sections, documents.FlowedSection{Heading: w.Prompt, Items: []documents.FlowedItem{{Lines: []string{room.Prompt}}}})
	ideas := documents.FlowedSection{Heading: w.Ideas}
	grouped := map[string]bool{}
	dots := func(id string) string {
		if st.Votes[id] == 0 {
			return ""
		}
		return " · " + strings.NewReplacer("{n}", strconv.Itoa(st.Votes[id])).Replace(w.Votes)
	}
	for _, g := range st.Groups {
		item := documents.FlowedItem{Head: g.Title + dots(g.ID)}
		for _, id := range g.Ideas {
			grouped[id] = true
			item.Lines = append(item.Lines, st.name(id)+dots(id))
		}
		ideas.Items = append(ideas.Items, item)
	}
	rest := documents.FlowedItem{Head: w.Ungrouped}
	for _, i := range st.recordIdeas() {
		if !grouped[i.ID] {
			rest.Lines = append(rest.Lines, i.Text+dots(i.ID))
		}
	}
	if len(rest.Lines) > 0 {
		ideas.Items = append(ideas.Items, rest)
	}
	doc.Sections = append(doc.Sections, ideas, st.gridSection(room, w.Grid, w.Place), st.picksSection(room.Lang))
	return doc
}

// gridSection lists what was placed, highest impact and likelihood first.
func (st *State) gridSection(room Room, heading, place string) documents.FlowedSection {
	classes := WordsFor(room.Lang).Classes
	ids := slices.Collect(func(yield func(string) bool) {
		for id := range st.Places {
			if !yield(id) {
				return
			}
		}
	})
	slices.SortFunc(ids, func(a, b string) int {
		pa, pb := st.Places[a], st.Places[b]
		return cmp.Or(-cmp.Compare(pa.Impact*pa.Likelihood, pb.Impact*pb.Likelihood), strings.Compare(a, b))
	})
	sec := documents.FlowedSection{Heading: heading}
	for _, id := range ids {
		p := st.Places[id]
		line := strings.NewReplacer("{impact}", strconv.Itoa(p.Impact), "{likelihood}", strconv.Itoa(p.Likelihood)).Replace(place)
		if p.Class != "" {
			line += " · " + classes[p.Class]
		}
		sec.Items = append(sec.Items, documents.FlowedItem{Head: st.name(id), Lines: []string{line}})
	}
	return sec
}

func (st *State) picksSection(lang string) documents.FlowedSection {
	w := WordsFor(lang).Summary
	sec := documents.FlowedSection{Heading: w.Picks}
	for _, p := range st.Picks {
		item := documents.FlowedItem{Head: st.name(p.Target)}
		item.Lines = append(item.Lines, w.Owner+": "+cmp.Or(p.Owner, w.None), w.Due+": "+cmp.Or(p.Due, w.None))
		for _, s := range p.Signals {
			item.Lines = append(item.Lines, w.Signals+": "+s)
		}
		sec.Items = append(sec.Items, item)
	}
	return sec
}

// Markdown is the summary as Markdown: every text the room typed goes
// through mdw, so that none becomes a heading, a link, a list or HTML.
func Markdown(doc documents.Flowed) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n", mdw.Heading(doc.Title), mdw.Inline(doc.Date))
	for _, s := range doc.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n", mdw.Heading(s.Heading))
		for _, it := range s.Items {
			if it.Head != "" {
				fmt.Fprintf(&b, "**%s**\n\n", mdw.Inline(it.Head))
			}
			for _, l := range it.Lines {
				fmt.Fprintf(&b, "- %s\n", mdw.Item(l))
			}
			b.WriteString("\n")
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n")
}
