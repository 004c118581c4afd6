package written

import (
	"maps"
	"slices"

	"github.com/propdeck/propdeck/internal/tomlfile"
)

// Each written type's clone copies it deep enough that changing the copy
// (its lists, tables, pointed-to values) never changes the original: a
// Session hands out clones, so that no reader changes what another reads.

// CloneEach is a deep copy of a list, one clone an element: the one
// every holder of written values (a Session) copies its lists with.
func CloneEach[T any](in []T, clone func(T) T) []T {
	if in == nil {
		return nil
	}
	out := make([]T, len(in))
	for i, x := range in {
		out[i] = clone(x)
	}
	return out
}

// Clone is a copy of the whole scenario, deep. It starts from a copy of
// every field and clones each list, table and pointer in it, so a field
// added to Scenario must be cloned here too: TestScenarioCloneSharesNothing
// fails while it is shared.
func (w Scenario) Clone() Scenario {
	w.Scenario = w.Scenario.Clone()
	w.Print = w.Print.Clone()
	w.Roles = CloneEach(w.Roles, Role.Clone)
	w.Systems = CloneEach(w.Systems, System.Clone)
	w.Rounds = CloneEach(w.Rounds, Round.Clone)
	w.Clues = CloneEach(w.Clues, Clue.Clone)
	w.Worksheets = w.Worksheets.Clone()
	w.Premortem = w.Premortem.Clone()
	w.Complications = w.Complications.Clone()
	w.Notes = CloneEach(w.Notes, CloneNote)
	return w
}

// CloneNote is a copy of a note (one of Scenario.Notes) whose message
// values are its own.
func CloneNote(e tomlfile.Error) tomlfile.Error {
	e.Text = e.Text.Clone()
	return e
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

func (m Meta) Clone() Meta {
	m.Tags = slices.Clone(m.Tags)
	m.Sources = slices.Clone(m.Sources)
	m.Include = slices.Clone(m.Include)
	m.RolesOnly = slices.Clone(m.RolesOnly)
	m.SystemsOnly = slices.Clone(m.SystemsOnly)
	return m
}

func (p Print) Clone() Print {
	p.CutMarks = clonePtr(p.CutMarks)
	return p
}

func (r Role) Clone() Role {
	r.Responsibilities = slices.Clone(r.Responsibilities)
	r.Decides = slices.Clone(r.Decides)
	return r
}

func (s System) Clone() System {
	s.DependsOn = slices.Clone(s.DependsOn)
	return s
}

func (r Round) Clone() Round {
	r.Questions = slices.Clone(r.Questions)
	r.Expect = slices.Clone(r.Expect)
	r.Only = slices.Clone(r.Only)
	r.Polls = CloneEach(r.Polls, Poll.Clone)
	return r
}

func (p Poll) Clone() Poll {
	p.Options = slices.Clone(p.Options)
	return p
}

func (c Clue) Clone() Clue {
	c.To = slices.Clone(c.To)
	c.Only = slices.Clone(c.Only)
	if c.Log != nil {
		l := c.Log.Clone()
		c.Log = &l
	}
	if c.Metric != nil {
		m := c.Metric.Clone()
		c.Metric = &m
	}
	if c.StatusPage != nil {
		p := *c.StatusPage
		p.Components = slices.Clone(p.Components)
		c.StatusPage = &p
	}
	return c
}

func (l Log) Clone() Log {
	l.Lines = CloneEach(l.Lines, func(ln LogLine) LogLine { ln.Fields = maps.Clone(ln.Fields); return ln })
	l.FileLines = slices.Clone(l.FileLines)
	if l.Generate != nil {
		g := *l.Generate
		g.Levels = maps.Clone(g.Levels)
		g.Messages = g.Messages.Clone()
		g.Phases = CloneEach(g.Phases, func(p LogPhase) LogPhase {
			p.Levels = maps.Clone(p.Levels)
			p.Messages = p.Messages.Clone()
			return p
		})
		l.Generate = &g
	}
	return l
}

func (m Messages) Clone() Messages {
	m.Any = slices.Clone(m.Any)
	if m.ByLevel != nil {
		by := make(map[string][]string, len(m.ByLevel))
		for k, v := range m.ByLevel {
			by[k] = slices.Clone(v)
		}
		m.ByLevel = by
	}
	return m
}

func (m Metric) Clone() Metric {
	m.Threshold, m.YMin, m.YMax = clonePtr(m.Threshold), clonePtr(m.YMin), clonePtr(m.YMax)
	m.Annotations = slices.Clone(m.Annotations)
	m.Series = CloneEach(m.Series, Series.Clone)
	return m
}

func (s Series) Clone() Series {
	s.Baseline = clonePtr(s.Baseline)
	s.Changes = slices.Clone(s.Changes)
	s.Points = slices.Clone(s.Points)
	s.Samples = slices.Clone(s.Samples)
	return s
}

func (w Worksheets) Clone() Worksheets {
	w.Scribe, w.Debrief, w.Premortem = clonePtr(w.Scribe), clonePtr(w.Debrief), clonePtr(w.Premortem)
	w.Questions = slices.Clone(w.Questions)
	return w
}

func (p Premortem) Clone() Premortem {
	p.Themes = slices.Clone(p.Themes)
	return p
}

func (c Complications) Clone() Complications {
	c.Sets = slices.Clone(c.Sets)
	c.Pick = slices.Clone(c.Pick)
	c.Cards = slices.Clone(c.Cards)
	return c
}
