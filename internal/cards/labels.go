package cards

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// Labels are the words propdeck itself prints, in the scenario's language.
type Labels struct {
	Holder, Mission, Owns, Decides, EscalatesTo, Runbook           string
	Owner, DependsOn, UsedBy, System                               string
	RevealAt, OpenAt, To, Everyone, Continued, Clue                string
	FacilitatorOnly                                                string
	Kinds                                                          map[string]string
	Senders                                                        map[string]string // who a clue of each kind comes from in the story: HSEEP's "From"
	LinesOmitted, Window, Unit, Threshold, Source                  string
	LinesHidden                                                    string
	Scribe, Timeline, Findings, Time, Clock, WhatHappened          string
	Decision, WhoDecided, Confusion, MissingData, UnclearOwner     string
	RunbookGaps, ShouldHaveExisted, Debrief, WhatWorked, WhatBroke string
	Questions, ActionItems, Action, ActionKind, DueDate            string
	ActionKinds, Premortem, Brainstorm, Themes, RehearseNext       string
	DefaultPrompt, Date, Scenario, RunSheet, Summary, Duration     string
	Roster, Role, Holder2, Setup, ToReveal, Note, Checklist        string
	Deck, Sheets, Warnings, Start                                  string
	Page, Kind, Round, ReadAloud, Facilitator, Blank, Copies       string
	Scribe2, NameLine                                              string
	Sheet                                                          string
	DuplexFlip                                                     map[layouts.Duplex]string
	Modes                                                          map[written.Mode]string
	NotBefore, System2, Asked, Condition, ReplacesClue             string
	Expected, By, RequestIndex, IfTheyAsk, Complications, DrawRule string
	Evaluator, Observed, DecisionLog, Rationale, FollowUp          string
	NoCard, NoCardHint                                             string
	Ratings                                                        []string
	Report, Participants, Score, Owner2, Due, From, Clock2         string
	RatingNames, KindNames                                         map[string]string
	FindingTitles                                                  map[string]string
	DeckTitles                                                     map[string]string // a printed file's title after the scenario's, by deck
	RecordHead, Facilitator2, Evaluator2, Findings2                string
	// HourUnit and MinuteUnit spell a duration ("1h20m", "1시간 20분");
	// UnitSep stands between its parts.
	HourUnit, MinuteUnit, UnitSep string
	// Complication heads one complication card.
	Complication string
	// LateBy marks an action done after its deadline ("late: due T+40m").
	LateBy string
	// Situation, AtStart and YourSystems head a packet's briefing.
	Situation, AtStart, YourSystems string
	// Pace says a scenario's pace; SessionAt when a round starts in the
	// session at it.
	Pace, SessionAt string
	// NeverAsked heads the on-request cards no one asked for.
	NeverAsked string
	// The report's "What the room said": a poll's line (question, the
	// top option's votes, all votes, the top option, Unified or Split,
	// the agreement), the asks with AskAnswerNames (by vocab.AskAnswer),
	// the answers and the hot wash.
	RoomSaid, PollLine, NoVotes, Unified, Split, ExpectedIs, RoomAsks, RoomAnswers string
	HotWashCount, ToDo, Scores, RoundN                                             string
	// PollHead labels a round\'s prepared poll on the run sheet.
	PollHead       string
	AskAnswerNames map[string]string
	// StoryAt is the story's time where a round moves its clock.
	StoryAt string
	// Difficulty, Difficulties, Hints, HardDraw and HardMissed say the
	// level a scenario is played at and what it changes on the run sheet.
	Difficulty, Hints, HardDraw, HardMissed string
	Difficulties                            map[string]string
	// Sources heads the public reports a story comes from.
	Sources string
	// Retests heads the programme's open actions a session retests
	// (build and run --programme); LastTime, StillOpen and Overdue word
	// each ("last time: …, owner …, due …; still open").
	Retests, RetestsHint, LastTime, StillOpen, Overdue string
}

// Span is a duration as the language says it: 1h20m, or 1시간 20분.
func (lb Labels) Span(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if d%time.Minute != 0 || d <= 0 {
		return written.FormatDuration(d)
	}
	var parts []string
	if h > 0 {
		parts = append(parts, strconv.Itoa(h)+lb.HourUnit)
	}
	if m > 0 {
		parts = append(parts, strconv.Itoa(m)+lb.MinuteUnit)
	}
	return strings.Join(parts, lb.UnitSep)
}

// LabelsFor returns the labels of a language, from its text catalog.
func LabelsFor(lang string) Labels { return text.Load[Labels](lang, "labels") }

// PollResult is a closed poll in a sentence: "Poll: Fail over now? 3 of
// 5 yes, Unified (60%)", and the answer expected when there was one; the
// poll's own words pass through esc (Markdown's escape, or none on paper).
func (lb Labels) PollResult(p records.Polled, esc func(string) string) string {
	total, top := int64(0), -1
	for i, v := range p.Votes {
		total += v
		if top < 0 || v > p.Votes[top] {
			top = i
		}
	}
	if total == 0 || top >= len(p.Options) {
		return fmt.Sprintf(lb.NoVotes, esc(p.Question))
	}
	verdict := lb.Split
	if p.Agreement >= records.UnifiedAt {
		verdict = lb.Unified
	}
	line := fmt.Sprintf(lb.PollLine, esc(p.Question), p.Votes[top], total, esc(p.Options[top]), verdict, p.Agreement)
	if p.Expected != "" {
		line += "; " + fmt.Sprintf(lb.ExpectedIs, esc(p.Expected))
	}
	return line
}
