package importer

import (
	"regexp"
	"slices"
	"strings"
)

// A postmortem's timeline names people ("mkim acknowledged the page",
// "Priya Raman declared", "박준호가 장애를 선언함"), but a scenario's roles
// are seats at the table that anyone may play next time. So a person who
// acted becomes the `who` noted beside an expected action, and the action
// goes to the role its words say (on-call, incident commander,
// communications) or to one responder role for the author to name. A
// team or a role the postmortem names ("Support escalates") stays a role.

var (
	// roleWords are actors that are a team or a seat, not a person.
	roleWords = regexp.MustCompile(`(?i)^(support|ops|operations|sre|sres|on-?call|ic|incident commander|comms|communications|security|secops|dba|dbas|database|network(ing)?|platform|infra(structure)?|devops|engineering|helpdesk|help desk|noc|soc|management|legal|pr|customer success|.+ team|team .+)$|팀$|센터$|담당|지휘자|엔지니어|당직|운영|보안|고객|개발|관리`)
	// handle is how chat and tickets name a person: mkim, j.lopez, @dana.
	handle = regexp.MustCompile(`^@[\p{L}\d._-]+$|^[a-z][a-z\d._-]*$`)
	// fullName is a person's name as a document writes it: Priya Raman,
	// or two to four Hangul syllables (김하늘, 박준호).
	fullName = regexp.MustCompile(`^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+){1,2}$|^\p{Hangul}{2,4}$`)
)

// isPerson is an actor the way the templates write a person.
func isPerson(actor string) bool {
	a := strings.TrimSpace(actor)
	if a == "" || roleWords.MatchString(strings.TrimPrefix(a, "@")) && !strings.HasPrefix(a, "@") {
		return false
	}
	return handle.MatchString(a) || fullName.MatchString(a)
}

// seat is a role a line's words say the person acted in.
type seat struct {
	id    string
	words *regexp.Regexp
}

// seats are tried in order; what none of them says is the responder's.
var seats = []seat{
	{"ic", regexp.MustCompile(`(?i)\b(declare[sd]?|took command|takes? command|incident commander|decide[sd]?)\b|선언|지휘|결정`)},
	{"oncall", regexp.MustCompile(`(?i)\b(acknowledge[sd]?|ack(ed|s)?|paged|the page|on-?call)\b|호출|당직`)},
	{"comms", regexp.MustCompile(`(?i)\b(status ?page|status update|posts?|posted|notifie[sd]|notify|customers?|announce[sd]?)\b|공지|안내|상태 ?페이지`)},
}

// seatOf is the role id the words of an action say.
func seatOf(action string) string {
	for _, s := range seats {
		if s.words.MatchString(action) {
			return s.id
		}
	}
	return "responder"
}

// castRoles turns the people the skeleton made roles of into the `who` of
// their expected actions, under the role their words say, and remembers
// each person's first role for their action items.
func (p *pmDraft) castRoles() {
	names := map[string]string{}
	for _, r := range p.sk.roles {
		names[r.id] = r.name
	}
	p.cast = map[string]string{}
	used := map[string]bool{}
	for i := range p.sk.rounds {
		for j, e := range p.sk.rounds[i].expect {
			if who := names[e.role]; e.role != "ic" && isPerson(who) {
				e.who, e.role = who, seatOf(e.action)
				if p.cast[personKey(who)] == "" {
					p.cast[personKey(who)] = e.role
				}
				p.sk.rounds[i].expect[j] = e
			}
			used[e.role] = true
		}
	}
	var roles []role
	for _, id := range []string{"ic", "oncall", "comms", "responder"} {
		if used[id] {
			roles = append(roles, role{id, p.seatName(id)})
		}
	}
	for _, r := range p.sk.roles {
		if r.id != "ic" && used[r.id] && !slices.ContainsFunc(roles, func(x role) bool { return x.id == r.id }) {
			roles = append(roles, r)
		}
	}
	if len(roles) == 0 {
		roles = []role{{"ic", p.w.IncidentCommander}}
	}
	p.sk.roles = roles
}

// personKey is a person however a postmortem writes them: @dana is dana.
func personKey(who string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(who), "@"))
}

func (p *pmDraft) seatName(id string) string {
	switch id {
	case "ic":
		return p.w.IncidentCommander
	case "oncall":
		return p.w.OnCall
	case "comms":
		return p.w.Comms
	}
	return p.w.Responder
}

// personOrNot is an owner as the who of an action item, when a person.
func personOrNot(owner string) string {
	if isPerson(owner) {
		return strings.TrimSpace(owner)
	}
	return ""
}
