package importer

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
)

var t0 = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

// TestTimelineRefusesWhatWouldNotValidate: every bad row is reported at
// once at its line, and nothing comes back that validate would refuse.
func TestTimelineRefusesWhatWouldNotValidate(t *testing.T) {
	csv := "time,text\n09:01,fine\n09:02,fire \U0001F525 in the hall\n09:03,nul \x00 here\n09:04,rlo \u202e here\n09:05,also fine\nnoon,what time\n"
	_, _, err := Timeline("x.csv", []byte(csv), "x", TimelineOptions{T0: t0})
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{"x.csv:3: the text column has a character the fonts cannot print: U+1F525", "x.csv:4: the text column has a control character: U+0000", "x.csv:5: the text column has", `x.csv:7: time "noon"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "x.csv:2:") || strings.Contains(err.Error(), "x.csv:6:") {
		t.Errorf("a good row is blamed:\n%v", err)
	}
}

// TestTimelineTooBigToRead: a skeleton over the cap a scenario may be read
// under is refused before it is written.
func TestTimelineTooBigToRead(t *testing.T) {
	var b strings.Builder
	b.WriteString("time,text\n")
	// A short row becomes a clue ten times its size: 2 MB of rows make
	// a skeleton over the cap.
	for b.Len() < 2<<20 {
		b.WriteString("09:30,a\n")
	}
	_, _, err := Timeline("big.csv", []byte(b.String()), "x", TimelineOptions{T0: t0})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("more than the %d MB propdeck reads of one file", rules.MaxScenarioBytes>>20)) {
		t.Errorf("error %.200v", err)
	}
}

// TestTimelineClockStaysOnItsDay: 22:00 after a 09:00 T+0 is thirteen
// hours later that day, not the evening before, and is flagged at its row.
func TestTimelineClockStaysOnItsDay(t *testing.T) {
	csv := "time,text\n09:04,PAGE: checkout errors\n22:00,Resolved\n"
	out, notes, err := Timeline("x.csv", []byte(csv), "x", TimelineOptions{T0: t0})
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse("x.toml", out, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Clues()[1].Offset; got != 13*time.Hour {
		t.Errorf("22:00 is at %v", got)
	}
	if len(notes) != 1 || !strings.HasPrefix(said(notes)[0], "x.csv:3: warning: 22:00 is read as T+13h") {
		t.Errorf("notes %q", notes)
	}
}

// TestBackstageRefusesWhatWouldNotValidate: names that clash once made
// ids, entities without a name, refs that name nothing, files with nothing
// to import and wrong types are each reported at their own line.
func TestBackstageRefusesWhatWouldNotValidate(t *testing.T) {
	doc := func(kind, name string, extra string) string {
		return fmt.Sprintf("---\napiVersion: backstage.io/v1alpha1\nkind: %s\nmetadata:\n  name: %s\n%s", kind, name, extra)
	}
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"clash", doc("Component", "Orders_API", "") + doc("Component", "orders-api", ""),
			[]string{`c.yaml:10:9: "orders-api" and "Orders_API" (c.yaml:5:9) both become the system id "orders-api"`}},
		{"nameless", doc("Component", "orders", "") + doc("Resource", `""`, ""),
			[]string{`c.yaml:10:9: a Resource has no metadata.name`}},
		{"nothing", "# only a comment\n", []string{"c.yaml: no Component, Resource, System or API to import"}},
		{"groups only", doc("Group", "team-a", ""), []string{"no Component, Resource, System or API to import"}},
		{"types", doc("Component", "[a, b]", "  title: {x: 1}\nspec:\n  dependsOn: orders\n"),
			[]string{"c.yaml:5:9: metadata.name must be text, not a list", "c.yaml:6:10: metadata.title must be text, not a mapping", "c.yaml:8:14: spec.dependsOn must be a list, not text"}},
		{"syntax", "kind: Component\nmetadata:\n  name: a\n   bad: [\n", []string{"c.yaml:4: "}},
		{"bell", doc("Component", "orders", "  title: \"bell \\a\"\n"), []string{`c.yaml:6:10: metadata.title has a control character: U+0007`}},
	} {
		_, _, err := Backstage([]File{{Name: "c.yaml", Data: []byte(tc.yaml)}}, "en")
		for _, w := range tc.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: want %q in\n%v", tc.name, w, err)
			}
		}
	}
	// Refs that name nothing are not imported as a dependency on a
	// nameless system: they stay comments.
	out, _, err := Backstage([]File{{Name: "c.yaml", Data: []byte(doc("Component", "orders", "spec:\n  dependsOn: [\"\", \":\", \"/\"]\n"))}}, "en")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "depends_on") || strings.Count(string(out), "which was not imported") != 3 {
		t.Errorf("catalog:\n%s", out)
	}
}

// TestTimelineTakesRealExports: PagerDuty log entries (created_at, type,
// agent), a Slack-shaped export (epoch ts, user), and a semicolon file
// with Grafana-style times become skeletons: what the team did becomes
// expected actions of its people, status updates become status clues,
// rounds fall where the timeline pauses, and no two rounds ask the same.
func TestTimelineTakesRealExports(t *testing.T) {
	t0 := time.Date(2018, 10, 21, 22, 52, 0, 0, time.UTC)
	for _, tc := range []struct {
		file           string
		clues, expects int
		roles          []string
		status         bool
	}{
		{"pagerduty.csv", 4, 3, []string{"Incident Commander", "Ana Souza", "Joon Lee"}, true},
		{"slack.csv", 2, 1, []string{"joon"}, true},
		{"semicolon.csv", 1, 1, []string{"Incident Commander"}, false},
	} {
		data, err := os.ReadFile("testdata/timeline/" + tc.file)
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := Timeline(tc.file, data, "replay", TimelineOptions{T0: t0})
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		s, err := scenarios.Parse(tc.file+".toml", out, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.file, err, out)
		}
		expects, status := 0, false
		questions := map[string]bool{}
		for _, r := range s.Rounds() {
			expects += len(r.Expect)
			q := strings.Join(r.Questions, "|")
			if questions[q] {
				t.Errorf("%s: two rounds ask %q", tc.file, q)
			}
			questions[q] = true
		}
		for _, c := range s.Clues() {
			status = status || c.Kind == "status"
		}
		var roles []string
		for _, r := range s.Roles() {
			roles = append(roles, r.Name)
		}
		if len(s.Clues()) != tc.clues || expects != tc.expects || status != tc.status || strings.Join(roles, ",") != strings.Join(tc.roles, ",") {
			t.Errorf("%s: %d clues, %d expected actions, status %v, roles %q\n%s", tc.file, len(s.Clues()), expects, status, roles, out)
		}
	}
}
