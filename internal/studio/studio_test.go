package studio

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/vocab"
)

// studioOn is a studio on a copy of a small scenario.
func studioOn(t *testing.T, scenario string) (*Studio, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.toml")
	if err := os.WriteFile(path, []byte(scenario), 0o644); err != nil {
		t.Fatal(err)
	}
	return New(context.Background(), path, Options{EditorURL: "vscode://file{path}:{line}:{col}"}), path
}

const small = `format = 1
[scenario]
id = "small"
title = "A small drill"
[[roles]]
id = "ic"
name = "Incident commander"
[[roles]]
id = "comms"
name = "Comms"
[[clues]]
id = "c1"
at = "T+0m"
title = "Pager fires"
to = ["ic"]
[[clues]]
id = "c2"
at = "T+5m"
title = "Everyone hears"
`

// TestPerimeter: the page answers only the loopback's names, with its
// token, to its own origin; every answer carries the strict policy.
func TestPerimeter(t *testing.T) {
	t.Parallel()
	st, _ := studioOn(t, small)
	tok := st.Token()
	for _, tc := range []struct {
		name, host, target, origin, site string
		want                             int
	}{
		{"page", "127.0.0.1:8080", "/?token=" + tok, "", "", 200},
		{"localhost", "localhost:8080", "/api/preview?token=" + tok, "", "", 200},
		{"ipv6 loopback", "[::1]:8080", "/api/timeline?token=" + tok, "", "", 200},
		{"no token", "127.0.0.1:8080", "/", "", "", 401},
		{"wrong token", "127.0.0.1:8080", "/?token=" + strings.Repeat("0", 32), "", "", 401},
		{"rebound name", "attacker.example:8080", "/?token=" + tok, "", "", 421},
		{"lan address", "192.168.1.10:8080", "/?token=" + tok, "", "", 421},
		{"foreign origin", "127.0.0.1:8080", "/api/preview?token=" + tok, "http://attacker.example", "", 403},
		{"own origin", "127.0.0.1:8080", "/api/preview?token=" + tok, "http://127.0.0.1:8080", "same-origin", 200},
		{"foreign image", "127.0.0.1:8080", "/api/face?i=0&side=0&token=" + tok, "", "cross-site", 403},
		{"typed address", "127.0.0.1:8080", "/?token=" + tok, "", "none", 200},
		{"post", "127.0.0.1:8080", "/?token=" + tok, "", "", 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			method := "GET"
			if tc.name == "post" {
				method = "POST"
			}
			r := httptest.NewRequest(method, tc.target, nil)
			r.Host = tc.host
			if tc.origin != "" {
				r.Header.Set("Origin", tc.origin)
			}
			if tc.site != "" {
				r.Header.Set("Sec-Fetch-Site", tc.site)
			}
			w := httptest.NewRecorder()
			st.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Errorf("%s %s (Host %s): %d, want %d: %s", method, tc.target, tc.host, w.Code, tc.want, w.Body)
			}
			if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("no strict policy: %q", csp)
			}
		})
	}
}

// TestReadingKeepsTheLastGood: a mistake is reported at its line with
// validate's words, the last good scenario kept and the status stale;
// the players' view says who sees each card, and the timeline warns of
// a role that receives nothing.
func TestReadingKeepsTheLastGood(t *testing.T) {
	t.Parallel()
	st, path := studioOn(t, small)
	if s := st.status(); s.Good != 1 || len(s.Errors) != 0 || s.Stale {
		t.Fatalf("first reading: %+v", s)
	}
	bad := strings.Replace(small, `to = ["ic"]`, `to = ["icc"]`, 1)
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	st.reload(context.Background())
	s := st.status()
	if !s.Stale || s.Good != 1 || len(s.Errors) != 1 {
		t.Fatalf("after a mistake: %+v", s)
	}
	e := s.Errors[0]
	if e.Line != 15 || !strings.Contains(e.Text, `"ic"`) || !strings.HasPrefix(e.Full, path+":15:") || !strings.HasPrefix(e.Link, "vscode://file/") || !strings.HasSuffix(e.Link, ":15:7") {
		t.Errorf("the mistake: %+v", e)
	}
	pl := playersOf(st.good)
	if len(pl.Audiences) != 3 || len(pl.Rows) != 2 {
		t.Fatalf("players: %+v", pl)
	}
	// c1 goes to the commander only; c2 to everyone, the screen too.
	if want := []bool{false, true, false}; !equal(pl.Rows[0].Sees, want) {
		t.Errorf("c1 seen by %v, want %v", pl.Rows[0].Sees, want)
	}
	if want := []bool{true, true, true}; !equal(pl.Rows[1].Sees, want) {
		t.Errorf("c2 seen by %v, want %v", pl.Rows[1].Sees, want)
	}
	svg := string(drawChart(st.good, wordsIn("en").Chart))
	if !strings.Contains(svg, "c1") || !strings.Contains(svg, "Timed cards") {
		t.Errorf("the chart lacks its cards: %.300s", svg)
	}
}

