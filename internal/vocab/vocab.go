// Package vocab holds every closed list of names propdeck's files and
// flags use, once: the JSON Schema's enums, the validator's checks, flag
// help and did-you-mean all read these lists, and a test holds each list
// to its labels, shapes and schema enum.
package vocab

import (
	"cmp"
	"slices"
	"strings"
)

// List is one vocabulary: its name, as a struct tag names it
// (`vocab:"kind"`), and its values, the default first where there is one.
type List struct {
	Name   string
	Values []string
}

// The vocabularies.
var (
	Paper      = List{"paper", []string{"a4", "letter"}}
	Card       = List{"card", []string{"quarter", "a6", "poker"}}
	Duplex     = List{"duplex", []string{"none", "long-edge", "short-edge"}}
	Kind       = List{"kind", []string{"alert", "observation", "customer", "social", "constraint", "status", "log", "metric"}}
	Level      = List{"level", []string{"debug", "info", "warn", "error", "fatal"}}
	LogFormat  = List{"log-format", []string{"plain", "logfmt", "json"}}
	Mode       = List{"mode", []string{"timed", "contingent", "on-request"}}
	Theme      = List{"theme", []string{"dark", "light"}}
	Rating     = List{"rating", []string{"met", "partly", "not-met", "n/a"}}
	ActionKind = List{"action-kind", []string{"runbook", "alert", "dashboard", "training", "process", "other"}}
	// Language is filled by internal/text from its catalog folders.
	Language    = List{"language", nil}
	FindingList = List{"finding-list", []string{"confusion", "missing_data", "ownership", "runbook_gaps", "should_have_existed", "worked", "broke", "asked_no_card"}}
	Severity    = List{"severity", []string{"critical", "error", "warning", "info"}}
	PageStatus  = List{"page-status", []string{"investigating", "identified", "monitoring", "resolved"}}
	Impact      = List{"impact", []string{"none", "minor", "major", "critical"}}
	Difficulty  = List{"difficulty", []string{"standard", "intro", "hard"}}
	// NoteTag is a journal note's tag: the scribe's category, which the
	// record files under a findings list.
	NoteTag = List{"note-tag", []string{"decision", "confusion", "missing-data", "ownership", "should-have", "other"}}
	// ActionStatus is where an item of a programme's action ledger stands.
	ActionStatus = List{"action-status", []string{"open", "in-progress", "done", "wont-do"}}
	// AskAnswer is how the facilitator answered a player's ask in a live
	// session, as its record keeps it.
	AskAnswer = List{"ask-answer", []string{"unanswered", "card", "no-card", "declined"}}
)

// All is every vocabulary.
var All = []List{Paper, Card, Duplex, Kind, Level, LogFormat, Mode, Theme, Rating, ActionKind, Language, FindingList, Severity, PageStatus, Impact, Difficulty, NoteTag, ActionStatus, AskAnswer}

// SetLanguages makes langs the languages files and flags may name: the
// catalogs' folders, which internal/text reads when it starts.
func SetLanguages(langs []string) {
	Language.Values = langs
	for i := range All {
		if All[i].Name == Language.Name {
			All[i].Values = langs
		}
	}
}

// Named is the vocabulary a struct tag names, and whether there is one.
func Named(name string) (List, bool) {
	for _, l := range All {
		if l.Name == name {
			return l, true
		}
	}
	return List{}, false
}

// Has reports whether v is one of the list's values.
func (l List) Has(v string) bool { return slices.Contains(l.Values, v) }

// Comma joins the values with commas, for help text.
func (l List) Comma() string { return strings.Join(l.Values, ", ") }

// Term is a value of a vocabulary, as files and journals spell it, and
// its label in a page's language.
type Term struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Terms are the list's values in order, each labelled from labels (a
// catalog's table), or by itself where the catalog has no label: a page
// gets its vocabularies from the server and spells none of them.
func (l List) Terms(labels map[string]string) []Term {
	out := make([]Term, 0, len(l.Values))
	for _, v := range l.Values {
		out = append(out, Term{v, cmp.Or(labels[v], v)})
	}
	return out
}
