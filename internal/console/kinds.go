package console

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

// pageKind is one kind of page, all the console knows of it: a new kind
// (an observer's page) is one entry here, its view in internal/session,
// its regions in app.js and its names in each catalog's Pages (the
// page's) and Links (run's line).
type pageKind struct {
	// name is the kind's view name: the page's data-view, its key in the
	// catalogs' Pages and in the view cache, its line in run's output.
	name string
	// page and data are the routes of its HTML and of its JSON; a
	// {role} in them makes it a kind with a token per role.
	page, data string
	// token is where its token is kept; nil for a kind with one per role.
	token func(*Tokens) *string
	// secrets: its token sees the script (rounds to come, every card).
	secrets bool
	// writes is the events its token may post; nil for none. limited:
	// its posts are rate-limited (a second device, see limiter).
	writes  func(session.Kind) bool
	limited bool
	// build is its view of the state at now for role, and the notes to
	// send apart from it (nil for a view without notes; the view's own
	// list is then emptied, see built).
	build func(srv *Server, st *session.State, now time.Time, role string) (any, []session.Event)
}

// kinds are the page kinds, in the order run prints their URLs.
var kinds = []*pageKind{
	{name: "facilitator", page: "/{$}", data: "/api/state", secrets: true,
		token:  func(t *Tokens) *string { return &t.Facilitator },
		writes: func(session.Kind) bool { return true },
		build: func(srv *Server, st *session.State, now time.Time, _ string) (any, []session.Event) {
			f := srv.facilitator(st, now)
			notes := f.Notes
			f.Notes = []session.Event{}
			return f, notes
		}},
	{name: "screen", page: "/screen", data: "/api/screen",
		token: func(t *Tokens) *string { return &t.Screen },
		build: func(_ *Server, st *session.State, now time.Time, _ string) (any, []session.Event) {
			return st.Screen(now), nil
		}},
	{name: "scribe", page: "/scribe", data: "/api/notes",
		token:  func(t *Tokens) *string { return &t.Scribe },
		writes: session.Kind.Noted, limited: true,
		build: func(_ *Server, st *session.State, now time.Time, _ string) (any, []session.Event) {
			s := st.Scribe(now)
			notes := s.Notes
			s.Notes = []session.Event{}
			return s, notes
		}},
	{name: "player", page: "/play/{role}", data: "/api/play/{role}",
		writes: session.Kind.PlayerPosts, limited: true,
		build: func(_ *Server, st *session.State, now time.Time, role string) (any, []session.Event) {
			return st.Player(now, role), nil
		}},
}

// Tokens are the secrets of the pages: one per page kind, one per role
// for the kind with a page per role. Each reaches its own page and
// nothing else; the file LoadTokens keeps holds them by these names.
type Tokens struct {
	Facilitator string
	Screen      string
	Scribe      string            // notes and decisions only, for a second device
	Roles       map[string]string // role id -> token
	// Ballots is the secret that makes a device's ballot in a poll open
	// to everyone (see ballotOf): kept here, beside the tokens, never in
	// the journal, so that the journal's ballots link to no device.
	Ballots string
}

// kindOf is the kind of a name, or nil.
func kindOf(name string) *pageKind {
	for _, k := range kinds {
		if k.name == name {
			return k
		}
	}
	return nil
}

// perRole reports whether the kind has a token, and a page, per role.
func (k *pageKind) perRole() bool { return strings.Contains(k.page, "{role}") }

// opens is the kind's token rule: its own token opens it (a role's only
// its own role's page), and the facilitator's opens every page.
func (k *pageKind) opens(a audience, r *http.Request) bool {
	if a.kind == "facilitator" {
		return true
	}
	return a.kind == k.name && (!k.perRole() || a.role == r.PathValue("role"))
}

// fill is a route with its role filled in, for a link or the page's data.
func fill(route, role string) string {
	route = strings.TrimSuffix(route, "{$}")
	return strings.ReplaceAll(route, "{role}", url.PathEscape(role))
}

// Link is a page's URL as run prints it: its name (a kind's, or the
// player's and the role's id) and the URL with its token.
type Link struct{ Name, URL string }

// Links are every page's URLs under base, in the table's order, one per
// role for a kind with a token per role, each named in lang (the
// catalog's Links).
func (t Tokens) Links(base, lang string) []Link {
	names := text.Load[consoleWords](lang, "console").Links
	var out []Link
	for _, k := range kinds {
		if !k.perRole() {
			out = append(out, Link{names[k.name], base + fill(k.page, "") + "?token=" + *k.token(&t)})
			continue
		}
		for _, role := range slices.Sorted(maps.Keys(t.Roles)) {
			out = append(out, Link{names[k.name] + " " + role, base + fill(k.page, role) + "?token=" + t.Roles[role]})
		}
	}
	return out
}
