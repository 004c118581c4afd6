package importer

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/documents"
	goldenfile "github.com/propdeck/propdeck/internal/golden"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Check(t, path, got, *update)
}

func read(t *testing.T, names ...string) []File {
	var out []File
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, File{Name: n, Data: data})
	}
	return out
}

// TestBackstageCatalog: descriptors (a multi-document file, Groups for
// owners, namespaced refs, a dependency not imported, components without a
// runbook link) become a catalog that validates, the same bytes twice.
func TestBackstageCatalog(t *testing.T) {
	files := read(t, "testdata/backstage/catalog-info.yaml", "testdata/backstage/more.yaml")
	got, notes, err := Backstage(files, "en")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/backstage/catalog.toml", got)
	again, _, _ := Backstage(files, "en")
	if !bytes.Equal(got, again) {
		t.Error("two imports differ")
	}
	if len(notes) != 2 || !strings.Contains(said(notes)[0], "Location") || !strings.Contains(said(notes)[1], "User") {
		t.Errorf("notes %q", notes)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "systems.toml")
	os.WriteFile(path, got, 0o644)
	s, err := scenarios.LoadCatalog(path, nil)
	if err != nil {
		t.Fatalf("the imported catalog does not validate: %v", err)
	}
	if len(s.Systems()) != 8 {
		t.Errorf("%d systems", len(s.Systems()))
	}
	// A scenario includes the imported catalog and uses its systems.
	scenario := `format = 1
[scenario]
id = "uses-import"
title = "Uses the imported catalog"
include = ["systems.toml"]
systems_only = ["orders-api", "orders-db", "storefront-search"]
[[roles]]
id = "ic"
name = "IC"
[[clues]]
id = "c1"
at = "T+0"
system = "orders-db"
title = "Page"
`
	os.WriteFile(filepath.Join(dir, "drill.toml"), []byte(scenario), 0o644)
	s, err = scenarios.Load(filepath.Join(dir, "drill.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// orders-api depends on auth-legacy too, which systems_only left off
	// the table: its card lists only what is on the table.
	if len(s.Systems()) != 3 || strings.Join(s.Systems()[0].DependsOn, " ") != "orders-db payments-ledger" && strings.Join(s.Systems()[0].DependsOn, " ") != "orders-db" {
		t.Errorf("systems %+v", s.Systems())
	}
	os.WriteFile(filepath.Join(dir, "drill.toml"), []byte(strings.Replace(scenario, "systems_only = [\"orders-api\", \"orders-db\", \"storefront-search\"]\n", "", 1)), 0o644)
	if _, err := scenarios.Load(filepath.Join(dir, "drill.toml"), nil); err != nil {
		t.Errorf("a scenario including the imported catalog: %v", err)
	}
}

// TestBackstageCatalogInKorean: with --lang ko the catalog's comments
// (its header, a dependency not imported, a first link taken for the
// runbook) are Korean, and the catalog is the English one's otherwise.
func TestBackstageCatalogInKorean(t *testing.T) {
	t.Parallel()
	files := read(t, "testdata/backstage/catalog-info.yaml", "testdata/backstage/more.yaml")
	ko, _, err := Backstage(files, "ko")
	if err != nil {
		t.Fatal(err)
	}
	en, _, _ := Backstage(files, "en")
	for _, want := range []string{"# Backstage 디스크립터에서 가져온", "# 가져오지 않은 component:shipping에 의존함", "첫 번째 링크를 씀 (Overview)"} {
		if !strings.Contains(string(ko), want) {
			t.Errorf("no %q in\n%s", want, ko)
		}
	}
	if uncommented(ko) != uncommented(en) {
		t.Errorf("the Korean catalog differs from the English one beyond its comments:\n%s", ko)
	}
}

// uncommented is a catalog's lines that are not comments.
func uncommented(b []byte) string {
	var keep []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "#") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func TestBackstageYAMLError(t *testing.T) {
	_, _, err := Backstage([]File{{Name: "bad.yaml", Data: []byte("kind: Component\nmetadata:\n  name: [a\n")}}, "en")
	if err == nil || !strings.HasPrefix(err.Error(), "bad.yaml:") {
		t.Errorf("error %v", err)
	}
}

// TestTimelineSkeleton: an incident export becomes a scenario that
// validates and builds as it is.
func TestTimelineSkeleton(t *testing.T) {
	data, _ := os.ReadFile("testdata/timeline/incident.csv")
	t0, _ := time.Parse(time.RFC3339, "2026-03-10T09:00:00Z") // HH:MM rows are read in --t0's offset
	got, _, err := Timeline("incident.csv", data, "replay-orders", TimelineOptions{T0: t0})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/timeline/incident.toml", got)
	s, err := scenarios.Parse("incident.toml", got, rules.DirSource("."), nil)
	if err != nil {
		t.Fatalf("the skeleton does not validate: %v", err)
	}
	// What the team did (declared, decided) is what a replay expects of
	// it again; what it saw is a card.
	if len(s.Clues()) != 4 || s.Clues()[0].Offset != -80*time.Second || s.Clues()[1].Kind != "alert" || s.Clues()[3].Kind != "status" {
		t.Errorf("clues %+v", s.Clues())
	}
	expects := 0
	for _, r := range s.Rounds() {
		expects += len(r.Expect)
	}
	if expects != 2 || s.Roles()[0].Name != "mina" {
		t.Errorf("%d expected actions, roles %+v", expects, s.Roles())
	}
	if _, err := documents.Build(s, documents.DefaultOptions()); err != nil {
		t.Errorf("the skeleton does not build: %v", err)
	}
}

// TestTimelineSkeletonInKorean: with --lang ko the skeleton is a Korean
// scenario, its title, rounds, questions and comments in Korean words,
// and it validates as the English one does.
func TestTimelineSkeletonInKorean(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/timeline/korean.csv")
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := Timeline("korean.csv", data, "korean", TimelineOptions{T0: time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC), Lang: "ko"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse("korean.toml", got, rules.DirSource("."), nil)
	if err != nil {
		t.Fatalf("the Korean skeleton does not validate: %v", err)
	}
	if m := s.Meta(); m.Language != "ko" || m.Title != "korean.csv 다시 보기" {
		t.Errorf("language %q, title %q", m.Language, m.Title)
	}
	if r := s.Round(0); r.Title != "T+0 라운드" || r.Questions[0] != "누가 장애 지휘자인가?" {
		t.Errorf("round %q, questions %q", r.Title, r.Questions)
	}
	en := wordsFor("en")
	for _, english := range []string{"Replay", "Round at", "skeleton", en.Marks, en.FillSummary, en.FillRoles, en.GuessedKind, en.Twist, en.IncidentCommander} {
		if bytes.Contains(got, []byte(english)) {
			t.Errorf("the Korean skeleton says %q:\n%s", english, got)
		}
	}
}

func TestTimelineErrors(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	for file, want := range map[string]string{
		"bad-time.csv": `bad-time.csv:1: no time column (looked for time, timestamp`,
		"no-text.csv":  `no-text.csv:1: no text column`,
	} {
		data, _ := os.ReadFile("testdata/timeline/" + file)
		_, _, err := Timeline(file, data, "x", TimelineOptions{T0: t0})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: %v", file, err)
		}
	}
	data, _ := os.ReadFile("testdata/timeline/bad-time.csv")
	_, _, err := Timeline("bad-time.csv", data, "x", TimelineOptions{T0: t0, TimeColumn: "when", TextColumn: "what"})
	if err == nil || err.Error() != `bad-time.csv:2: time "yesterday" is neither RFC 3339 (2026-03-10T09:04:00Z), a date and time (2026-03-10 09:04:00, UTC or in --t0's zone), Unix seconds nor HH:MM` {
		t.Errorf("%v", err)
	}
}

// TestTimelineFindsTheTimeColumnByItsValues: a header in another language
// names no column propdeck knows, so the time column is the one whose
// cells are times and the text the other with the most text.
func TestTimelineFindsTheTimeColumnByItsValues(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2018, 10, 21, 22, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ file, text string }{
		{"german.csv", "Plattenlatenz steigt auf db-west-1"},
		{"korean.csv", "고객 문의가 급증했다"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile("testdata/timeline/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := Timeline(tc.file, data, "replay", TimelineOptions{T0: t0})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(got), tc.text) {
				t.Errorf("no clue says %q:\n%s", tc.text, got)
			}
		})
	}
}

// said is notes in English, as a person reads them.
func said(notes []text.Message) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.String()
	}
	return out
}
