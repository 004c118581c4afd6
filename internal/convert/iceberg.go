// Package convert writes a scenario in other exercise platforms' formats:
// IcebergTTX's scenario JSON, OpenAEV's chronogram spreadsheet and the
// HSEEP MSEL. Each keeps what its format has a place for; what it drops
// is told in the notes each converter returns, and in the reference.
package convert

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/iceberg"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// commsKinds are the clues that arrive as messages from outside: in
// IcebergTTX, communications a round's inject triggers.
var commsKinds = map[string]string{"customer": "Customer", "social": "Social media"}

// icebergPlan is the scenario laid out as IcebergTTX's graph: the rounds
// in a chain (through options where contingencies branch off), every
// timed clue a node released on its clock, on-request clues released by
// hand.
type icebergPlan struct {
	s       *scenarios.Session
	tl      scenarios.Timeline // s's, taken once: each round reads it
	out     *iceberg.Scenario
	notes   []text.Message
	rounds  []string // inject id of each round, in order
	comms   map[string]int
	replace map[string]bool
}

// icebergScenario is the scenario as an IcebergTTX scenario, and the notes of what
// it could not keep exactly.
func icebergScenario(s *scenarios.Session) (*iceberg.Scenario, []text.Message) {
	p := &icebergPlan{s: s, tl: s.Timeline(), out: &iceberg.Scenario{SchemaVersion: "1.0", Title: s.Title()}, comms: map[string]int{}, replace: map[string]bool{}}
	p.head()
	p.planComms()
	for i := range s.Rounds() {
		p.rounds = append(p.rounds, iceberg.RoundID(i))
	}
	if len(p.rounds) == 0 {
		p.rounds = []string{iceberg.Briefing}
		// Players read this inject: the briefing, never the facilitator's
		// summary of how it unfolds.
		inj := iceberg.Inject{ID: iceberg.Briefing, Title: s.Title(), Content: cmp.Or(s.Meta().Briefing, s.Title()), ReleaseAtMinutes: ptr(0), FreeTextResponse: ptr(true)}
		p.branch(&inj, 0)
		p.add(inj)
	}
	for i := range s.Rounds() {
		p.round(i)
	}
	for _, r := range p.tl.Reveals {
		if _, ok := p.comms[r.Clue.ID]; !ok {
			p.clue(r)
		}
	}
	p.out.StartInjectID = p.rounds[0]
	return p.out, p.notes
}

func ptr[T any](v T) *T { return &v }

func (p *icebergPlan) head() {
	s := p.s
	p.out.Description = ptr(s.Meta().Summary)
	p.out.Tags = []string{"propdeck"}
	p.out.Metadata.Author = ptr("propdeck")
	if d := s.Meta().DurationValue; d > 0 {
		p.out.Metadata.EstimatedDurationMinutes = ptr(int(d.Round(time.Minute) / time.Minute))
	}
	for _, r := range s.Roles() {
		p.out.ParticipantTeams = append(p.out.ParticipantTeams, iceberg.Team{ID: r.ID, Label: r.Name})
	}
	if qs := s.Worksheets().Questions; len(qs) > 0 {
		p.out.DebriefNotes = ptr(strings.Join(qs, "\n"))
	}
}

// planComms picks the comms clues a round's inject can trigger: timed,
// for everyone (triggered messages reach all teams), in a round, within a
// day of its start and not replaced by a contingency.
func (p *icebergPlan) planComms() {
	for _, r := range p.tl.Of(written.Contingent) {
		p.replace[r.Clue.Replaces] = true
	}
	for _, r := range p.tl.Of(written.Timed) {
		c := r.Clue
		if _, ok := commsKinds[c.Kind]; !ok || c.To != nil || r.Round < 0 || p.replace[c.ID] {
			continue
		}
		if c.Offset-p.s.Round(r.Round).Offset <= iceberg.MaxTriggerDelay*time.Second {
			p.comms[c.ID] = r.Round
		}
	}
}

func (p *icebergPlan) add(inj iceberg.Inject) {
	inj.SequenceOrder = len(p.out.Injects) + 1
	if inj.TargetTeams == nil {
		inj.TargetTeams = []string{}
	}
	for _, l := range []*[]string{&inj.ExpectedActions} {
		if *l == nil {
			*l = []string{}
		}
	}
	if inj.Options == nil {
		inj.Options = []iceberg.Option{}
	}
	if inj.TriggersCommunications == nil {
		inj.TriggersCommunications = []iceberg.Comm{}
	}
	p.out.Injects = append(p.out.Injects, inj)
}

// minutes is an offset in IcebergTTX's whole minutes from the start, with
// a note when that moves it.
func (p *icebergPlan) minutes(what text.Message, d time.Duration) *int {
	m := int(d.Round(time.Minute) / time.Minute)
	if m < 0 {
		p.notes = append(p.notes, text.M("convert-before-start", "what", what, "at", written.FormatOffset(d)))
		return ptr(0)
	}
	if time.Duration(m)*time.Minute != d {
		p.notes = append(p.notes, text.M("convert-whole-minutes", "what", what, "at", written.FormatOffset(d), "m", m))
	}
	return &m
}

