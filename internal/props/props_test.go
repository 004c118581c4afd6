package props

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

func shipped(t *testing.T) map[string]*scenarios.Session {
	t.Helper()
	out := map[string]*scenarios.Session{}
	for _, e := range examples.Examples() {
		name := e.Name
		s, err := examples.LoadExample(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	hostile, err := scenarios.Load("testdata/hostile.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	out["hostile"] = hostile
	return out
}

// propFiles are a scenario's props by name, the Slack export's entries
// among them as ZIP/ENTRY.
func propFiles(t *testing.T, s *scenarios.Session, opt Options) map[string][]byte {
	t.Helper()
	files, err := Files(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Data
		if !strings.HasSuffix(f.Name, ".zip") {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, e := range zr.File {
			rc, err := e.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			if err != nil {
				t.Fatalf("%s/%s: %v", f.Name, e.Name, err)
			}
			out[f.Name+"/"+e.Name] = data
		}
	}
	return out
}

// TestPropsAreTheSameBytes: the same scenario gives the same files.
func TestPropsAreTheSameBytes(t *testing.T) {
	for name, s := range shipped(t) {
		a, b := propFiles(t, s, Options{Requests: true}), propFiles(t, s, Options{Requests: true})
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two runs gave different props", name)
		}
	}
}

// TestPropsKeepTheFacilitatorsSecrets: no note, condition, ask, expected
// action, contingent clue or complication reaches a prop, and every clue
// handed out unasked does.
func TestPropsKeepTheFacilitatorsSecrets(t *testing.T) {
	for name, s := range shipped(t) {
		files := propFiles(t, s, Options{Requests: true})
		all := ""
		for _, data := range files {
			all += unescaped(data)
		}
		for _, secret := range secrets(s) {
			if strings.Contains(all, secret) {
				t.Errorf("%s: a prop holds the facilitator's %q", name, secret)
			}
		}
		for _, c := range s.Clues() {
			if c.Mode == written.Timed && slices.Contains(chatKinds, c.Kind) && !strings.Contains(all, strings.Join(strings.Fields(c.Title), " ")) && (c.To == nil || len(c.To) > 0) {
				t.Errorf("%s: clue %s is in no chat prop", name, c.ID)
			}
		}
	}
}

// unescaped is a file's text with JSON's escapes undone, so that a secret
// holding markup or quotes is found too.
func unescaped(data []byte) string {
	var v any
	if json.Unmarshal(data, &v) == nil {
		return strings.Join(leaves(v), "\n")
	}
	var out []string
	for _, line := range bytes.Split(data, []byte("\n")) {
		if json.Unmarshal(line, &v) == nil {
			out = append(out, leaves(v)...)
		} else {
			out = append(out, string(line))
		}
	}
	return strings.Join(out, "\n")
}

func leaves(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, leaves(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, k := range slices.Sorted(maps.Keys(v)) {
			out = append(out, leaves(v[k])...)
		}
		return out
	}
	return nil
}

func secrets(s *scenarios.Session) []string {
	var out []string
	add := func(v string) {
		if len(v) >= 6 {
			out = append(out, v)
		}
	}
	for _, c := range s.Clues() {
		add(c.Note)
		add(c.When)
		if c.Ask != c.Title { // played hard, a snapshot is asked for by its title
			add(c.Ask)
		}
		if c.Mode == written.Contingent {
			add(c.Title)
			add(c.Body)
		}
	}
	for _, r := range s.Rounds() {
		for _, e := range r.Expect {
			add(e.Action)
		}
	}
	for _, c := range s.ComplicationCards() {
		add(c.Title)
	}
	return out
}

// TestEveryVocabularyHasItsToolsValue holds the props' vocabularies to
// the tools' own sets: PagerDuty's severities, Statuspage's incident
// statuses and impacts.
func TestEveryVocabularyHasItsToolsValue(t *testing.T) {
	pagerduty := []string{"critical", "error", "warning", "info"}
	statuspage := []string{"investigating", "identified", "monitoring", "resolved"}
	impacts := []string{"none", "minor", "major", "critical"}
	if !slices.Equal(vocab.Severity.Values, pagerduty) || !slices.Equal(vocab.PageStatus.Values, statuspage) || !slices.Equal(vocab.Impact.Values, impacts) {
		t.Errorf("a props vocabulary differs from its tool's set")
	}
	components := []string{"operational", "degraded_performance", "partial_outage", "major_outage"}
	for _, v := range vocab.Impact.Values {
		if !slices.Contains(components, componentStatus[v]) {
			t.Errorf("impact %q has no Statuspage component status", v)
		}
	}
}

// TestUntilSeedsHalfASession: --until keeps the clues handed out by then.
func TestUntilSeedsHalfASession(t *testing.T) {
	s := shipped(t)["eu-db-latency"]
	files := propFiles(t, s, Options{Until: 30 * time.Minute, HasUntil: true})
	if _, ok := files["eu-db-latency-pagerduty-c01.json"]; !ok {
		t.Error("the page at T+0 is missing")
	}
	if _, ok := files["eu-db-latency-statuspage-c09.json"]; ok {
		t.Error("the status draft of T+35m is there at T+30m")
	}
}

func TestNoStartIsRefused(t *testing.T) {
	c := shipped(t)["hostile"].Edited(func(w *written.Scenario) { w.Scenario.Start = "" })
	_, err := Files(c, Options{})
	var ns *ErrNoStart
	if !errors.As(err, &ns) {
		t.Errorf("a scenario with no start gave %v", err)
	}
	if _, err := Files(c, Options{Start: time.Unix(0, 0)}); err != nil {
		t.Errorf("with a start given: %v", err)
	}
}
