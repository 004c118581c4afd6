package board

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// boardsOf are a scenario's boards in one format, built once for every
// test that only reads them: building them is most of these tests' work.
type boardsOf struct {
	once  sync.Once
	s     *scenarios.Session
	files []output.File
	err   error
}

var shared sync.Map // "example/format" or "file.toml/format" → *boardsOf

// sharedBoards builds (once) the boards of an example, or of a scenario
// file named by its path, in a format.
func sharedBoards(t *testing.T, name, format string) (*scenarios.Session, []output.File) {
	t.Helper()
	v, _ := shared.LoadOrStore(name+"/"+format, &boardsOf{})
	b := v.(*boardsOf)
	b.once.Do(func() {
		if strings.HasSuffix(name, ".toml") {
			b.s, b.err = scenarios.Load(name, nil)
		} else {
			b.s, b.err = examples.LoadExample(name, nil)
		}
		if b.err == nil {
			b.files, b.err = boardFiles(b.s, format)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.s, b.files
}

// exampleBoards is sharedBoards by short name: "table.excalidraw" for
// ID-table.excalidraw.
func exampleBoards(t *testing.T, name, format string) (*scenarios.Session, map[string][]byte) {
	t.Helper()
	s, list := sharedBoards(t, name, format)
	files := map[string][]byte{}
	for _, f := range list {
		files[strings.TrimPrefix(f.Name, s.Meta().ID+"-")] = f.Data
	}
	return s, files
}

// svgDataURL is how a board embeds a card's image.
const svgDataURL = "data:image/svg+xml;base64,"

// embedded are the base64 payloads of the SVG data URLs in a board file,
// in order. A scan, not a regular expression: with a submatch over the
// megabytes of a board, the regexp package's machine took about 2 s of
// the package's 7 s of CPU.
func embedded(data []byte) [][]byte {
	var out [][]byte
	for {
		i := bytes.Index(data, []byte(svgDataURL))
		if i < 0 {
			return out
		}
		data = data[i+len(svgDataURL):]
		n := 0
		for n < len(data) && isBase64(data[n]) {
			n++
		}
		if n > 0 {
			out = append(out, data[:n])
		}
		data = data[n:]
	}
}

func isBase64(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '='
}

// readable is a board file as a person could read it: its JSON, and the
// text of every image it embeds.
func readable(data []byte) string {
	var b strings.Builder
	var v any
	if json.Unmarshal(data, &v) == nil {
		// Written again with no escapes, "<" and "&" as themselves, so
		// that a secret with markup in it is found too.
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(v)
	}
	for _, m := range embedded(data) {
		svg, _ := base64.StdEncoding.DecodeString(string(m))
		b.Write(svg)
	}
	return b.String()
}

// secrets are the scenario's sealed strings: every clue's text, condition
// and note, what is asked for, every expected action and complication.
func secrets(s *scenarios.Session) []string {
	var out []string
	add := func(v string) {
		if len([]rune(v)) >= 8 {
			out = append(out, v)
		}
	}
	for _, c := range s.Clues() {
		add(c.Title)
		add(c.Note)
		add(c.When)
		add(c.Ask)
		for _, line := range strings.Split(c.Body, "\n") {
			add(strings.TrimSpace(line))
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

// TestTheTableHoldsNoSecret: neither the players' board nor an image on
// it holds any sealed string of any example, in either format; the
// facilitator's board holds them (the check can see them).
func TestTheTableHoldsNoSecret(t *testing.T) {
	t.Parallel()
	for _, e := range examples.Examples() {
		for _, format := range Formats {
			t.Run(e.Name+"/"+format, func(t *testing.T) {
				t.Parallel()
				tableHoldsNoSecret(t, e.Name, format)
			})
		}
	}
}

// tableHoldsNoSecret is TestTheTableHoldsNoSecret for one example in one
// format.
func tableHoldsNoSecret(t *testing.T, name, format string) {
	s, files := exampleBoards(t, name, format)
	ext := map[string]string{"excalidraw": ".excalidraw", "tldraw": ".tldr"}[format]
	table, facilitator := readable(files["table"+ext]), readable(files["facilitator"+ext])
	found := 0
	for _, secret := range secrets(s) {
		if strings.Contains(table, secret) {
			t.Errorf("%s %s: the players' board holds %q", name, format, secret)
		}
		if strings.Contains(facilitator, secret) {
			found++
		}
	}
	if found == 0 {
		t.Errorf("%s %s: the facilitator's board holds no sealed string either: the check sees nothing", name, format)
	}
}

// cardsIn lists the card names a file's elements or shapes show, once per
// card (its image and its title share the name).
func cardsIn(t *testing.T, data []byte) map[string]int {
	t.Helper()
	var file struct {
		Elements     []json.RawMessage
		LibraryItems []struct{ Elements []json.RawMessage }
		Records      []json.RawMessage
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	all := append(file.Elements, file.Records...)
	for _, it := range file.LibraryItems {
		all = append(all, it.Elements...)
	}
	seen := map[string]map[string]bool{} // card → groups it appears in
	for _, raw := range all {
		var e struct {
			GroupIDs   []string
			CustomData struct{ PropdeckCard string }
			Meta       struct{ PropdeckCard string }
			Type       string
		}
		json.Unmarshal(raw, &e)
		card := e.CustomData.PropdeckCard + e.Meta.PropdeckCard
		if card == "" || (e.Type != "image" && len(e.GroupIDs) == 0) {
			continue
		}
		group := strings.Join(e.GroupIDs, ",")
		if e.Type == "image" {
			group = "image"
		}
		if seen[card] == nil {
			seen[card] = map[string]bool{}
		}
		seen[card][group] = true
	}
	out := map[string]int{}
	for card, groups := range seen {
		out[card] = len(groups)
	}
	return out
}

// TestEveryCardOnceAcrossTableAndLibrary: every card of the deck is on
// the players' board (badges) or in the library (clues, requests,
// complications), and none is in both or twice.
func TestEveryCardOnceAcrossTableAndLibrary(t *testing.T) {
	t.Parallel()
	for _, e := range examples.Examples() {
		s, files := exampleBoards(t, e.Name, "excalidraw")
		list, err := cards.AllCards(s, cards.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, name := range []string{"table.excalidraw", "cards.excalidrawlib"} {
			for card, n := range cardsIn(t, files[name]) {
				count[card] += n
			}
		}
		for _, c := range list {
			want := 1
			if c.Kind == "system" {
				want = 0 // the systems wall is sticky notes, with their arrows
			}
			if count[c.Name] != want {
				t.Errorf("%s: card %s (%s) appears %d times, want %d", e.Name, c.Name, c.Kind, count[c.Name], want)
			}
			delete(count, c.Name)
		}
		for card := range count {
			t.Errorf("%s: %s is on a board but not in the deck", e.Name, card)
		}
	}
}

// TestBoardsAreTheSameBytes: the same scenario gives the same files.
func TestBoardsAreTheSameBytes(t *testing.T) {
	t.Parallel()
	for _, format := range Formats {
		s, a := sharedBoards(t, "eu-db-latency", format)
		b, err := boardFiles(s, format) // a second build, not the shared one
		if err != nil {
			t.Fatal(err)
		}
		if len(a) != len(b) {
			t.Fatalf("%s: %d files, then %d", format, len(a), len(b))
		}
		for i := range a {
			if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
				t.Errorf("%s %s differs between two builds", format, a[i].Name)
			}
		}
	}
}

// TestBoardNamesAndFormats: each format writes its three files, and an
// unknown one is an error.
func TestBoardNamesAndFormats(t *testing.T) {
	t.Parallel()
	var s *scenarios.Session
	for format, want := range map[string][]string{
		"excalidraw": {"eu-db-latency-table.excalidraw", "eu-db-latency-facilitator.excalidraw", "eu-db-latency-cards.excalidrawlib"},
		"tldraw":     {"eu-db-latency-table.tldr", "eu-db-latency-facilitator.tldr", "eu-db-latency-cards.tldr"},
	} {
		var list []output.File
		s, list = sharedBoards(t, "eu-db-latency", format)
		var got []string
		for _, f := range list {
			got = append(got, f.Name)
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %v, want %v", format, got, want)
		}
	}
	if _, err := boardFiles(s, "miro"); err == nil {
		t.Error("format miro: no error")
	}
}

// TestHostileTextStaysText: markup, quotes and JSON in a scenario's text
// land in every board file as text: the JSON parses, every embedded SVG
// is well-formed XML with no element the scenario wrote, and the text
// round-trips.
func TestHostileTextStaysText(t *testing.T) {
	t.Parallel()
	for _, format := range Formats {
		s, list := sharedBoards(t, "testdata/hostile.toml", format)
		for _, f := range list {
			var v any
			if err := json.Unmarshal(f.Data, &v); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if !holds(v, s.Meta().Title) && !strings.HasSuffix(f.Name, ".excalidrawlib") {
				t.Errorf("%s: the title is not there as text", f.Name)
			}
			for _, m := range embedded(f.Data) {
				svg, _ := base64.StdEncoding.DecodeString(string(m))
				dec := xml.NewDecoder(bytes.NewReader(svg))
				for {
					tok, err := dec.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("%s: an image is not XML: %v", f.Name, err)
					}
					if e, ok := tok.(xml.StartElement); ok && !svgElements[e.Name.Local] {
						t.Errorf("%s: an image holds a <%s> element", f.Name, e.Name.Local)
					}
				}
			}
		}
	}
}

// svgElements are the elements the SVG backend writes.
var svgElements = map[string]bool{"svg": true, "defs": true, "style": true, "rect": true, "text": true, "tspan": true,
	"path": true, "polyline": true, "polygon": true, "a": true, "g": true, "use": true}

// holds reports whether a decoded JSON value has a string holding want.
func holds(v any, want string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(v, want)
	case []any:
		for _, e := range v {
			if holds(e, want) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if holds(e, want) {
				return true
			}
		}
	}
	return false
}

// boardFiles is Write into memory, for a test that reads the files.
func boardFiles(s *scenarios.Session, format string) ([]output.File, error) {
	var out []output.File
	err := Write(context.Background(), s, format, func(name string, write func(io.Writer) error) error {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		out = append(out, output.File{Name: name, Data: b.Bytes()})
		return nil
	})
	return out, err
}
