package convert

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/written"
)

// OpenAEV's InjectImportService.java (OpenAEV-Platform/openaev, openbas-api)
// reads a relative trigger time with these patterns, each needing its
// number ("group(1)" not blank) to count.
var openAEVTimes = []*regexp.Regexp{
	regexp.MustCompile(`^.*[DJ]([+\-]?[0-9]*)(.*)$`),
	regexp.MustCompile(`^.*[HT]([+\-]?[0-9]*).*$`),
	regexp.MustCompile(`^.*[M]([+\-]?[0-9]*).*$`),
}

// TestOpenAEVWorkbookKeepsTheImportersRules reads every example's workbook
// as OpenAEV's importer does: the Timeline read by its patterns on every
// row; Teams split on "," (".split(\",\")", no trim) into the roles' names
// exactly; the Expectation Score taken only when "getCellType() ==
// CellType.NUMERIC", so a number on every expected action's row.
func TestOpenAEVWorkbookKeepsTheImportersRules(t *testing.T) {
	t.Parallel()
	for name, s := range scenariosUnderTest(t) {
		data, _, err := openAEV(s)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		teamNames := []string{"All", "Facilitator"}
		for _, r := range s.Roles() {
			teamNames = append(teamNames, r.Name)
		}
		rows, _ := f.GetRows("Chronogram")
		for i, row := range rows[2:] {
			row = append(row, make([]string, 11)...)
			if !openAEVTime(row[2]) {
				t.Errorf("%s: row %d's Timeline %q is not a time OpenAEV reads", name, i+3, row[2])
			}
			for team := range strings.SplitSeq(row[3], ",") {
				if !slices.Contains(teamNames, team) {
					t.Errorf("%s: row %d makes a team %q", name, i+3, team)
				}
			}
			if !strings.HasPrefix(row[1], "Expect") {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(10, i+3)
			if typ, _ := f.GetCellType("Chronogram", cell); row[9] == "" || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
				t.Errorf("%s: score %s %q is not a number (%v)", name, cell, row[9], typ)
			}
		}
		f.Close()
	}
}

func openAEVTime(v string) bool {
	for _, re := range openAEVTimes {
		if m := re.FindStringSubmatch(v); m != nil && strings.Trim(m[1], "+-") != "" {
			return true
		}
	}
	return false
}

// TestHSEEPFromIsTheClueSource: the MSEL's From is who the clue comes from
// in the story, never "FACILITATOR ONLY": a customer's ticket from the
// customer, a post from the public, an alert from its system or monitoring.
func TestHSEEPFromIsTheClueSource(t *testing.T) {
	t.Parallel()
	for name, s := range scenariosUnderTest(t) {
		lb := cards.LabelsFor(s.Meta().Language)
		data, err := hseepWorkbook(s)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]*written.Clue{}
		for _, c := range s.Clues() {
			byID[c.ID] = &c
		}
		for _, row := range readSheet(t, data, "MSEL")[1:] {
			row = append(row, make([]string, 9)...)
			c := byID[strings.Split(row[8], " — ")[0]]
			if c == nil {
				t.Fatalf("%s: no clue for the row %q", name, row)
			}
			want := lb.Senders[c.Kind]
			if c.System != "" && c.Kind != "customer" && c.Kind != "social" {
				want = row[4] // the system's name, as before
			}
			if row[4] == lb.Facilitator || want == "" || row[4] != want {
				t.Errorf("%s: clue %s (%s) is from %q, want %q", name, c.ID, c.Kind, row[4], want)
			}
		}
	}
}
