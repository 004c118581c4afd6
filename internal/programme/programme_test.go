package programme

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/propdeck/propdeck/internal/golden"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

var update = flag.Bool("update", false, "rewrite golden files")

const year = "testdata/year"

var (
	today = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	opt   = Options{Today: today, Since: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	// The evidence period of the year folder.
	period = Period{From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)}
)

func readYear(t *testing.T, dir string) (*Folder, *ledger.Ledger) {
	t.Helper()
	f, err := Scan(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Read(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f, l
}

// TestYearOfSessions: a year of sessions (four scenarios and a premortem
// pick's starter, English and Korean, a premortem record, actions opened,
// closed, given up, overdue and retested) gives the site, calendars and
// evidence pack of the golden files, byte for byte, twice.
func TestYearOfSessions(t *testing.T) {
	t.Parallel()
	f, l := readYear(t, year)
	if len(f.Skipped) != 0 {
		t.Fatalf("skipped %v", f.Skipped)
	}
	if len(f.Records) != 9 || len(f.Scenarios) != 7 || len(f.Picks) != 3 {
		t.Fatalf("%d records, %d scenarios, %d picks", len(f.Records), len(f.Scenarios), len(f.Picks))
	}
	files, err := Files(f, l, opt)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Files(f, l, opt)
	doc := Evidence(f, l, period, today, "en")
	files = append(files, output.File{Name: "evidence.md", Data: Markdown(doc, "en")})
	for i, file := range files {
		golden.Check(t, filepath.Join("testdata/golden", file.Name), file.Data, *update)
		if i < len(again) && !bytes.Equal(file.Data, again[i].Data) {
			t.Errorf("%s differs between two runs", file.Name)
		}
	}
	index := string(files[0].Data)
	for _, want := range []string{
		`<td class="never">never</td>`,               // coverage marks the never-exercised
		`&lt;script&gt;alert(1)&lt;/script&gt; late`, // a note is text in a chart's title
		`premortem-20260324-i3`,                      // a pick not yet drilled
		`href="scenario-eu-db-latency.html"`,
		`href="team-%ea%b2%b0%ec%a0%9c%ed%8c%80.html"`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(index, "<script") {
		t.Errorf("index.html holds a script element")
	}
}

// TestYearInKorean: --lang ko writes the same site, evidence pack and
// calendars in Korean: every word propdeck adds comes from the ko catalog
// (the golden files show them), none of the English ones is left.
func TestYearInKorean(t *testing.T) {
	t.Parallel()
	f, l := readYear(t, year)
	ko := opt
	ko.Lang = "ko"
	files, err := Files(f, l, ko)
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, output.File{Name: "evidence.md", Data: Markdown(Evidence(f, l, period, today, "ko"), "ko")})
	en := wordsIn("en")
	for _, file := range files {
		switch file.Name {
		case "index.html", "evidence.md", "next.ics", "review.ics", "actions.ics", "scenario-eu-db-latency.html", "action-eu-db-latency_2026-01-20_2.html", "team-payments.html":
			golden.Check(t, filepath.Join("testdata/golden/ko", file.Name), file.Data, *update)
		}
		for _, phrase := range []string{en.OpenActions, en.SessionsHeld, en.TrendsHead, en.CoverageHint, en.LastExercised, en.RetestedBy, en.EvidenceTitle, en.CorrectiveActions, en.AboutHead, en.ReviewSummary, "Tabletop exercise:", "Due: "} {
			if bytes.Contains(file.Data, []byte(phrase)) {
				t.Errorf("%s in Korean still says %q", file.Name, phrase)
			}
		}
	}
	if !bytes.Contains(files[0].Data, []byte(`<html lang="ko">`)) {
		t.Errorf("index.html does not say it is Korean")
	}
}

// TestBadFilesAreSkippedAndCounted: a broken record, a hostile one, a
// duplicate and a record of a scenario the folder lacks are each said at
// FILE:LINE:COL and skipped; the others still make the whole site.
func TestBadFilesAreSkippedAndCounted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	copyDir(t, year, dir)
	bad := map[string]string{
		"records/broken.toml":  "format = 1\nscenario = \"eu-db-latency\"\ndate = [\n",
		"records/gone.toml":    "format = 1\nscenario = \"eu-db-latncy\"\ndate = \"2026-05-05\"\n",
		"records/dup.toml":     "format = 1\nscenario = \"eu-db-latency\"\ndate = \"2026-01-20\"\n",
		"records/hostile.toml": "format = 1\nscenario = \"eu-db-latency\"\ndate = \"2026-06-01\"\nsummary = \"\\u001b]8;;x\\u0007\"\n",
		"records/roster.toml":  "format = 1\nscenario = \"eu-db-latency\"\ndate = \"2026-06-02\"\n[[retested]]\naction = \"x\"\nrating = \"mett\"\n",
	}
	for name, text := range bad {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, l := readYear(t, dir)
	var msgs []string
	for _, err := range f.Skipped {
		msgs = append(msgs, err.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"records/broken.toml:3:",
		`records/gone.toml:2:1: a record of scenario "eu-db-latncy", which no scenario below the programme folder has (did you mean "eu-db-latency"?)`,
		"records/dup.toml:1:1: a second record of scenario",
		"records/hostile.toml:4:",
		`records/roster.toml:6:`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("skipped lack %q:\n%s", want, all)
		}
	}
	if len(f.Skipped) != len(bad) || len(f.Records) != 9 {
		t.Errorf("%d skipped, %d records kept:\n%s", len(f.Skipped), len(f.Records), all)
	}
	files, err := Files(f, l, opt)
	if err != nil || len(files) == 0 || !bytes.Contains(files[0].Data, []byte("5 file(s) were skipped")) {
		t.Errorf("the site of the good records: %v", err)
	}
}

// TestBadPlanWritesNothing: a plan typed wrong is said at its line with
// the nearest word, and no file of the programme is made.
func TestBadPlanWritesNothing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ plan, want string }{
		{"format = 1\ntimezone = \"Europe/Berln\"\n", `programme.toml:2:1: timezone = "Europe/Berln" is not a time zone`},
		{"format = 1\ntimezone = \"UTC\"\n[[next]]\nscenario = \"a\"\nstart = \"2026-13-01T10:00\"\n", `programme.toml:5:1: start = "2026-13-01T10:00" is not a wall clock`},
		{"format = 1\ntimezone = \"UTC\"\n[review]\nfirst = \"2026-01-01T10:00\"\nevery = \"fortnightly\"\n", `programme.toml:5:1: review.every = "fortnightly"`},
		{"format = 1\ntimezone = \"UTC\"\n[[nxt]]\n", `unknown key "nxt" at the top level (did you mean "next"?)`},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, planFile), []byte(c.plan), 0o644); err != nil {
			t.Fatal(err)
		}
		f, l := readYear(t, dir)
		files, err := Files(f, l, opt)
		var errs *tomlfile.Errors
		if err == nil || !errors.As(err, &errs) || !strings.Contains(err.Error(), c.want) || files != nil {
			t.Errorf("%q: got %v, want %s and no files", c.plan, err, c.want)
		}
	}
}

