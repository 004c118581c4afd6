package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	goldenfile "github.com/propdeck/propdeck/internal/golden"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Check(t, path, got, *update)
}

func load(t *testing.T, name string) (*scenarios.Session, *records.Record) {
	t.Helper()
	s, err := examples.LoadExample(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := records.LoadRecord(filepath.Join("testdata", "good", name+".toml"), s)
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// TestMarkdownReports: the after-action report of an English and a Korean
// record, as golden files.
func TestMarkdownReports(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s, r := load(t, name)
		md := Markdown(s, r)
		golden(t, filepath.Join("testdata", name+"-report.md"), md)
		for _, a := range r.Actions {
			if !bytes.Contains(md, []byte(a.Title)) && !bytes.Contains(md, []byte(strings.ReplaceAll(a.Title, "|", `\|`))) {
				t.Errorf("%s: action %q missing", name, a.Title)
			}
		}
		// Every table row has as many cells as its header: a stray | in a
		// participant's text or a note must not break a table.
		var cols int
		for _, line := range strings.Split(string(md), "\n") {
			if !strings.HasPrefix(line, "|") {
				cols = 0
				continue
			}
			n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
			if cols == 0 {
				cols = n
			} else if n != cols {
				t.Errorf("%s: row with %d bars under a header of %d: %s", name, n, cols, line)
			}
		}
	}
}

// TestActionsCSVReadsBack: the action items survive encoding/csv exactly.
func TestActionsCSVReadsBack(t *testing.T) {
	for _, name := range []string{"eu-db-latency", "dns-change-ko"} {
		s, r := load(t, name)
		data := ActionsCSV(s, r)
		if !bytes.Contains(data, []byte("\r\n")) {
			t.Error("RFC 4180 ends records with CRLF")
		}
		// Excel reads UTF-8 (Korean owners, titles) only after a BOM.
		data, ok := bytes.CutPrefix(data, []byte("\ufeff"))
		if !ok {
			t.Errorf("%s: no UTF-8 byte-order mark", name)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"title", "kind", "owner", "due", "from", "scenario", "date"}}
		for _, a := range r.Actions {
			want = append(want, []string{a.Title, a.Kind, a.Owner, a.Due, a.From, s.Meta().ID, r.Date})
		}
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("%s:\n%v\nwant\n%v", name, rows, want)
		}
	}
}

// TestMSELListsEveryClueInRunOrder: one row per clue, timed and contingent
// by time, then on request; conditions and expected actions in their
// columns.
func TestMSELListsEveryClueInRunOrder(t *testing.T) {
	s, _ := load(t, "eu-db-latency")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(MSEL(s), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(s.Clues())+1 {
		t.Fatalf("%d rows for %d clues", len(rows)-1, len(s.Clues()))
	}
	golden(t, filepath.Join("testdata", "eu-db-latency-msel.csv"), MSEL(s))
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	seenRequest := false
	expects := 0
	ids := map[string]bool{}
	for _, c := range s.Clues() {
		ids[c.ID] = true
	}
	for _, row := range rows[1:] {
		if !ids[row[col["id"]]] {
			t.Errorf("row %v names no clue", row)
		}
		switch row[col["mode"]] {
		case "on-request":
			seenRequest = true
			if row[col["ask"]] == "" {
				t.Errorf("on-request %v has no ask", row)
			}
		case "contingent":
			if row[col["condition"]] == "" {
				t.Errorf("contingent %v has no condition", row)
			}
		default:
			if seenRequest {
				t.Errorf("a %s clue after the on-request ones: %v", row[col["mode"]], row)
			}
		}
		if to := row[col["to"]]; to == "Everyone" {
			t.Errorf("to mixes a word with ids: %v", row)
		}
		if row[col["expected by then"]] != "" {
			expects += strings.Count(row[col["expected by then"]], ";") + 1
		}
	}
	if expects == 0 {
		t.Error("no expected actions in the MSEL")
	}
}

// TestHSEEPMSEL: the HSEEP template's columns, names instead of ids, in
// the scenario's language.
func TestHSEEPMSEL(t *testing.T) {
	for _, tc := range []struct{ name, everyone string }{{"eu-db-latency", "Everyone"}, {"dns-change-ko", "전원"}} {
		s, _ := load(t, tc.name)
		data, ok := bytes.CutPrefix(HSEEPMSEL(s), []byte("\ufeff"))
		if !ok {
			t.Errorf("%s: no BOM", tc.name)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Seq No", "Time", "Inject Type", "Delivery Method", "From", "To", "Inject Description", "Expected Action", "Notes"}
		if !reflect.DeepEqual(rows[0], want) || len(rows) != len(s.Clues())+1 {
			t.Fatalf("%s: header %v, %d rows", tc.name, rows[0], len(rows))
		}
		names := 0
		for _, row := range rows[1:] {
			for _, r := range s.Roles() {
				if strings.Contains(row[5], r.Name) {
					names++
				}
			}
			if row[6] == "" || row[3] == "" {
				t.Errorf("%s: row %v lacks a description or a delivery", tc.name, row)
			}
		}
		if names == 0 {
			t.Errorf("%s: no role name in To", tc.name)
		}
	}
}

// TestLateActionsAreFlagged: an action met after its deadline reads as
// late in the report, in both forms.
func TestLateActionsAreFlagged(t *testing.T) {
	s, r := load(t, "eu-db-latency")
	r.Expected[0].Rating, r.Expected[0].ObservedOffset, r.Expected[0].HasObserved = "met", 52*time.Minute, true
	if !r.Expected[0].Late() {
		t.Fatal("met at T+52m against T+5m is not late")
	}
	if md := string(Markdown(s, r)); !strings.Contains(md, "T+52m (late: due T+5m)") {
		t.Errorf("the report does not flag it:\n%s", md)
	}
	r.Expected[0].Rating = "not-met"
	if r.Expected[0].Late() {
		t.Error("a missed action is not late, it is missed")
	}
}

// TestBadRecords: every mistake of a record is reported at its line, as
// golden error files.
func TestBadRecords(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.toml")
	if len(files) == 0 {
		t.Fatal("no bad records")
	}
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		_, err := records.LoadRecord(f, s)
		var es *tomlfile.Errors
		if !errors.As(err, &es) {
			t.Fatalf("%s: no record errors: %v", f, err)
		}
		for _, e := range *es {
			if e.Pos.Line == 0 || e.File != f {
				t.Errorf("%s: error without its file and line: %s", f, e.Error())
			}
		}
		golden(t, strings.TrimSuffix(f, ".toml")+".err", []byte(strings.ReplaceAll(err.Error(), f, "RECORD")+"\n"))
	}
}

// TestRosterAndRetestsAreReported: who played which role and how the
// programme's open actions fared are in the report, as text.
func TestRosterAndRetestsAreReported(t *testing.T) {
	t.Parallel()
	s, r := load(t, "eu-db-latency")
	r.Roster = []records.Player{{Role: "ic", Person: "Mina *Park*"}}
	r.Retested = []records.Retest{{Action: "eu-db-latency/2026-03-10/1", Rating: "met", Note: "<img src=x> | panel used"}}
	md := string(Markdown(s, r))
	for _, want := range []string{
		`**Roster:** Incident Commander: Mina \*Park\*`,
		"## Open actions this session retests",
		`| eu-db-latency/2026-03-10/1 | met | \<img src=x\> \| panel used |`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %s:\n%s", want, md)
		}
	}
}
