package session

import (
	"slices"
	"testing"
	"time"
)

// ids are the ids of a view's cards, in order.
func ids(cards []Card) []string {
	out := []string{}
	for _, c := range cards {
		out = append(out, c.ID)
	}
	return out
}

// TestHandedOutIsOneList: a card for one role (c01, oncall-db's), one for
// everyone (c09) and one that answered a request (r1, everyone's) are
// handed out. The facilitator sees all three, in the order handed out, with
// when and to whom; the screen and each role see only those that reach
// them; the by-role view holds each role's and leaves c01 out of what is
// to come for oncall-db; and the webhook's HandedOut names each.
func TestHandedOutIsOneList(t *testing.T) {
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	defer j.Close()
	mustAppend(t, j, Event{Kind: start})
	var stored []Event
	for _, e := range []Event{{Kind: reveal, Clue: "c01"}, {Kind: request, Ask: "replica lag", Clue: "r1"}, {Kind: reveal, Clue: "c09"},
		{Kind: request, Ask: "nothing"}, {Kind: contingency, Clue: "x1", Fired: new(bool)}} {
		c.add(time.Minute)
		stored = append(stored, mustAppend(t, j, e))
	}
	st := j.State()
	f := st.Facilitator(c.now)
	for _, tc := range []struct {
		name string
		got  []string
		want []string
	}{
		{"facilitator", ids(f.Cards), []string{"c01", "r1", "c09"}},
		{"screen", ids(st.Screen(c.now).Cards), []string{"r1", "c09"}},
		{"oncall-db", ids(st.Player(c.now, "oncall-db").Cards), []string{"c01", "r1", "c09"}},
		{"comms", ids(st.Player(c.now, "comms").Cards), []string{"r1", "c09"}},
		{"webhook", webhookIDs(t, stored), []string{"c01", "r1", "c09"}},
	} {
		if !slices.Equal(tc.got, tc.want) {
			t.Errorf("%s: cards %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if got := f.Cards[0]; len(got.To) != 1 || got.To[0] == "" || got.At == "" {
		t.Errorf("c01 in the facilitator's list does not say to whom and when: %+v", got)
	}
	for _, h := range f.ByRole {
		held := map[string]bool{}
		for _, b := range h.Holds {
			held[b.ID] = true
		}
		if want := h.Role == "oncall-db"; held["c01"] != want || !held["c09"] {
			t.Errorf("%s holds %v", h.Role, h.Holds)
		}
		for _, b := range h.Coming {
			if held[b.ID] || b.ID == "c01" || b.ID == "c09" {
				t.Errorf("%s: %s is to come, but handed out", h.Role, b.ID)
			}
		}
		if h.Role == "ic" && !slices.ContainsFunc(h.Coming, func(b Brief) bool { return b.ID == "c08" }) {
			t.Errorf("ic's c08 is not to come: %v", h.Coming)
		}
	}
}

func webhookIDs(t *testing.T, events []Event) []string {
	t.Helper()
	out := []string{}
	for _, e := range events {
		if c := HandedOut(example(t, "eu-db-latency"), e); c != nil {
			out = append(out, c.ID)
		}
	}
	return out
}