// round is round i's inject: read aloud with its questions, its expected
// actions as cues, its comms as triggered messages, and the way on to
// the next round: a branch per contingency in it, or straight on.
func (p *icebergPlan) round(i int) {
	r := p.s.Round(i)
	inj := iceberg.Inject{ID: p.rounds[i], Title: r.Title, Content: iceberg.RoundContent(r.Setup, r.Questions), FreeTextResponse: ptr(true),
		ReleaseAtMinutes: p.minutes(text.M("convert-round", "title", r.Title), r.Offset)}
	for _, e := range r.Expect {
		inj.ExpectedActions = append(inj.ExpectedActions, iceberg.ExpectText(e.Role, e.Action, e.By))
	}
	for _, c := range p.tl.Of(written.Timed) {
		if k, ok := p.comms[c.Clue.ID]; ok && k == i {
			inj.TriggersCommunications = append(inj.TriggersCommunications, iceberg.Comm{ExternalEntity: commsKinds[c.Clue.Kind], Direction: "inbound",
				Subject: c.Clue.Title, Body: c.Clue.Body, DelayAfterReleaseSeconds: int((c.At() - r.Offset) / time.Second)})
		}
	}
	p.branch(&inj, i)
	p.add(inj)
}

// branch is the way on from round i's inject: an option per contingency
// in the round, its condition as the label, and one for none of them; or
// straight on to the next round.
func (p *icebergPlan) branch(inj *iceberg.Inject, i int) {
	next := p.nextRound(i)
	for _, c := range p.contingencies(i) {
		inj.Options = append(inj.Options, iceberg.Option{ID: iceberg.OptionID(c.ID, c.Replaces), Label: c.When, NextInjectID: ptr(c.ID)})
	}
	if len(inj.Options) > 0 {
		inj.Options = append(inj.Options, iceberg.Option{ID: iceberg.Otherwise, Label: "None of these", NextInjectID: next})
	} else {
		inj.NextInjectID = next
	}
}

func (p *icebergPlan) nextRound(i int) *string {
	if i+1 < len(p.rounds) {
		return ptr(p.rounds[i+1])
	}
	return nil
}

// contingencies are the contingent clues whose branch leaves from round
// i: those in it, and for the first round those before any round.
func (p *icebergPlan) contingencies(i int) []*written.Clue {
	var out []*written.Clue
	for _, r := range p.tl.Of(written.Contingent) {
		if max(r.Round, 0) == i {
			out = append(out, r.Clue)
		}
	}
	return out
}

// clue is a clue's inject. A timed one is released on its clock and leads
// nowhere, so that it arrives whatever the team answered; a contingent one
// is a branch's target and goes on to the next round; an on-request one is
// released by hand. The note and what is asked for are cues.
func (p *icebergPlan) clue(r scenarios.Reveal) {
	c := r.Clue
	inj := iceberg.Inject{ID: c.ID, Title: c.Title, Content: cardText(p.s, c), TargetTeams: c.To, FreeTextResponse: ptr(false)}
	switch r.Mode() {
	case written.Timed:
		inj.ReleaseAtMinutes = p.minutes(text.M("convert-clue", "id", c.ID), c.Offset)
	case written.Contingent:
		inj.ReleaseAtMinutes = p.minutes(text.M("convert-clue", "id", c.ID), c.Offset)
		inj.NextInjectID = p.nextRound(max(r.Round, 0))
	case written.OnRequest:
		inj.ExpectedActions = append(inj.ExpectedActions, iceberg.AskCue+c.Ask)
		if r.HasAt {
			inj.ExpectedActions = append(inj.ExpectedActions, iceberg.NotBeforeCue+written.FormatOffset(c.Offset))
		}
	}
	if c.To != nil && len(c.To) == 0 {
		inj.ExpectedActions = append(inj.ExpectedActions, iceberg.NobodyCue)
	}
	if c.Note != "" {
		inj.ExpectedActions = append(inj.ExpectedActions, iceberg.NoteCue+c.Note)
	}
	p.add(inj)
}

// cardText is what a clue's card says, as text: a log's lines as printed,
// a chart's series from first value to last.
func cardText(s *scenarios.Session, c *written.Clue) string {
	parts := []string{}
	if c.Body != "" {
		parts = append(parts, c.Body)
	}
	if c.Log != nil {
		var lines []string
		for _, e := range s.LogEntries(*c) {
			lines = append(lines, s.LogLine(e, c.Log.Format))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	if c.Metric != nil {
		parts = append(parts, metricText(s, c))
	}
	return strings.Join(parts, "\n\n")
}

// metricText is a chart in words: each series from its first value to its
// last over the window, and the threshold.
func metricText(s *scenarios.Session, c *written.Clue) string {
	m := c.Metric
	var lines []string
	for i, sr := range m.Series {
		sm := s.Samples(*c, i)
		if len(sm) == 0 {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %s → %s %s, %s to %s", sr.Name, num(sm[0].Value), num(sm[len(sm)-1].Value), m.Unit,
			s.Clock(sm[0].Offset), s.Clock(sm[len(sm)-1].Offset)))
	}
	if m.Threshold != nil {
		lines = append(lines, fmt.Sprintf("threshold %s %s", num(*m.Threshold), m.Unit))
	}
	return strings.Join(lines, "\n")
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }
