package importer

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
)

// PostmortemOptions say how to read a postmortem.
type PostmortemOptions struct {
	T0   time.Time // wall clock of T+0; zero: the first timeline entry's
	Lang string    // the draft's language; "": the postmortem's (ko in Hangul)
}

// Postmortem drafts a scenario from a Markdown postmortem: the summary
// as the synopsis, the impact as the opening situation, the timeline as
// timed clues and expected actions (as import timeline splits them), the
// root cause and contributing factors as on-request clues and
// complications, the action items as what a rehearsal should now meet.
// The draft validates and builds as written; notes list what it could
// not place. Every bad entry is reported at once, at FILE:LINE:COL.
func Postmortem(name string, data []byte, id string, opt PostmortemOptions) ([]byte, []text.Message, error) {
	if !utf8.Valid(data) {
		r := &mdReader{src: data, lines: lineStarts(data)}
		p := r.at(invalidAt(data))
		return nil, nil, failAt(fmt.Sprintf("%s:%d:%d", name, p.line, p.col), "import-not-utf8")
	}
	p, err := planPostmortem(name, data, opt)
	if err != nil {
		return nil, nil, err
	}
	out, starts, lines := p.write(name, id)
	if err := checkSkeleton(name, out, starts, lines); err != nil {
		return nil, nil, err
	}
	return out, p.notes, nil
}

func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return 0
}

// badRuneAt is how many characters of a text come before the first that
// CheckText refuses: the column of it on the text's first line.
func badRuneAt(t string) int {
	i := 0
	for _, r := range t {
		if r == '\n' {
			return 0 // on a later line: the text's start is the place
		}
		if rules.CheckText(string(r), cards.Printing) != nil {
			return i
		}
		i++
	}
	return 0
}

// pmText is a piece of the postmortem and the line it came from.
type pmText struct {
	text string
	line int
}

// pmDraft is a postmortem on its way to a scenario.
type pmDraft struct {
	w                      draftWords
	lang                   string
	t0                     time.Time
	dated                  bool // t0's day came from the postmortem or --t0
	title, summary, impact pmText
	sk                     skeleton
	asks                   []pmAsk
	complications          []pmText
	actions                []pmAction
	cast                   map[string]string // a person's first role, by personKey
	notes                  []text.Message
}

// pmAsk is an on-request clue: a root cause or a contributing factor.
type pmAsk struct {
	pmText
	ask, note string
}

type pmAction struct {
	pmText
	role, who string // who: the owner, when a person
}

func planPostmortem(name string, data []byte, opt PostmortemOptions) (*pmDraft, error) {
	d := readPostmortem(data)
	p := &pmDraft{lang: cmpOr(opt.Lang, d.lang)}
	p.w = wordsFor(p.lang)
	var errs []error
	check := func(t string, at pos) {
		if err := rules.CheckText(t, cards.Printing); err != nil {
			errs = append(errs, failAt(fmt.Sprintf("%s:%d:%d", name, at.line, at.col+badRuneAt(t)), "import-text-bad", "err", err))
		}
	}
	p.title = pmText{strings.TrimSpace(titlePrefix.ReplaceAllString(d.title, "")), d.titlePos.line}
	check(p.title.text, d.titlePos)
	var timeline []block
	parts := map[section][]part{}
	for _, pt := range d.parts {
		parts[pt.kind] = append(parts[pt.kind], pt)
		if pt.kind == secTimeline {
			timeline = append(timeline, pt.blocks...)
		}
	}
	p.summary = p.prose(name, parts[secSummary], check)
	p.impact = p.prose(name, parts[secImpact], check)
	if err := p.planTimeline(name, data, timeline, opt); errors.Is(err, errNoTimeline) {
		errs = append(errs, failAt(name, "import-no-timeline", "hint", misspeltTimeline(d.parts)))
	} else if err != nil {
		errs = append(errs, err)
	}
	p.planCauses(parts, check)
	p.planActions(parts[secActions], check)
	if slices.ContainsFunc(p.actions, func(a pmAction) bool { return a.role == "ic" }) && !slices.ContainsFunc(p.sk.roles, func(r role) bool { return r.id == "ic" }) {
		p.sk.roles = append([]role{{"ic", p.w.IncidentCommander}}, p.sk.roles...)
	}
	p.noteUnplaced(name, d.parts)
	return p, joined(errs...)
}

// errNoTimeline is a postmortem without the part a draft is made of.
var errNoTimeline = text.Fail("import-no-timeline", "hint", text.Message{})