func equal(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestReadingNamesItsFiles: a reading names the scenario, its catalogs
// and its data files, which edit watches, even when the scenario has a
// mistake.
func TestReadingNamesItsFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../examples")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "eu-db-latency.toml")
	data, _ := os.ReadFile(path)
	for _, tc := range []struct {
		name, scenario string
		errors         bool
	}{
		{"good", string(data), false},
		{"a mistake", strings.Replace(string(data), "[[clues]]", "[[clues]]\nwho = 1", 1), true},
	} {
		if err := os.WriteFile(path, []byte(tc.scenario), 0o644); err != nil {
			t.Fatal(err)
		}
		rd := check(context.Background(), path)
		if got := len(rd.Errors) > 0; got != tc.errors {
			t.Errorf("%s: errors %v", tc.name, rd.Errors)
		}
		files := strings.Join(rd.Files, " ")
		for _, want := range []string{path, filepath.Join(dir, "catalog", "systems.toml"), filepath.Join(dir, "files", "replica-status.log")} {
			if !strings.Contains(files, want) {
				t.Errorf("%s: %s is not among the files read: %s", tc.name, want, files)
			}
		}
	}
}

// TestLevelsLeaveOut: a clue played only at hard is drawn at hard and
// named as left out at the other levels, as build --difficulty plays it.
func TestLevelsLeaveOut(t *testing.T) {
	t.Parallel()
	st, _ := studioOn(t, small+"only = \"hard\"\n")
	for _, tc := range []struct {
		level string
		left  []string
	}{{"standard", []string{"c2"}}, {"intro", []string{"c2"}}, {"hard", []string{}}} {
		p := played(st.good, tc.level)
		if got := leftOut(st.good, p, tc.level); strings.Join(got, ",") != strings.Join(tc.left, ",") {
			t.Errorf("%s: left out %v, want %v", tc.level, got, tc.left)
		}
	}
}

// TestChartPlacesWarnings: the validator's warnings sit on the chart by
// the card or role they are about.
func TestChartPlacesWarnings(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, add, want string
	}{
		{"no owner", "[[clues]]\nid = \"c3\"\nat = \"T+6m\"\ntitle = \"Nobody\"\nto = []\n", "c3 ⚠ no one receives it"},
		{"after the end", "[[clues]]\nid = \"c3\"\nat = \"T+2h\"\ntitle = \"Late\"\n", "c3 ⚠ after the planned end"},
		{"future", "[[clues]]\nid = \"c3\"\nat = \"T+6m\"\ntitle = \"Logs\"\nkind = \"log\"\n[clues.log]\nsource = \"api\"\nformat = \"plain\"\nfrom = \"T+1m\"\nto = \"T+9m\"\nlines = [{ at = \"T+2m\", msg = \"slow\" }]\n", "c3 ⚠ its window shows the future"},
		{"receives nothing", "", "Comms ⚠ receives nothing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			scenario := strings.Replace(small, "title = \"A small drill\"", "title = \"A small drill\"\nduration = \"30m\"", 1)
			if tc.name == "receives nothing" {
				scenario = strings.Replace(scenario, "title = \"Everyone hears\"", "title = \"Everyone hears\"\nto = [\"ic\"]", 1)
			}
			st, _ := studioOn(t, scenario+tc.add)
			if st.good == nil {
				t.Fatalf("does not read: %+v", st.latest.Errors)
			}
			if svg := string(drawChart(st.good, wordsIn("en").Chart)); !strings.Contains(svg, tc.want) {
				t.Errorf("the chart does not say %q", tc.want)
			}
		})
	}
}

