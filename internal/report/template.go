package report

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// recordWords are what a pre-filled record says around its keys.
type recordWords struct {
	Head, Date, Timeline, Expected, Rating, Findings, Actions string
	Example, Retested                                         string
}

// shellWord quotes a path for a shell when it needs it.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// RecordTemplate is a record to fill in after a session of s: the scenario
// id, the date to confirm, one [[expected]] per expected action of the
// scenario, and commented examples of the rest, in the scenario's language.
// scenarioArg and path are how the scenario and the record were named on
// the command line: the command the header gives then works as it is.
func RecordTemplate(s *scenarios.Session, scenarioArg, path, date string) string {
	tx := text.Load[recordWords](s.Language(), "record")
	q := tomlw.Quote
	var b strings.Builder
	fmt.Fprintf(&b, "#:schema record.schema.json\n"+tx.Head+"\nformat = 1\n", tomlw.Comment(s.Title()), s.ID(), tomlw.Comment(shellWord(scenarioArg)), tomlw.Comment(shellWord(path)))
	fmt.Fprintf(&b, "scenario = %s\ndate = %s %s\nfacilitator = \"\"\nscribe = \"\"\nparticipants = []\nsummary = \"\"\n\n", q(s.ID()), q(date), tx.Date)
	var roles []string
	for _, r := range s.Roles() {
		roles = append(roles, r.ID)
	}
	fmt.Fprintf(&b, "%s\n# [[timeline]]\n# at = \"T+4m\"\n# what = %s\n# decision = \"\"\n# who = %s   # %s\n\n", tx.Timeline, q(tx.Example), q(roles[0]), tomlw.Comment(strings.Join(roles, ", ")))
	first := true
	for _, r := range s.Rounds() {
		for _, e := range r.Expect {
			if first {
				b.WriteString(tx.Expected + "\n")
				first = false
			}
			by := ""
			if e.HasBy {
				by = written.FormatOffset(e.ByOffset)
			}
			fmt.Fprintf(&b, "[[expected]]\nrole = %s\naction = %s\nby = %s\nrating = \"\"   %s\nobserved = \"\"\nnote = \"\"\n\n", q(e.Role), q(e.Action), q(by), tx.Rating)
		}
	}
	b.WriteString(tx.Findings + "\n[findings]\n")
	for _, key := range vocab.FindingList.Values {
		fmt.Fprintf(&b, "%s = []\n", key)
	}
	fmt.Fprintf(&b, "\n%s\n# [[actions]]\n# title = \"\"\n# kind = \"dashboard\"\n# owner = \"\"\n# due = %s\n# from = \"missing_data\"\n", tx.Actions, q(date))
	return b.String()
}

// Retest is an open action of the programme that the session retests.
type Retest struct {
	ID, Line string
	// Rating and Note are how the console rated it live; "" to rate by
	// hand.
	Rating, Note string
}

// RetestedEntries are one [[retested]] per open action the session
// retests (record and run --programme), to be rated, each under a comment
// saying what it is; "" when there is none.
func RetestedEntries(lang string, retests []Retest) string {
	if len(retests) == 0 {
		return ""
	}
	tx := text.Load[recordWords](lang, "record")
	var b strings.Builder
	b.WriteString("\n" + tx.Retested + "\n")
	for _, r := range retests {
		fmt.Fprintf(&b, "\n# %s\n[[retested]]\naction = %s\nrating = %s   %s\nnote = %s\n", tomlw.Comment(r.Line), tomlw.Quote(r.ID), tomlw.Quote(r.Rating), tx.Rating, tomlw.Quote(r.Note))
	}
	return b.String()
}

// RosterEntries are one [[roster]] per player, for a session's record
// (record and run --roster); "" when there is none.
func RosterEntries(players []records.Player) string {
	var b strings.Builder
	for _, p := range players {
		fmt.Fprintf(&b, "\n[[roster]]\nrole = %s\nperson = %s\n", tomlw.Quote(p.Role), tomlw.Quote(p.Person))
		if p.Team != "" {
			fmt.Fprintf(&b, "team = %s\n", tomlw.Quote(p.Team))
		}
	}
	return b.String()
}
