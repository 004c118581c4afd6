package importer

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestIcebergRefusesAHugeText: a text past its bound (a title of 5 MB,
// a content, a label, a cue) is refused at its line and column, without
// the text in the message, before anything is laid out.
func TestIcebergRefusesAHugeText(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("word ", 1<<20) // 5 MB
	long := strings.Repeat("x", 200_001)
	for _, tc := range []struct {
		name, want string
		edit       func(src map[string]any, inj map[string]any)
	}{
		{"title", "3:", func(_ map[string]any, inj map[string]any) { inj["title"] = huge }},
		{"content", "3:", func(_ map[string]any, inj map[string]any) { inj["content"] = long }},
		{"cue", "3:", func(_ map[string]any, inj map[string]any) { inj["expected_actions"] = []string{"ok", long} }},
		{"scenario title", "4:", func(src map[string]any, _ map[string]any) { src["title"] = huge }},
		{"team label", "4:", func(src map[string]any, _ map[string]any) {
			src["participant_teams"] = []map[string]string{{"id": "ops", "label": strings.Repeat("Ops ", 1000)}}
		}},
		{"inject id", "3:", func(_ map[string]any, inj map[string]any) { inj["id"] = huge }},
	} {
		inj := map[string]any{"id": "a", "title": "A", "content": "c"}
		src := map[string]any{"title": "x", "start_inject_id": "a"}
		tc.edit(src, inj)
		data, _ := json.Marshal(src)
		injects, _ := json.Marshal([]any{inj})
		// The inject on line 3, the scenario's own keys on line 4.
		data = []byte(strings.Replace(string(data), "{", "{\n\"injects\":\n"+string(injects)+",\n", 1))
		_, _, err := Iceberg(context.Background(), "x.json", data, "x")
		var ie *importError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "x.json:"+tc.want) || !strings.Contains(err.Error(), "at most") {
			t.Errorf("%s: got %.300v, want an import error at x.json:%s saying the bound", tc.name, err, tc.want)
		}
		if err != nil && len(err.Error()) > 1000 {
			t.Errorf("%s: the refusal is %d bytes long: it quotes the text", tc.name, len(err.Error()))
		}
	}
}

// TestIcebergStopsWhenCancelled: a cancelled import says so, whatever
// its size.
func TestIcebergStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, n := range []int{3, 3000, 9000} {
		if _, _, err := Iceberg(ctx, "chain.json", icebergChain(n), "chain"); !errors.Is(err, context.Canceled) {
			t.Errorf("%d injects: a cancelled import returned %v", n, err)
		}
	}
}

// TestIcebergLongChainFitsAWeek: a chain too long for five minutes a
// step is spaced closer, so that it stays within propdeck's week.
func TestIcebergLongChainFitsAWeek(t *testing.T) {
	t.Parallel()
	out, notes, err := Iceberg(context.Background(), "chain.json", icebergChain(2500), "chain")
	if err != nil {
		t.Fatalf("%.500v", err)
	}
	if !strings.Contains(strings.Join(said(notes), "\n"), "spaced every 3m") || !strings.Contains(string(out), "at = \"T+124h57m\"") {
		t.Errorf("notes %q", notes)
	}
}

// TestIcebergTimesPastAWeek: IcebergTTX takes any release time, propdeck's
// times end a week from the start. A time past it (a release, a message's
// delay after a late release, a branch after one, an overflowing number)
// is the file's problem, at the line and column of its inject, naming it;
// a release at the week itself imports.
func TestIcebergTimesPastAWeek(t *testing.T) {
	t.Parallel()
	comm := `, "triggers_communications": [{"direction": "inbound", "subject": "s", "delay_after_release_seconds": 86400}]`
	branch := `, "options": [{"id": "o", "label": "l", "next_inject_id": "c"}, {"id": "p", "label": "m", "next_inject_id": "d"}]`
	for _, tc := range []struct {
		name, b, want string // inject b's extra keys, the error wanted ("" for none)
	}{
		{"at the week", `, "release_at_minutes": 10080`, ""},
		{"past the week", `, "release_at_minutes": 10081`, `x.json:3:1: inject "b": release_at_minutes 10081 is past a week`},
		{"overflowing", `, "release_at_minutes": 9223372036854775807`, `x.json:3:1: inject "b": release_at_minutes 9223372036854775807 is past a week`},
		{"a message past it", `, "release_at_minutes": 10000` + comm, `x.json:3:1: inject "b": its communication "s" would come at T+190h40m, past a week`},
		{"a branch past it", `, "release_at_minutes": 10079` + branch, `x.json:5:1: inject "d" would come at T+168h9m, past a week from the start, where propdeck's times end; it has no release_at_minutes`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := `{"title": "x", "start_inject_id": "a", "injects": [
{"id": "a", "next_inject_id": "b"},
{"id": "b"` + tc.b + `},
{"id": "c"},
{"id": "d"}]}`
			_, _, err := Iceberg(context.Background(), "x.json", []byte(data), "x")
			var ie *importError
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("got %v, want an import", err)
			case tc.want != "" && (!errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "defect")):
				t.Errorf("got %v\nwant an import error with %q", err, tc.want)
			}
		})
	}
}
