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
	if !strings.Contains(strings.Join(notes, "\n"), "spaced every 3m") || !strings.Contains(string(out), "at = \"T+124h57m\"") {
		t.Errorf("notes %q", notes)
	}
}
