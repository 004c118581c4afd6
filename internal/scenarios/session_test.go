package scenarios

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

// TestSessionHandsOutCopies: whatever a reader does to what a Session
// handed it (every string, number, list element, table entry and pointed-to
// value changed in place), the next reader gets what the first got.
func TestSessionHandsOutCopies(t *testing.T) {
	t.Parallel()
	sessions := map[string]*Session{}
	for _, ex := range shippedExamples() {
		s, err := loadShipped(ex.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		sessions[ex.Name] = s
	}
	// No example prepares a poll, plays a clue at some levels only or
	// has a note (a message whose values include a message).
	sessions["edited"] = sessions["eu-db-latency"].Edited(func(w *written.Scenario) {
		w.Rounds[0].Polls = []written.Poll{{ID: "failover", Question: "Fail over?", Options: []string{"now", "wait"}}}
		w.Clues[0].Only = written.Levels{"standard", "hard"}
		w.Notes = []tomlfile.Error{{File: "f.toml", Text: text.M("k", "what", text.M("inner", "id", "x"), "n", 1)}}
	})
	for ex, s := range sessions {
		handsOutCopies(t, ex, s)
	}
}

// handsOutCopies changes what each reader of s hands out and reads again.
func handsOutCopies(t *testing.T, label string, s *Session) {
	t.Helper()
	for name, read := range readers(s) {
		before := snapshot(t, read())
		scribble(reflect.ValueOf(read()))
		if after := snapshot(t, read()); after != before {
			t.Errorf("%s: changing what %s handed out changed the session", label, name)
		}
	}
}

// TestSessionsMadeFromOneShareNothing: a session made from another
// (Outline, Played, Edited) hands out copies too, and changing what it
// hands out (or, for Edited, the scenario edit is given) changes neither
// it nor the session it was made from.
func TestSessionsMadeFromOneShareNothing(t *testing.T) {
	t.Parallel()
	s, err := loadShipped("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	s = s.Edited(func(w *written.Scenario) {
		w.Notes = []tomlfile.Error{{File: "f.toml", Text: text.M("k", "what", text.M("inner", "id", "x"))}}
	})
	before := snapshotAll(t, s)
	made := map[string]func() *Session{
		"Outline":           s.Outline,
		"Played":            func() *Session { return s.Played(Play{Language: "ko", Pace: 2}) },
		"Played at a level": func() *Session { return s.Played(Play{Level: "hard"}) },
		"Edited": func() *Session {
			return s.Edited(func(w *written.Scenario) { scribble(reflect.ValueOf(w)) })
		},
	}
	for how, mk := range made {
		handsOutCopies(t, how, mk())
		if snapshotAll(t, s) != before {
			t.Errorf("%s: changing what it handed out changed the session it was made from", how)
		}
	}
}

// snapshotAll is everything s hands out, written out.
func snapshotAll(t *testing.T, s *Session) string {
	var b strings.Builder
	read := readers(s)
	for _, name := range slices.Sorted(maps.Keys(read)) {
		b.WriteString(name + ": " + snapshot(t, read[name]()) + "\n")
	}
	return b.String()
}

// snapshot is v written out whole, pointers followed: what it holds,
// never where.
func snapshot(t *testing.T, v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// readers are every way a Session hands out what it holds.
func readers(s *Session) map[string]func() any {
	clues := s.Clues()
	out := map[string]func() any{
		"Meta":              func() any { m := s.Meta(); return &m },
		"Print":             func() any { p := s.Print(); return &p },
		"Roles":             func() any { return s.Roles() },
		"Systems":           func() any { return s.Systems() },
		"Rounds":            func() any { return s.Rounds() },
		"Clues":             func() any { return s.Clues() },
		"Worksheets":        func() any { w := s.Worksheets(); return &w },
		"Premortem":         func() any { p := s.Premortem(); return &p },
		"Complications":     func() any { c := s.Complications(); return &c },
		"ComplicationCards": func() any { return s.ComplicationCards() },
		"Timeline":          func() any { return s.Timeline().Reveals },
		"Notes":             func() any { return s.Notes() },
	}
	if len(s.Rounds()) > 0 {
		out["Round"] = func() any { r := s.Round(0); return &r }
	}
	for _, r := range s.Rounds() {
		for _, p := range r.Polls {
			out["PollOf"] = func() any { return s.PollOf(p.ID) }
		}
	}
	for _, c := range clues {
		out["Clue"] = func() any { got, _ := s.Clue(c.ID); return &got }
		switch {
		case c.Log != nil:
			out["LogEntries"] = func() any { return s.LogEntries(c) }
		case c.Metric != nil:
			out["Samples"] = func() any { return s.Samples(c, 0) }
		}
	}
	return out
}

// scribble changes in place every exported string, number, switch, list
// element, table entry and pointed-to value it can reach from v.
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			scribble(v.Elem())
		}
	case reflect.Interface:
		// What an interface holds cannot be changed in place: a copy of it
		// is changed and put back, as a reader would.
		if !v.IsNil() && v.CanSet() {
			e := reflect.New(v.Elem().Type()).Elem()
			e.Set(v.Elem())
			scribble(e)
			v.Set(e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scribble(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			scribble(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			scribble(e)
			v.SetMapIndex(k, e)
		}
	}
	if !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	}
}
