package records

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/examples"
)

// TestRecordSuggestions: the near misses people type in a record get the
// value they meant.
func TestRecordSuggestions(t *testing.T) {
	s, err := examples.LoadExample("eu-db-latency", nil)
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