// misspeltTimeline points at a heading that was meant to be Timeline.
func misspeltTimeline(parts []part) text.Message {
	for _, pt := range parts {
		if pt.kind == secNone && pt.heading != "" {
			if k := suggest.Closest(normLabel(pt.heading), sectionNames[secTimeline]); k != "" {
				return text.M("import-timeline-misspelt", "heading", pt.heading, "line", pt.pos.line, "name", k)
			}
		}
	}
	return text.Message{}
}

// titlePrefix is what a postmortem's title says that a scenario's need not.
var titlePrefix = regexp.MustCompile(`(?i)^\s*(post-?mortem|incident (post-?mortem|review|report)|포스트모템|사후 분석|장애 보고서)\s*[:：\-–—]\s*`)

// prose is the text of the first section of a kind, its paragraphs and
// items joined; a later one of the same kind is noted.
func (p *pmDraft) prose(name string, parts []part, check func(string, pos)) pmText {
	var words []string
	line := 0
	for i, pt := range parts {
		if i > 0 {
			p.notes = append(p.notes, noteAt(fmt.Sprintf("%s:%d:%d", name, pt.pos.line, pt.pos.col), "import-second-section", "heading", pt.heading, "line", parts[0].pos.line))
			continue
		}
		for _, b := range pt.blocks {
			for _, t := range itemsOf(b) {
				check(t.text, pos{t.line, b.pos.col})
				words = append(words, t.text)
				if line == 0 {
					line = t.line
				}
			}
		}
	}
	return pmText{strings.Join(words, " "), line}
}

// emptyField is what a GitHub issue form writes for a field left empty.
var emptyField = regexp.MustCompile(`(?i)^_?no response_?$`)

// itemsOf are a block's items: its text on one line, or each row of a
// table as its cells joined.
func itemsOf(b block) []pmText {
	if b.table == nil {
		t := strings.Join(strings.Fields(b.text), " ")
		if t == "" || emptyField.MatchString(t) || b.date {
			return nil
		}
		return []pmText{{t, b.pos.line}}
	}
	var out []pmText
	for _, r := range b.table.rows {
		var cells []string
		for _, c := range r.cells {
			if c = strings.Join(strings.Fields(c), " "); c != "" {
				cells = append(cells, c)
			}
		}
		if len(cells) > 0 {
			out = append(out, pmText{strings.Join(cells, " — "), r.line})
		}
	}
	return out
}

