package importer

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/convert"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/iceberg"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// clueFacts are what a round trip through IcebergTTX keeps of a clue.
type clueFacts struct {
	ID, Mode, At, Ask, When, Replaces, Title, Body, Note, Kind string
	To                                                         []string
}

func factsOf(s *scenarios.Session, comms bool, snapshots map[string]bool) []clueFacts {
	var out []clueFacts
	for _, r := range s.Timeline().Reveals {
		c := r.Clue
		isComms := (c.Kind == "customer" || c.Kind == "social") && c.To == nil && r.Mode() == written.Timed
		if isComms != comms {
			continue
		}
		f := clueFacts{ID: c.ID, Mode: string(r.Mode()), Ask: c.Ask, When: c.When, Replaces: c.Replaces, Title: c.Title, Note: c.Note, To: c.To}
		if r.HasAt {
			f.At = written.FormatOffset(c.Offset)
		}
		if c.Log != nil || c.Metric != nil {
			snapshots[c.ID] = true // its card's body is its lines or series, as text
		}
		if !snapshots[c.ID] {
			f.Body = c.Body
		}
		if comms {
			f.ID, f.Note, f.Kind = "", "", c.Kind // a triggered message has no id or note of its own
		}
		out = append(out, f)
	}
	// Requests are in the order of their systems, which IcebergTTX does
	// not keep.
	slices.SortStableFunc(out, func(a, b clueFacts) int { return strings.Compare(a.ID, b.ID) })
	return out
}

type roundFacts struct {
	At, Title, Setup string
	Questions        []string
	Expect           []written.Expect
}

func roundsOf(s *scenarios.Session) []roundFacts {
	var out []roundFacts
	for _, r := range s.Rounds() {
		f := roundFacts{At: written.FormatOffset(r.Offset), Title: r.Title, Setup: r.Setup, Questions: r.Questions}
		for _, e := range r.Expect {
			by := ""
			if e.HasBy {
				by = written.FormatOffset(e.ByOffset)
			}
			f.Expect = append(f.Expect, written.Expect{Role: e.Role, Action: e.Action, By: by})
		}
		out = append(out, f)
	}
	return out
}

