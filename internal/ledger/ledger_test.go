package ledger

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A ledger as people leave it: comments, their own order of keys, CRLF
// line ends in one entry, a multi-line note.
const handWritten = `format = 1

# the panel everyone asked for
[[action]]
status = "open"   # keep open until the panel ships
id = "eu-db-latency/2026-03-10/1"
title = "Add a replica lag panel"
note = """
first line
# not a comment
"""

# kept by hand
[[action]]` + "\r\n" + `id = "by-hand-1"` + "\r\n" + `title = "Rotate the on-call list"` + "\r\n" + `status = "in-progress"` + "\r\n" + `
# trailing comment
`

// TestSetEditsOnlyTheEntry: closing an item rewrites the lines of the keys
// that changed and adds the missing ones at the end of its entry; every
// other byte of the file stays, and the text reads back as intended.
func TestSetEditsOnlyTheEntry(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		i    int
		edit func(*Item)
		want []string
		keep []string
	}{
		{"close multi-line note", 0, func(it *Item) { it.Status, it.Closed, it.Note = "done", "2026-04-02", "shipped; \"v2\" \\ ok\nsecond" },
			[]string{`status = "done"` + "\n", `note = "shipped; \"v2\" \\ ok\nsecond"` + "\n", `closed = "2026-04-02"` + "\n\n# kept by hand"},
			[]string{"# the panel everyone asked for\n[[action]]\n", "id = \"eu-db-latency/2026-03-10/1\"\ntitle"}},
		{"crlf entry", 1, func(it *Item) { it.Status, it.Closed, it.Link = "wont-do", "2026-05-01", "https://tracker.example/1" },
			[]string{`status = "wont-do"` + "\r\n", `closed = "2026-05-01"` + "\r\n" + `link = "https://tracker.example/1"` + "\r\n\n# trailing comment\n"},
			[]string{"first line\n# not a comment\n\"\"\"\n", "status = \"open\"   # keep open"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			l, err := parse("actions.toml", []byte(handWritten), nil)
			if err != nil {
				t.Fatal(err)
			}
			it := l.Items[c.i]
			c.edit(&it)
			out, err := l.Set(c.i, it)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range append(c.want, c.keep...) {
				if !strings.Contains(string(out), s) {
					t.Errorf("the edit lacks %q:\n%s", s, out)
				}
			}
		})
	}
}

// TestAppendKeepsTextAsText: hostile text in a record's action (quotes,
// newlines, a TOML header, a comment-ending file name) lands as values.
func TestAppendKeepsTextAsText(t *testing.T) {
	t.Parallel()
	l, _ := parse("actions.toml", []byte(handWritten), nil)
	evil := "x\"\n[[action]]\nid = \"pwned\"\n# \\"
	out, err := l.Append([]New{{From: "records/a\n[[action]].toml", Item: Item{ID: "s/2026-01-01/1", Title: evil, Owner: "팀 \u200b", Status: "open", Opened: "2026-01-01", Retest: "s"}}})
	if err != nil {
		t.Fatal(err)
	}
	back, err := parse("actions.toml", out, nil)
	if err != nil || len(back.Items) != 3 || back.Items[2].Title != evil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), handWritten) {
		t.Errorf("the text before the new entry changed")
	}
}

// TestErrorsAtTheirLine: a ledger's mistakes are said at FILE:LINE:COL,
// all at once, with the nearest word.
func TestErrorsAtTheirLine(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, text, want string }{
		{"unknown key", "format = 1\n[[action]]\nid = \"a\"\ntitle = \"t\"\nstatus = \"open\"\nowener = \"x\"\n", `actions.toml:6:1: unknown key "owener"`},
		{"status", "format = 1\n[[action]]\nid = \"a\"\ntitle = \"t\"\nstatus = \"closed\"\nclosed = \"2026-01-02\"\n", `actions.toml:5:1: action "a": status = "closed" is not one of open, in-progress, done or wont-do (did you mean "done"?)`},
		{"done without date", "format = 1\n[[action]]\nid = \"a\"\ntitle = \"t\"\nstatus = \"done\"\n", `actions.toml:5:1: action "a" is done but has no closed date`},
		{"duplicate", "format = 1\n[[action]]\nid = \"a\"\ntitle = \"t\"\nstatus = \"open\"\n[[action]]\nid = \"a\"\ntitle = \"u\"\nstatus = \"open\"\n", `actions.toml:7:1: duplicate action id "a"`},
		{"link", "format = 1\n[[action]]\nid = \"a\"\ntitle = \"t\"\nstatus = \"open\"\nlink = \"javascript:alert(1)\"\n", `actions.toml:6:1: action "a": link = "javascript:alert(1)" is not an http or https address`},
		{"date", "format = 1\n[[action]]\nid = \"a\"\ntitle = \"t\"\nstatus = \"open\"\ndue = \"1 April\"\n", `actions.toml:6:1: action "a": due = "1 April" is not a date`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := parse("actions.toml", []byte(c.text), nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %s", err, c.want)
			}
		})
	}
}

// TestSchemaIsCurrentAndHoldsLedgers: the shipped schema is this one, and
// a ledger propdeck writes (new, then with a closed item) passes it.
func TestSchemaIsCurrentAndHoldsLedgers(t *testing.T) {
	t.Parallel()
	shipped, err := os.ReadFile("../../schema/actions.schema.json")
	if err != nil || !bytes.Equal(shipped, Schema()) {
		t.Fatalf("schema/actions.schema.json is not current: run propdeck schema --actions > schema/actions.schema.json")
	}
	doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(shipped))
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("actions.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("actions.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	empty, _ := parse("actions.toml", []byte(header), nil)
	text, err := empty.Append([]New{{Item: Item{ID: "s/2026-01-01/1", Title: "t", Status: "open", Opened: "2026-01-01", Retest: "s"}}})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := parse("actions.toml", text, nil)
	it := l.Items[0]
	it.Status, it.Closed = "done", "2026-01-05"
	closed, err := l.Set(0, it)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range [][]byte{text, closed} {
		var m map[string]any
		if _, err := toml.Decode(string(text), &m); err != nil {
			t.Fatal(err)
		}
		js, _ := json.Marshal(m)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(js))
		if err := sch.Validate(v); err != nil {
			t.Errorf("%v\n%s", err, text)
		}
	}
}
