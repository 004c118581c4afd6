package scenarios

import (
	"strings"
	"testing"
	"time"
)

// TestRecordSuggestions: the near misses people type in a record get the
// value they meant.
func TestRecordSuggestions(t *testing.T) {
	s, err := LoadExample("eu-db-latency")
	if err != nil {
		t.Fatal(err)
	}
	head := "format = 1\nscenario = \"eu-db-latency\"\ndate = \"2026-03-10\"\n"
	for _, tc := range []struct{ body, want string }{
		{"[[expected]]\nrole = \"oncall-db\"\naction = \"Check replication lag before proposing failover\"\n",
			`(did you mean "Check replication lag before proposing a failover"?)`},
		{"[[expected]]\nrole = \"ic\"\naction = \"Declare an incident and its severity in #inc-orders\"\nrating = \"partial\"\n", `(did you mean "partly"?)`},
		{"[[expected]]\nrole = \"ic\"\naction = \"Declare an incident and its severity in #inc-orders\"\nrating = \"부분\"\n", `(did you mean "partly"?)`},
		{"[[expected]]\nrole = \"ic\"\naction = \"Declare an incident and its severity in #inc-orders\"\nrating = \"달성\"\n", `(did you mean "met"?)`},
		{"[[actions]]\ntitle = \"x\"\nkind = \"대시보드\"\n", `(did you mean "dashboard"?)`},
		{"[[timeline]]\nat = \"오후 3시 40분\"\nwhat = \"x\"\n", `"15:40", which propdeck accepts`},
		{"[[timeline]]\nat = \"9:04 am\"\nwhat = \"x\"\n", `"09:04", which propdeck accepts`},
	} {
		_, err := ParseRecord("r.toml", []byte(head+tc.body), s)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: want %s in\n%v", tc.body, tc.want, err)
		}
	}
}

// TestSeriesFileAsGrafanaWritesIt: a metric CSV with date-and-time cells
// (no zone: scenario.start's), semicolons and decimal commas, or epoch
// seconds, reads as the samples it holds.
func TestSeriesFileAsGrafanaWritesIt(t *testing.T) {
	start := time.Date(2018, 10, 21, 22, 30, 0, 0, time.UTC)
	for _, tc := range []struct{ name, data string }{
		{"g.csv", "\"Time\";\"Value\"\n\"2018-10-21 22:24:00\";1,5\n\"2018-10-21 22:25:00\";2,5\n"},
		{"e.csv", "time,value\n1540160640,1.5\n1540160700,2.5\n"},
		{"z.csv", "time,value\n2018-10-21 22:24:00 UTC,1.5\n2018-10-21 22:25:00 UTC,2.5\n"},
	} {
		samples, err := parseSeriesFile(tc.name, []byte(tc.data), start)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(samples) != 2 || samples[0].Offset != -6*time.Minute || samples[1].Value != 2.5 {
			t.Errorf("%s: %+v", tc.name, samples)
		}
	}
}

// TestSnapshotFromTheFutureIsWarned: a window that ends after its own
// card is handed out is warned of at its line.
func TestSnapshotFromTheFutureIsWarned(t *testing.T) {
	src := scenarioWith("") + "\n[[clues]]\nid = \"m1\"\nat = \"T+5m\"\nkind = \"metric\"\ntitle = \"x\"\n  [clues.metric]\n  unit = \"ms\"\n  from = \"T-10m\"\n  to = \"T+9m\"\n  [[clues.metric.series]]\n  name = \"p99\"\n  baseline = 100\n"
	s, err := Parse("t.toml", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Notes) != 1 || !strings.Contains(s.Notes[0].Error(), `t.toml:20:3: clue "m1": the chart runs to T+9m, after the card is handed out at T+5m`) {
		t.Errorf("notes %v", s.Notes)
	}
}
