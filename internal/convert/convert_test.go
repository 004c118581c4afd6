package convert

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/iceberg"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

func scenariosUnderTest(t *testing.T) map[string]*scenarios.Session {
	t.Helper()
	out := map[string]*scenarios.Session{}
	for _, e := range examples.Examples() {
		s, err := examples.LoadExample(e.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name] = s
	}
	s, err := scenarios.Load("testdata/hostile.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	out["hostile"] = s
	return out
}

// TestEveryTargetIsTheSameBytes: the same scenario converts to the same
// file, workbooks included (their zip entries and properties carry no
// time of day).
func TestEveryTargetIsTheSameBytes(t *testing.T) {
	for name, s := range scenariosUnderTest(t) {
		for _, target := range Targets {
			for _, ext := range []string{".json", ".xlsx", ".csv"} {
				if _, err := Extension(target, "f"+ext); err != nil {
					continue
				}
				a, _, err := File(s, target, ext)
				if err != nil {
					t.Fatalf("%s %s: %v", name, target, err)
				}
				b, _, _ := File(s, target, ext)
				if !bytes.Equal(a, b) {
					t.Errorf("%s: --to %s %s differs between two runs", name, target, ext)
				}
			}
		}
	}
}

// TestIcebergFilesPassIcebergsRules: every file holds to the rules
// IcebergTTX's import checks, and reads back to the same value.
func TestIcebergFilesPassIcebergsRules(t *testing.T) {
	for name, s := range scenariosUnderTest(t) {
		data, _, err := IcebergJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		sc, notes, err := iceberg.Read(data)
		if err != nil || len(notes) > 0 {
			t.Fatalf("%s: %v %v", name, err, notes)
		}
		again, _ := json.MarshalIndent(sc, "", "  ")
		var x, y any
		_ = json.Unmarshal(data, &x)
		_ = json.Unmarshal(again, &y)
		if !jsonEqual(x, y) {
			t.Errorf("%s: the file does not read back to itself", name)
		}
		if len(sc.Injects) != len(s.Clues())+len(s.Rounds())-countComms(sc) && len(s.Rounds()) > 0 {
			t.Errorf("%s: %d injects for %d clues and %d rounds", name, len(sc.Injects), len(s.Clues()), len(s.Rounds()))
		}
	}
}

func countComms(sc *iceberg.Scenario) int {
	n := 0
	for _, inj := range sc.Injects {
		n += len(inj.TriggersCommunications)
	}
	return n
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestOpenAEVWorkbookIsTheTemplate reads each workbook back: the header
// of OpenAEV's template in B2:K2, a row per clue and per expected action,
// relative times, every cell text and none a formula, whatever the
// scenario's text says.
func TestOpenAEVWorkbookIsTheTemplate(t *testing.T) {
	for name, s := range scenariosUnderTest(t) {
		data, _, err := openAEV(s)
		if err != nil {
			t.Fatal(err)
		}
		rows := readSheet(t, data, "Chronogram", "J")
		if rows[0][0] != s.Meta().Title || !slices.Equal(rows[1][1:], openAEVHeader) {
			t.Fatalf("%s: the title and header are %q and %q", name, rows[0], rows[1])
		}
		expects := 0
		for _, r := range s.Rounds() {
			expects += len(r.Expect)
		}
		if got := len(rows) - 2; got != len(s.Clues())+expects {
			t.Errorf("%s: %d rows for %d clues and %d expected actions", name, got, len(s.Clues()), expects)
		}
		for i, rv := range s.Timeline().Reveals {
			row := rows[2+i]
			if !strings.Contains(row[1], rv.Clue.ID) || row[4] != rv.Clue.Title {
				t.Errorf("%s: row %d is %q for clue %s", name, i+3, row, rv.Clue.ID)
			}
			if rv.HasAt && !relativeTime.MatchString(row[2]) {
				t.Errorf("%s: clue %s at %q, not OpenAEV's relative time", name, rv.Clue.ID, row[2])
			}
		}
	}
}

func TestHSEEPWorkbookHasTheMSELColumns(t *testing.T) {
	for name, s := range scenariosUnderTest(t) {
		data, err := hseepWorkbook(s)
		if err != nil {
			t.Fatal(err)
		}
		rows := readSheet(t, data, "MSEL")
		if rows[0][0] != "Seq No" || rows[0][8] != "Notes" || len(rows) != len(s.Clues())+1 {
			t.Errorf("%s: %d rows, header %q", name, len(rows), rows[0])
		}
	}
}

// readSheet is a workbook's sheet as excelize reads it back, failing on
// any cell that is a formula.
// readSheet reads a workbook's sheet back, every cell text but those of
// the column numbers (as "J"), which are numbers.
func readSheet(t *testing.T, data []byte, sheet string, numbers ...string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
				t.Errorf("cell %s is a formula: %q", cell, formula)
			}
			typ, _ := f.GetCellType(sheet, cell)
			// A cell without a type attribute is a number in OOXML, as
			// Apache POI, OpenAEV's reader, takes it.
			col, _ := excelize.ColumnNumberToName(c + 1)
			if r > 1 && slices.Contains(numbers, col) {
				if row[c] != "" && typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					t.Errorf("cell %s (%q) is not a number but %v", cell, row[c], typ)
				}
				continue
			}
			if row[c] != "" && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
				t.Errorf("cell %s (%q) is not text but %v", cell, row[c], typ)
			}
		}
	}
	return rows
}

func TestRelativeTimes(t *testing.T) {
	for _, tc := range []struct {
		at   string
		want string
		note bool
	}{
		{"T+0", "M+0", false}, {"T+10m", "M+10", false}, {"T+1h30m", "H+1 M+30", false}, {"T+26h", "D+1 H+2", false},
		{"T-5m", "M-5", false}, {"T+2m30s", "M+3", true}, {"T+24h", "D+1", false},
	} {
		d, err := written.ParseOffsetValue(tc.at)
		if err != nil {
			t.Fatal(err)
		}
		got, note := relative(d)
		if got != tc.want || (note.Key != "") != tc.note {
			t.Errorf("%s: %q (note %q), want %q", tc.at, got, note, tc.want)
		}
	}
}

var relativeTime = regexp.MustCompile(`^[DHM][+-]\d+( [DHM][+-]\d+)*$`)
