package records

import (
	"errors"
	"reflect"
	"strconv"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// rosterFile is who plays which role in one session, given to run or
// record with --roster before the session starts.
type rosterFile struct {
	Format int64    `toml:"format" required:"true" const:"1" doc:"Roster format version; always 1."`
	Team   string   `toml:"team" doc:"The team that plays: the record's team, and each player's unless the player names another."`
	Roster []Player `toml:"roster" required:"true" doc:"One entry a player: the role id and who plays it."`
}

// RecordSchema is the JSON Schema of session records, format 1.
func RecordSchema() []byte {
	return rules.SchemaOf(reflect.TypeOf(Record{}), "record-format-1", "propdeck session record, format 1",
		"What a scribe types in after a tabletop session: timeline, expected actions rated, findings and action items.")
}

// RosterSchema is the JSON Schema of roster files, for editors.
func RosterSchema() []byte {
	return rules.SchemaOf(reflect.TypeOf(rosterFile{}), "roster-format-1", "propdeck roster, format 1",
		"Who plays which role in one session (propdeck run or record --roster): its players go into the session's record.")
}

// ParseRoster reads a roster for a session of s: strictly, every role one
// of the scenario's (with the nearest suggested), every error at its line.
// The file's team is the session's, and each player's who names none.
func ParseRoster(name string, data []byte, s *scenarios.Session) (team string, players []Player, err error) {
	var f rosterFile
	var ids []string
	roles := map[string]bool{}
	for _, r := range s.Roles() {
		ids = append(ids, r.ID)
		roles[r.ID] = true
	}
	err = rules.DecodeFileKeyed(name, data, &f, s.Printing(), text.M("roster-empty"), func(c rules.Check) {
		if f.Format != 1 && f.Format != 0 {
			c.Errorf("format", "format-unsupported", "format", f.Format, "kind", text.M("format-roster"))
		}
		for i, p := range f.Roster {
			if p.Role != "" && !roles[p.Role] {
				var hint text.Message
				if sg := suggest.Closest(p.Role, ids); sg != "" {
					hint = text.M("hint-did-you-mean", "name", sg)
				}
				c.Errorf("roster."+strconv.Itoa(i)+".role", "roster-no-role", "role", p.Role, "scenario", s.ID(), "hint", hint)
			}
		}
	})
	// The roster is for a session of s: its errors are in s's language.
	var es *tomlfile.Errors
	if errors.As(err, &es) {
		*es = es.In(s.Language())
	}
	if err != nil {
		return "", nil, err
	}
	for i := range f.Roster {
		if f.Roster[i].Team == "" {
			f.Roster[i].Team = f.Team
		}
	}
	return f.Team, f.Roster, nil
}
