package scenarios

import (
	"testing"
	"time"
)

// TestWarnings: each warning kind, from a scenario that earns exactly it.
func TestWarnings(t *testing.T) {
	for _, tc := range []struct {
		extra string
		want  Warning
	}{
		{"[[clues]]\nid = \"late\"\nat = \"T+2h\"\ntitle = \"x\"\n", Warning{Kind: AfterEnd, Clue: "late", At: 2 * time.Hour}},
		{"[[clues]]\nid = \"c\"\nat = \"T+0\"\ntitle = \"x\"\n[[rounds]]\nat = \"T+30m\"\ntitle = \"quiet\"\n", Warning{Kind: EmptyRound, Round: "quiet", At: 30 * time.Minute}},
		{"[[clues]]\nid = \"mine\"\nat = \"T+0\"\ntitle = \"x\"\nto = []\n", Warning{Kind: NoRecipient, Clue: "mine"}},
		{"[[clues]]\nid = \"c\"\nat = \"T+0\"\ntitle = \"x\"\nto = [\"ic\"]\n[[roles]]\nid = \"ops\"\nname = \"Ops\"\n", Warning{Kind: ReceivesNothing, Role: "ops (Ops)"}},
	} {
		src := "format = 1\n[scenario]\nid = \"t\"\ntitle = \"t\"\nduration = \"1h\"\n[[roles]]\nid = \"ic\"\nname = \"IC\"\n" + tc.extra
		s, err := Parse("w.toml", []byte(src), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, w := range s.Warnings() {
			found = found || w == tc.want
		}
		if !found {
			t.Errorf("%+v not among %+v", tc.want, s.Warnings())
		}
	}
}