// planTimeline reads the timeline's entries, T+0 and the rounds.
func (p *pmDraft) planTimeline(name string, data []byte, blocks []block, opt PostmortemOptions) error {
	day, dated := opt.T0, !opt.T0.IsZero()
	if !dated {
		day, dated = firstDay(data)
		if !dated {
			day = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	groups, notes, err := timelineGroups(name, blocks, TimelineOptions{T0: day})
	p.notes = append(p.notes, notes...)
	if err != nil {
		return err
	}
	if len(groups) == 0 {
		return errNoTimeline
	}
	p.t0, p.dated = day, dated
	if opt.T0.IsZero() {
		p.t0, _ = timelineT0(groups, day)
	}
	var rows []timelineRow
	var errs []error
	for _, g := range groups {
		if !slices.ContainsFunc(g.recs, func(r record) bool {
			return g.cols.text < len(r.cells) && strings.TrimSpace(r.cells[g.cols.text]) != ""
		}) {
			continue
		}
		rs, notes, err := rowsOf(name, g.header, g.recs, g.cols, TimelineOptions{T0: p.t0})
		p.notes = append(p.notes, notes...)
		errs = append(errs, err)
		rows = append(rows, rs...)
	}
	if err := joined(errs...); err != nil {
		return err
	}
	slices.SortStableFunc(rows, func(a, b timelineRow) int { return int(a.at - b.at) })
	if len(rows) == 0 {
		return failAt(name, "import-timeline-empty")
	}
	p.sk = planSkeleton(rows, p.w.IncidentCommander)
	p.castRoles()
	return nil
}

// peopleWords tell a contributing factor about people or process (a
// complication a facilitator draws) from one about the system (a clue a
// team finds by asking).
var peopleWords = regexp.MustCompile(`(?i)\b(on-?call|runbooks?|playbooks?|documentation|documented|undocumented|handoffs?|hand-?over|approvals?|access|vacation|holiday|leave|training|trained|new hire|staff\w*|communicat\w*|escalat\w*|ownership|owner|process|review\w*|knew|knowledge|nobody|no one|only person)\b|담당|인수인계|런북|문서|승인|권한|휴가|교육|소통|에스컬레이션|절차|리뷰|아무도`)

// planCauses makes the root cause an on-request clue, and each
// contributing factor one, or a complication when it is about people or
// process.
func (p *pmDraft) planCauses(parts map[section][]part, check func(string, pos)) {
	n := 0
	for _, pt := range parts[secCause] {
		for _, b := range pt.blocks {
			for _, t := range itemsOf(b) {
				check(t.text, pos{t.line, b.pos.col})
				n++
				p.asks = append(p.asks, pmAsk{t, strings.ReplaceAll(p.w.CauseAsk, "{n}", fmt.Sprint(n)), p.w.CauseNote})
			}
		}
	}
	n = 0
	for _, pt := range parts[secFactor] {
		for _, b := range pt.blocks {
			for _, t := range itemsOf(b) {
				check(t.text, pos{t.line, b.pos.col})
				if peopleWords.MatchString(t.text) {
					p.complications = append(p.complications, t)
					continue
				}
				n++
				p.asks = append(p.asks, pmAsk{t, strings.ReplaceAll(p.w.FactorAsk, "{n}", fmt.Sprint(n)), p.w.FactorNote})
			}
		}
	}
}

// ownerAtEnd is an action item's owner as a list writes it: "… @dana",
// "… (Tom Ellis)".
var ownerAtEnd = regexp.MustCompile(`(?:@([\p{L}\d._-]+)|\(([^()]+)\))\s*$`)

var (
	actionColumns = []string{"action item", "action items", "action", "item", "task", "description", "title", "what", "조치", "조치 사항", "항목", "내용", "할 일"}
	ownerColumns  = []string{"owner", "owners", "assignee", "who", "team", "담당", "담당자", "담당 팀"}
)

// planActions makes each action item an expected action of the last
// round, for the role of its owner where a role has that name.
func (p *pmDraft) planActions(parts []part, check func(string, pos)) {
	for _, pt := range parts {
		for _, b := range pt.blocks {
			if b.table == nil {
				for _, t := range itemsOf(b) {
					check(t.text, pos{t.line, b.pos.col})
					owner := ""
					if m := ownerAtEnd.FindStringSubmatch(t.text); m != nil {
						owner = m[1] + m[2]
					}
					p.actions = append(p.actions, pmAction{t, p.roleNamed(owner), personOrNot(owner)})
				}
				continue
			}
			ai, oi := -1, -1
			for i, h := range b.table.header {
				h = normLabel(h)
				if ai < 0 && slices.Contains(actionColumns, h) {
					ai = i
				}
				if oi < 0 && slices.Contains(ownerColumns, h) {
					oi = i
				}
			}
			ai = max(ai, 0)
			for _, r := range b.table.rows {
				t := strings.Join(strings.Fields(cell(r.cells, ai)), " ")
				if t == "" || emptyField.MatchString(t) {
					continue
				}
				check(t, pos{r.line, r.cols[min(ai, len(r.cols)-1)]})
				p.actions = append(p.actions, pmAction{pmText{t, r.line}, p.roleNamed(cell(r.cells, oi)), personOrNot(cell(r.cells, oi))})
			}
		}
	}
}

// roleNamed is the role a person the timeline named acted in, or the
// role of that name, else the incident commander.
func (p *pmDraft) roleNamed(owner string) string {
	owner = strings.TrimPrefix(strings.TrimSpace(owner), "@")
	if id := p.cast[personKey(owner)]; id != "" {
		return id
	}
	for _, r := range p.sk.roles {
		if owner != "" && strings.EqualFold(strings.TrimPrefix(r.name, "@"), owner) {
			return r.id
		}
	}
	return "ic"
}

// noteUnplaced lists the sections a scenario has no place for, with the
// section a misspelt heading was meant to be.
func (p *pmDraft) noteUnplaced(name string, parts []part) {
	for _, pt := range parts {
		switch {
		case !slices.ContainsFunc(pt.blocks, func(b block) bool { return len(itemsOf(b)) > 0 }):
			// An empty section ("_No response_") leaves nothing out.
		case pt.kind == secOther:
			p.notes = append(p.notes, noteAt(fmt.Sprintf("%s:%d:%d", name, pt.pos.line, pt.pos.col), "import-section-no-place", "heading", pt.heading))
		case pt.kind == secNone && pt.heading != "" && len(pt.blocks) > 0:
			p.notes = append(p.notes, noteAt(fmt.Sprintf("%s:%d:%d", name, pt.pos.line, pt.pos.col), "import-section-unread", "heading", pt.heading, "hint", hintOf(pt.heading)))
		}
	}
}