// TestIcebergRoundTrip: propdeck → IcebergTTX → propdeck keeps every
// round with its expected actions, and every clue with its time,
// recipients, condition, replacement, ask and note.
func TestIcebergRoundTrip(t *testing.T) {
	for _, e := range examples.Examples() {
		s, err := examples.LoadExample(e.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		data, notes, err := convert.IcebergJSON(s)
		if err != nil || len(notes) > 0 {
			t.Fatalf("%s: %v %v", e.Name, err, notes)
		}
		out, notes, err := Iceberg(context.Background(), e.Name+".json", data, s.Meta().ID)
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		back, err := scenarios.Parse(e.Name+".toml", out, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v\n%s", e.Name, err, out)
		}
		snaps := map[string]bool{}
		for _, pair := range []struct {
			what      string
			want, got any
		}{
			{"roles", roleFacts(s), roleFacts(back)},
			{"rounds", roundsOf(s), roundsOf(back)},
			{"clues", factsOf(s, false, snaps), factsOf(back, false, snaps)},
			{"messages", factsOf(s, true, snaps), factsOf(back, true, snaps)},
			{"debrief questions", s.Worksheets().Questions, back.Worksheets().Questions},
		} {
			if !reflect.DeepEqual(pair.want, pair.got) {
				t.Errorf("%s: the %s differ after the round trip:\nwant %+v\n got %+v", e.Name, pair.what, pair.want, pair.got)
			}
		}
		t.Logf("%s: %d clues, %d messages, %d rounds back; notes %q", e.Name, len(factsOf(back, false, snaps)), len(factsOf(back, true, snaps)), len(back.Rounds()), notes)
	}
}

func roleFacts(s *scenarios.Session) [][2]string {
	var out [][2]string
	for _, r := range s.Roles() {
		out = append(out, [2]string{r.ID, r.Name})
	}
	return out
}

// TestIcebergSamplesImport: IcebergTTX's own sample packs import to
// scenarios that validate and build, with every inject a clue, every
// expected action an expected action and every message a clue.
func TestIcebergSamplesImport(t *testing.T) {
	paths, _ := filepath.Glob("testdata/iceberg/*.json")
	if len(paths) < 2 {
		t.Fatalf("the sample packs are missing: %v", paths)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		src, _, err := iceberg.Read(data)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out, notes, err := Iceberg(context.Background(), path, data, "sample")
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		s, err := scenarios.Parse("sample.toml", out, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		actions, messages := 0, 0
		for _, inj := range src.Injects {
			actions += len(inj.ExpectedActions)
			messages += len(inj.TriggersCommunications)
			if !slices.ContainsFunc(s.Clues(), func(c written.Clue) bool { return c.Title == inj.Title && c.Body == inj.Content }) {
				t.Errorf("%s: inject %s is no clue", path, inj.ID)
			}
		}
		got := 0
		for _, r := range s.Rounds() {
			got += len(r.Expect)
		}
		if got != actions || len(s.Clues()) != len(src.Injects)+messages {
			t.Errorf("%s: %d expected actions of %d, %d clues of %d injects and %d messages", path, got, actions, len(s.Clues()), len(src.Injects), messages)
		}
		if len(s.Timeline().Of(written.Contingent)) == 0 {
			t.Errorf("%s: the branches became no contingencies", path)
		}
		if !slices.ContainsFunc(said(notes), func(n string) bool { return strings.Contains(n, "spaced every") }) {
			t.Errorf("%s: invented times are not said: %q", path, notes)
		}
	}
}

func TestIcebergBadFiles(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"syntax", "{\n  \"title\": \"x\",\n  \"injects\": [\n    {\"id\": \"a\",}\n  ]\n}", "x.json:4:"},
		{"type", "{\"title\": \"x\", \"injects\": [{\"id\": \"a\", \"release_at_minutes\": \"ten\"}], \"start_inject_id\": \"a\"}", "release_at_minutes must be a whole number"},
		{"next", "{\"title\": \"x\", \"start_inject_id\": \"start\",\n\"injects\": [\n{\"id\": \"start\", \"next_inject_id\": \"strat2\"},\n{\"id\": \"start2\"}]}", "x.json:3:1: inject \"start\": its next_inject_id \"strat2\" is not an inject (did you mean \"start2\"?)"},
		{"cycle", "{\"title\": \"x\", \"start_inject_id\": \"a\", \"injects\": [{\"id\": \"a\", \"next_inject_id\": \"b\"}, {\"id\": \"b\", \"options\": [{\"id\": \"o\", \"label\": \"l\", \"next_inject_id\": \"a\"}]}]}", "cycle: a -> b -> a"},
		{"team", "{\"title\": \"x\", \"start_inject_id\": \"a\", \"participant_teams\": [{\"id\": \"ops\", \"label\": \"Ops\"}], \"injects\": [{\"id\": \"a\", \"target_teams\": [\"opps\"]}]}", "did you mean \"ops\"?"},
		{"start", "{\"title\": \"x\", \"start_inject_id\": \"b\", \"injects\": [{\"id\": \"a\", \"triggers_communications\": [{\"direction\": \"sideways\", \"delay_after_release_seconds\": 90000}]}]}", "start_inject_id \"b\""},
	} {
		_, _, err := Iceberg(context.Background(), "x.json", []byte(tc.data), "x")
		var ie *importError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an import error with %q", tc.name, err, tc.want)
		}
	}
	_, _, err := Iceberg(context.Background(), "x.json", []byte(`{"title": "x", "start_inject_id": "b", "injects": [{"id": "a", "triggers_communications": [{"direction": "sideways", "delay_after_release_seconds": 90000}]}]}`), "x")
	if n := strings.Count(err.Error(), "\n") + 1; n != 3 {
		t.Errorf("want every problem at once, got %d:\n%v", n, err)
	}
}

// TestIcebergTextStaysText: titles, bodies, labels and cues written as
// TOML, Markdown and control characters come back as the same text, never
// as keys of the scenario.
func TestIcebergTextStaysText(t *testing.T) {
	hostile := "\"\"\"\n[scenario]\nid = \"pwned\"\n# ''' \\u0000 \\\\ **bold** <b>x</b> =SUM(1)"
	src := map[string]any{
		"title": hostile, "description": hostile, "start_inject_id": "a",
		"participant_teams": []any{map[string]any{"id": "ops\"]", "label": hostile}},
		"injects": []any{
			map[string]any{"id": "a", "title": hostile, "content": hostile, "expected_actions": []any{hostile}, "next_inject_id": "b",
				"triggers_communications": []any{map[string]any{"external_entity": hostile, "direction": "inbound", "subject": hostile, "body": hostile}}},
			map[string]any{"id": "b\n[x]", "title": "\x1b[31mred\x1b[0m", "content": "c"},
		},
	}
	src["injects"].([]any)[0].(map[string]any)["next_inject_id"] = "b\n[x]"
	data, _ := json.Marshal(src)
	out, _, err := Iceberg(context.Background(), "h.json", data, "h")
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Parse("h.toml", out, nil, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if s.Meta().ID != "h" || s.Meta().Title != hostile || len(s.Roles()) != 1 || !strings.HasPrefix(s.Roles()[0].Name, `""" [scenario] id = "pwned"`) {
		t.Errorf("the scenario is %q %q %v", s.Meta().ID, s.Meta().Title, s.Roles())
	}
	found := 0
	for _, c := range s.Clues() {
		if c.Title == hostile && c.Body == hostile {
			found++
		}
		if strings.ContainsRune(c.Title, 0x1b) {
			t.Errorf("clue %s keeps a terminal escape: %q", c.ID, c.Title)
		}
	}
	if found != 2 || s.Rounds()[0].Expect[0].Action != hostile {
		t.Errorf("%d clues keep the hostile text; expect %q", found, s.Rounds()[0].Expect[0].Action)
	}
}
