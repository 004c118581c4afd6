package programme

import (
	"testing"
)

// TestWithNext: --next changes the start line of the scenario's entry
// without a team and nothing else, or adds an entry at the end, in the
// file's own line ends; what it writes reads back as the plan it meant.
func TestWithNext(t *testing.T) {
	t.Parallel()
	head := "format = 1\ntimezone = \"Asia/Seoul\"\n"
	for _, tc := range []struct{ name, in, want string }{
		{"replaces the start line", head + "[[next]]\nscenario = \"a\"\nstart = \"2026-01-01T10:00\" # x\nwhere = \"Room 4\"\n",
			head + "[[next]]\nscenario = \"a\"\nstart = \"2027-03-09T10:00\" # x\nwhere = \"Room 4\"\n"},
		{"CRLF kept", "format = 1\r\ntimezone = \"Asia/Seoul\"\r\n[[next]]\r\nscenario = \"a\"\r\nstart = \"2026-01-01T10:00\"\r\n",
			"format = 1\r\ntimezone = \"Asia/Seoul\"\r\n[[next]]\r\nscenario = \"a\"\r\nstart = \"2027-03-09T10:00\"\r\n"},
		{"a team's entry is another session", head + "[[next]]\nscenario = \"a\"\nteam = \"t\"\nstart = \"2026-01-01T10:00\"",
			head + "[[next]]\nscenario = \"a\"\nteam = \"t\"\nstart = \"2026-01-01T10:00\"\n\n[[next]]\nscenario = \"a\"\nstart = \"2027-03-09T10:00\"\n"},
		{"a plan without entries", head,
			head + "\n[[next]]\nscenario = \"a\"\nstart = \"2027-03-09T10:00\"\n"},
		{"the second entry of the scenario", head + "[review]\nfirst = \"2026-01-01T10:00\"\n[[next]]\nscenario = \"b\"\nstart = \"2026-01-01T10:00\"\n[[next]]\nscenario = \"a\"\nstart = \"2026-02-01T10:00\"\n",
			head + "[review]\nfirst = \"2026-01-01T10:00\"\n[[next]]\nscenario = \"b\"\nstart = \"2026-01-01T10:00\"\n[[next]]\nscenario = \"a\"\nstart = \"2027-03-09T10:00\"\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := parsePlan("programme.toml", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			got, want := withNext(p, []byte(tc.in), "a", "2027-03-09T10:00")
			if string(got) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
			back, err := parsePlan("programme.toml", got)
			if err != nil || !sameNext(back.Next, want) {
				t.Errorf("reads back as %+v (%v), want %+v", back, err, want)
			}
		})
	}
}
