package importer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/iceberg"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// icPlan is an IcebergTTX scenario on its way to a propdeck one: roles,
// rounds and clues with propdeck's ids, and the notes of what did not map.
type icPlan struct {
	ctx    context.Context
	name   string // the file's, for its problems' places
	src    *iceberg.Scenario
	index  map[string]int // inject id -> its place in src.Injects
	roles  []role
	teams  map[string]string // IcebergTTX team id -> role id
	rounds []icRound
	clues  []icClue
	ids    map[string]string // inject id -> clue id
	taken  map[string]bool   // clue ids given
	notes  []text.Message
	step   time.Duration
	times  map[string]time.Duration // inject id -> when, for a file with no times
	// sorted is how many of the rounds are known to be in time order, so
	// that finding a time's round is a binary search.
	sorted int
}

type icRound struct {
	at        time.Duration
	title     string
	setup     string
	questions []string
	expect    []icExpect
}

type icExpect struct{ role, action, by string }

type icClue struct {
	id, title, body, note string
	at                    time.Duration
	hasAt                 bool
	ask, when, insteadOf  string
	kind                  string
	to                    []string // nil: everyone
	// from is the inject the clue comes from, and message the subject of
	// its communication when it is one, so that a time past propdeck's
	// week is reported at that inject's line.
	from, message string
	isMessage     bool
}

// Iceberg turns an IcebergTTX scenario file into a propdeck scenario that
// validates and builds, and lists on the notes what did not map. A file
// propdeck wrote comes back as it was: rounds, clues, times, recipients,
// contingencies, expected actions, notes and asks.
func Iceberg(ctx context.Context, name string, data []byte, id string) ([]byte, []text.Message, error) {
	out, notes, err := icebergPlan(ctx, name, data, id)
	if err != nil {
		return nil, nil, err
	}
	if err := checkIceberg(ctx, name, out); err != nil {
		return nil, nil, err
	}
	return out, notes, nil
}

// icebergPlan reads, plans and writes the scenario: the import's own work,
// before the check that it builds.
func icebergPlan(ctx context.Context, name string, data []byte, id string) ([]byte, []text.Message, error) {
	src, notes, err := iceberg.ReadContext(ctx, data)
	if err != nil {
		return nil, nil, placed(name, err)
	}
	p := &icPlan{ctx: ctx, name: name, src: src, index: map[string]int{}, teams: map[string]string{}, ids: map[string]string{}, taken: map[string]bool{}, notes: notes, times: map[string]time.Duration{}}
	for i, inj := range src.Injects {
		if _, dup := p.index[strings.TrimSpace(inj.ID)]; !dup {
			p.index[strings.TrimSpace(inj.ID)] = i
		}
	}
	if err := p.releasesWithinAWeek(); err != nil {
		return nil, nil, &importError{problemsOf(err)}
	}
	p.planRoles()
	p.planIDs()
	if p.ours() {
		err = p.planOurs()
	} else {
		err = p.planForeign()
	}
	if err != nil {
		return nil, nil, err
	}
	if err := p.cluesWithinAWeek(); err != nil {
		return nil, nil, &importError{problemsOf(err)}
	}
	p.unmapped()
	return p.write(name, id), p.notes, nil
}

// placed puts a file's problems at its name.
func placed(name string, err error) error {
	var ps iceberg.Problems
	if errors.As(err, &ps) {
		var out problems
		for _, e := range ps {
			out = append(out, problem{fmt.Sprintf("%s:%d:%d", name, e.Pos.Line, e.Pos.Col), e.Msg})
		}
		return &importError{out}
	}
	return text.Fail("file-error", "file", name, "err", err)
}

// importError is a file that cannot be imported: every problem, each at
// its line.
type importError struct{ problems }

// maxRoleName is the longest team label a badge prints whole.
const maxRoleName = 32

// ours reports whether propdeck wrote the file: its start is a round's
// inject or the briefing.
func (p *icPlan) ours() bool {
	_, round := iceberg.RoundIndex(p.src.StartInjectID)
	return round || p.src.StartInjectID == iceberg.Briefing
}

func (p *icPlan) planRoles() {
	taken := map[string]bool{}
	for _, t := range p.src.ParticipantTeams {
		id := uniqueID(rules.SafeID(t.ID, "team"), taken)
		p.teams[strings.TrimSpace(t.ID)] = id
		name := strings.Join(strings.Fields(cleanText(&p.notes, text.M("import-iceberg-team", "id", t.ID), cmpOr(t.Label, t.ID))), " ")
		if r := []rune(name); len(r) > maxRoleName {
			// A badge prints its name large, on two lines at most.
			p.notes = append(p.notes, text.M("import-iceberg-label-cut", "id", t.ID, "n", maxRoleName))
			name = string(r[:maxRoleName-1]) + "…"
		}
		p.roles = append(p.roles, role{id, name})
	}
	if len(p.roles) == 0 {
		p.roles = []role{{"team", "Everyone"}}
		p.notes = append(p.notes, text.M("import-iceberg-no-teams"))
	}
}

// planIDs gives every inject that becomes a clue a propdeck id.
func (p *icPlan) planIDs() {
	for _, inj := range p.src.Injects {
		if _, round := iceberg.RoundIndex(inj.ID); round || inj.ID == iceberg.Briefing {
			continue
		}
		p.ids[inj.ID] = uniqueID(rules.SafeID(inj.ID, "clue"), p.taken)
	}
}

func uniqueID(id string, taken map[string]bool) string {
	base := id
	for n := 2; taken[id]; n++ {
		id = fmt.Sprintf("%s-%d", base[:min(len(base), 59)], n)
	}
	taken[id] = true
	return id
}