// TestPageSpellsNoVocabulary: the page's lists come from the server,
// labelled in each language; its script spells none of their values.
func TestPageSpellsNoVocabulary(t *testing.T) {
	t.Parallel()
	script, _ := staticFS.ReadFile("static/studio.js")
	for _, lang := range vocab.Language.Values {
		served := vocabularies(lang)
		for _, l := range []vocab.List{vocab.Card, vocab.Theme, vocab.Difficulty} {
			for _, v := range l.Values {
				if !strings.Contains(served, `"id":"`+v+`"`) {
					t.Errorf("%s: %s %q is not served", lang, l.Name, v)
				}
				if strings.Contains(string(script), `"`+v+`"`) {
					t.Errorf("studio.js spells the %s %q itself", l.Name, v)
				}
			}
		}
		w := wordsIn(lang)
		if len(w.Sizes) != len(vocab.Card.Values) || len(w.Themes) != len(vocab.Theme.Values) {
			t.Errorf("%s: %d size and %d theme labels", lang, len(w.Sizes), len(w.Themes))
		}
	}
}

// TestChartLabelsDoNotOverlap: expected actions whose deadlines are a
// minute apart, in English and Korean, some near the chart's right edge
// where labels turn left, get label boxes that meet no other.
func TestChartLabelsDoNotOverlap(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			b.WriteString(strings.Replace(small, "title = \"A small drill\"", "title = \"A small drill\"\nduration = \"40m\"\nlanguage = \""+lang+"\"", 1))
			b.WriteString("[[rounds]]\nat = \"T+0\"\ntitle = \"One\"\n")
			action := map[string]string{"en": "Declare an incident and name its severity", "ko": "장애를 선언하고 심각도를 정한다"}[lang]
			for _, by := range []int{2, 3, 3, 4, 5, 6, 20, 21, 33, 34, 35, 36} {
				fmt.Fprintf(&b, "[[rounds.expect]]\nrole = \"ic\"\naction = \"%s (%d)\"\nby = \"T+%dm\"\n", action, by, by)
			}
			fmt.Fprintf(&b, "[[rounds.expect]]\nrole = \"comms\"\naction = \"Status\"\n[[rounds.expect]]\nrole = \"comms\"\naction = \"Status again\"\n")
			st, _ := studioOn(t, b.String())
			if st.good == nil {
				t.Fatalf("does not read: %+v", st.latest.Errors)
			}
			c := layChart(st.good, wordsIn(lang).Chart)
			if len(c.boxes) != 14 {
				t.Fatalf("%d labels laid out, want 14", len(c.boxes))
			}
			for i, a := range c.boxes {
				if a.x0 < labelW || a.x1 > chartW {
					t.Errorf("label %d runs off the chart: %+v", i, a)
				}
				for j, o := range c.boxes[:i] {
					if a.overlaps(o) {
						t.Errorf("labels %d and %d overlap: %+v %+v", j, i, o, a)
					}
				}
			}
		})
	}
}

// TestCardsLinkToTheirLines: every card written in a file links to its
// entry's line: a clue and a badge in the scenario, a system in the
// catalog it was included from.
func TestCardsLinkToTheirLines(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../examples")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "eu-db-latency.toml")
	st := New(context.Background(), path, Options{EditorURL: "vscode://file{path}:{line}:{col}"})
	rec := httptest.NewRecorder()
	st.preview(rec, httptest.NewRequest("GET", "/api/preview?token="+st.Token(), nil))
	var p previewData
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("%v: %s", err, rec.Body.String())
	}
	catalog := filepath.Join(dir, "catalog", "systems.toml")
	for _, tc := range []struct{ kind, id, file, line string }{
		{"badge", "ic", path, "[[roles]]"},
		{"clue", "c01", path, "[[clues]]"},
		{"system", "orders-db", catalog, "[[systems]]"},
	} {
		i := slices.IndexFunc(p.Cards, func(c shownCard) bool { return c.Kind == tc.kind && c.ID == tc.id })
		if i < 0 {
			t.Errorf("no %s %s among the cards", tc.kind, tc.id)
			continue
		}
		c := p.Cards[i]
		file, at, _ := strings.Cut(c.Label, ":")
		n, _, _ := strings.Cut(at, ":")
		line, _ := strconv.Atoi(n)
		data, _ := os.ReadFile(tc.file)
		lines := strings.Split(string(data), "\n")
		if file != tc.file || line < 1 || line > len(lines) || !strings.HasPrefix(c.Link, "vscode://file/") {
			t.Errorf("%s %s: label %q, link %q, want in %s", tc.kind, tc.id, c.Label, c.Link, tc.file)
			continue
		}
		if entry := strings.Join(lines[line-1:min(line+1, len(lines))], "\n"); !strings.Contains(entry, tc.line) && !strings.Contains(entry, `"`+tc.id+`"`) {
			t.Errorf("%s %s: line %d is %q", tc.kind, tc.id, line, entry)
		}
	}
}