// TestPlanSchemaIsCurrent: the shipped schema is the one the types make.
func TestPlanSchemaIsCurrent(t *testing.T) {
	t.Parallel()
	golden.Check(t, "../../schema/programme.schema.json", PlanSchema(), *update)
}

// TestNextSessionsReadBack: go-ical reads the plan's calendar back; each
// session is at its wall clock in Berlin, in winter and in summer time.
func TestNextSessionsReadBack(t *testing.T) {
	t.Parallel()
	f, l := readYear(t, year)
	files, err := Files(f, l, opt)
	if err != nil {
		t.Fatal(err)
	}
	berlin, _ := time.LoadLocation("Europe/Berlin")
	want := map[string]time.Time{
		"2026-12-08T10:00@eu-db-latency":     time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC),
		"2027-04-13T14:00@leaked-credential": time.Date(2027, 4, 13, 12, 0, 0, 0, time.UTC),
		"2027-01-19T10:00@dns-change-ko":     time.Date(2027, 1, 19, 9, 0, 0, 0, time.UTC),
	}
	for _, file := range files {
		if file.Name != "next.ics" {
			continue
		}
		cal, err := ical.NewDecoder(bytes.NewReader(file.Data)).Decode()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range cal.Events() {
			uid, _ := e.Props.Text(ical.PropUID)
			key := strings.SplitN(uid, "/", 2)[0] + "@" + strings.SplitN(strings.SplitN(uid, "/", 3)[1], "/", 2)[0]
			start, err := e.DateTimeStart(berlin)
			if err != nil || !start.Equal(want[key]) {
				t.Errorf("%s starts %v (%v), want %v", uid, start.UTC(), err, want[key])
			}
			delete(want, key)
		}
	}
	if len(want) > 0 {
		t.Errorf("not in next.ics: %v", want)
	}
}

func copyDir(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