func cmpOr(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

// cleanText is outside text as a card can print it: characters the fonts
// cannot print become "?", with a note.
func cleanText(notes *[]text.Message, where text.Message, s string) string {
	n := 0
	out := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if rules.CheckText(string(r), cards.Printing) != nil {
			n++
			return '?'
		}
		return r
	}, s)
	if n > 0 {
		*notes = append(*notes, text.M("import-iceberg-unprintable", "where", where, "n", n))
	}
	return out
}

// targets are an inject's recipients as role ids: nil, everyone, when it
// names no team, as IcebergTTX means it.
func (p *icPlan) targets(inj iceberg.Inject) []string {
	if len(inj.TargetTeams) == 0 {
		return nil
	}
	var out []string
	for _, t := range inj.TargetTeams {
		out = append(out, p.teams[strings.TrimSpace(t)])
	}
	return out
}

// cues reads an inject's evaluator cues: propdeck's own (the note, what
// is asked for, not before, for the facilitator only), and the rest as
// expected actions.
func (p *icPlan) cues(inj iceberg.Inject, c *icClue) []string {
	var rest []string
	for _, cue := range inj.ExpectedActions {
		switch {
		case strings.HasPrefix(cue, iceberg.NoteCue):
			c.note = strings.TrimPrefix(cue, iceberg.NoteCue)
		case strings.HasPrefix(cue, iceberg.AskCue):
			c.ask = strings.TrimPrefix(cue, iceberg.AskCue)
		case strings.HasPrefix(cue, iceberg.NotBeforeCue):
			if d, err := written.ParseOffsetValue(strings.TrimPrefix(cue, iceberg.NotBeforeCue)); err == nil {
				c.at, c.hasAt = d, true
			}
		case cue == iceberg.NobodyCue:
			c.to = []string{}
		default:
			rest = append(rest, cue)
		}
	}
	return rest
}

// clueOf is an inject as a clue, its text made printable.
func (p *icPlan) clueOf(inj iceberg.Inject) icClue {
	id := p.ids[inj.ID]
	c := icClue{id: id, kind: "observation", to: p.targets(inj), from: inj.ID,
		title: cleanText(&p.notes, injectAt(inj.ID), cmpOr(strings.TrimSpace(inj.Title), inj.ID)),
		body:  cleanText(&p.notes, injectAt(inj.ID), strings.TrimSpace(inj.Content))}
	if inj.ReleaseAtMinutes != nil {
		c.at, c.hasAt = time.Duration(*inj.ReleaseAtMinutes)*time.Minute, true
	}
	return c
}

// commsOf are the messages an inject triggers, as clues at its time plus
// the delay: from outside (inbound) for everyone, outbound ones for the
// facilitator, whose console IcebergTTX shows them in.
func (p *icPlan) commsOf(inj iceberg.Inject, at time.Duration, prefix string) []icClue {
	var out []icClue
	for i, m := range inj.TriggersCommunications {
		c := icClue{id: uniqueID(fmt.Sprintf("%s-m%d", prefix, i+1), p.taken), kind: "customer", at: at + time.Duration(m.DelayAfterReleaseSeconds)*time.Second, hasAt: true,
			from: inj.ID, message: cmpOr(m.Subject, m.ExternalEntity), isMessage: true,
			title: cleanText(&p.notes, injectAt(inj.ID), cmpOr(m.Subject, m.ExternalEntity)), body: cleanText(&p.notes, injectAt(inj.ID), m.Body)}
		if m.ExternalEntity == "Social media" {
			c.kind = "social"
		}
		if m.Direction == "outbound" {
			c.kind, c.to = "status", []string{}
		}
		if m.ExternalEntity != "" && m.ExternalEntity != "Customer" && m.ExternalEntity != "Social media" {
			c.note = "From " + cleanText(&p.notes, injectAt(inj.ID), m.ExternalEntity)
		}
		out = append(out, c)
	}
	return out
}

// expectOf is a cue as an expected action: propdeck's "role: action (by
// T+5m)", or any other text for the inject's first target (else the
// first role).
func (p *icPlan) expectOf(cue string, inj iceberg.Inject) icExpect {
	if team, action, by, ok := iceberg.ParseExpect(cue); ok && p.teams[team] != "" {
		return icExpect{p.teams[team], cleanText(&p.notes, injectAt(inj.ID), action), by}
	}
	who := p.roles[0].id
	if t := p.targets(inj); len(t) > 0 {
		who = t[0]
	}
	return icExpect{who, cleanText(&p.notes, injectAt(inj.ID), cue), ""}
}

// unmapped notes what IcebergTTX has that propdeck does not keep.
func (p *icPlan) unmapped() {
	if len(p.src.Tags) > 0 && !slices.Equal(p.src.Tags, []string{"propdeck"}) {
		p.notes = append(p.notes, text.M("import-iceberg-tags", "tags", list(p.src.Tags)))
	}
	if p.src.Metadata.Author != nil && *p.src.Metadata.Author != "propdeck" {
		p.notes = append(p.notes, text.M("import-iceberg-author"))
	}
	if slices.ContainsFunc(p.src.Injects, func(i iceberg.Inject) bool { return i.FreeTextResponse == nil || *i.FreeTextResponse }) && !p.ours() {
		p.notes = append(p.notes, text.M("import-iceberg-free-text"))
	}
}

// injectAt and keyAt name where a text that lost characters came from.
func injectAt(id string) text.Message { return text.M("import-iceberg-inject", "id", id) }

func keyAt(key string) text.Message { return text.M("as-written", "text", key) }
