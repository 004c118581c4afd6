package programme

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/records"
)

// A trend chart is drawn on the server as SVG, so that the pages need no
// script: one column per session that rated the action, a row per rating
// (met on top), the marks joined by a line. The marks differ in shape as
// well as colour (circle, square, cross), for black-and-white printing.
const (
	chartLeft = 64.0 // room for the rows' names
	chartStep = 56.0 // between two sessions: a YYYY-MM label is about 45 px
	chartH    = 100.0
)

// rowY is where each rating sits.
var rowY = map[string]float64{"met": 16, "partly": 42, "not-met": 68}

// point is one session's rating of an expected action.
type point struct {
	Date, Rating, Note string
	X, Y               float64
	Label              string // the month, under the mark
}

// trend is one expected action across the sessions that rated it.
type trend struct {
	Scenario, Title, Href, Role, Action string
	Points                              []point
	Width                               float64
	Line                                string // the polyline's points
	NotMetRun                           int    // not met in the latest sessions running
}

// Last is the latest rating.
func (t trend) Last() string { return t.Points[len(t.Points)-1].Rating }

// trendsOf are the expected actions the folder's records rated (met,
// partly or not met), each across its sessions in date order; only those
// of scenario when it is not "". Those most in need of attention first:
// the longest run of not met, then last rated partly, then by name.
func trendsOf(f *Folder, n names, scenario string) []trend {
	byKey := map[string]*trend{}
	var keys []string
	for _, r := range f.Records {
		if scenario != "" && r.Scenario != scenario {
			continue
		}
		for _, e := range r.Expected {
			if _, ok := rowY[e.Rating]; !ok {
				continue
			}
			key := r.Scenario + "\x00" + e.Role + "\x00" + e.Action
			t := byKey[key]
			if t == nil {
				t = &trend{Scenario: r.Scenario, Title: r.Scenario, Href: n.scenario[r.Scenario], Role: roleName(f.Scenarios[r.Scenario], e.Role), Action: e.Action}
				if s := f.Scenarios[r.Scenario]; s != nil {
					t.Title = s.Title()
				}
				byKey[key] = t
				keys = append(keys, key)
			}
			t.Points = append(t.Points, point{Date: r.Date, Rating: e.Rating, Note: e.Note})
		}
	}
	out := make([]trend, 0, len(keys))
	for _, k := range keys {
		out = append(out, byKey[k].laidOut())
	}
	slices.SortStableFunc(out, func(a, b trend) int {
		return cmp.Or(b.NotMetRun-a.NotMetRun, boolRank(b.Last() == "partly")-boolRank(a.Last() == "partly"),
			strings.Compare(a.Scenario, b.Scenario))
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// laidOut places the trend's marks and counts its run of not met.
func (t *trend) laidOut() trend {
	var line []string
	for i := range t.Points {
		p := &t.Points[i]
		p.X, p.Y = chartLeft+chartStep*float64(i)+chartStep/2, rowY[p.Rating]
		p.Label = p.Date[:min(7, len(p.Date))]
		line = append(line, fmt.Sprintf("%g,%g", p.X, p.Y))
	}
	t.Width = chartLeft + chartStep*float64(len(t.Points))
	t.Line = strings.Join(line, " ")
	for i := len(t.Points) - 1; i >= 0 && t.Points[i].Rating == "not-met"; i-- {
		t.NotMetRun++
	}
	return *t
}

// needsAttention are the first n trends whose latest rating is not met or
// partly, in trendsOf's order (the longest run of not met first).
func needsAttention(ts []trend, n int) []trend {
	var out []trend
	for _, t := range ts {
		if t.Last() != "met" && len(out) < n {
			out = append(out, t)
		}
	}
	return out
}

// retests are the sessions that rated an action of the ledger.
type retest struct {
	records.Retest
	Date, Scenario, Href string
}

// retestsBy are the sessions that rated each action of the ledger, by id.
func retestsBy(f *Folder, n names) map[string][]retest {
	out := map[string][]retest{}
	for _, r := range f.Records {
		for _, t := range r.Retested {
			out[t.Action] = append(out[t.Action], retest{Retest: t, Date: r.Date, Scenario: r.Scenario, Href: n.scenario[r.Scenario]})
		}
	}
	return out
}
