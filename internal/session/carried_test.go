package session

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestCarriedRatings: a rating names an expected action or a carried one,
// never both; the state keeps a carried action's last rating apart from
// the expected actions', a replay keeps it, and CheckCarried refuses an
// id that was not carried with a did-you-mean.
func TestCarriedRatings(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	x := s.Rounds()[0].Expect[0]
	for _, tc := range []struct{ json, want string }{
		{`{"kind":"rating","retest":"a/2026-03-10/1","rating":"met"}`, ""},
		{`{"kind":"rating","retest":"a/2026-03-10/1","rating":"met","note":"seen"}`, ""},
		{`{"kind":"rating","retest":"a/2026-03-10/1","role":"` + x.Role + `","action":"` + x.Action + `","rating":"met"}`, "carried action"},
		{`{"kind":"rating","retest":"a/2026-03-10/1","rating":"good"}`, `"good" is not one of`},
		{`{"kind":"rating","retest":"a/2026-03-10/1","rating":"met","tag":"x"}`, `unknown field "tag"`},
		{`{"kind":"rating","rating":"met"}`, "no expected action"},
	} {
		_, err := Decode(s, []byte(tc.json), false)
		var de *DecodeError
		if tc.want == "" && err != nil || tc.want != "" && (!errors.As(err, &de) || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: %v, want %q", tc.json, err, tc.want)
		}
	}
	carried := []Carried{{ID: "a/2026-03-10/1", Title: "a panel"}, {ID: "a/2026-03-10/2", Title: "a runbook"}}
	if err := CheckCarried(Event{Kind: rating, Retest: "a/2026-03-10/3", Rating: "met"}, carried); err == nil || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("an id not carried: %v", err)
	}
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, path := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	mustAppend(t, j, Event{Kind: rating, Retest: "a/2026-03-10/1", Rating: "partly"})
	mustAppend(t, j, Event{Kind: rating, Retest: "a/2026-03-10/1", Rating: "met", Note: "there now"})
	j.Close()
	j, err := Open(s, path, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	st := j.State()
	views := st.CarriedViews(carried)
	if len(st.Ratings) != 0 || len(views) != 2 || views[0].Rating != "met" || views[0].Note != "there now" || views[1].Rating != "" {
		t.Errorf("after a replay: ratings %v, carried %+v", st.Ratings, views)
	}
}
