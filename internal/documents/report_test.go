package documents

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/records"
)

// TestReportPDFHeaderAndPages: the header carries the session's date (not
// an empty line to write it on), the scenario line has its colon, and with
// any number of action items the last one is never alone on a page.
func TestReportPDFHeaderAndPages(t *testing.T) {
	s := example(t, "eu-db-latency")
	base, err := records.LoadRecord("../report/testdata/good/eu-db-latency.toml", s)
	if err != nil {
		t.Fatal(err)
	}
	numbered := regexp.MustCompile(`^\d+\. `)
	for n := 1; n <= 45; n++ {
		r := *base
		r.Actions = nil
		for i := range n {
			r.Actions = append(r.Actions, records.Action{Title: fmt.Sprintf("Action item number %d for the team", i+1), Kind: "process", Owner: "Mina Park", Due: "2026-04-01"})
		}
		d := Report(s, &r, "1 of 4 met", DefaultOptions())
		first := deckText(&draw.Deck{Pages: d.Pages[:1]})
		if !strings.Contains(first, "Date: 2026-03-10") || strings.Count(first, "Date:") != 1 {
			t.Fatalf("header: %q", first[:120])
		}
		if !strings.Contains(first, "(eu-db-latency): ") {
			t.Errorf("no colon after the scenario id")
		}
		last := d.Pages[len(d.Pages)-1]
		items := 0
		for _, op := range last.Flat() {
			if text, ok := op.(draw.TextOp); ok && numbered.MatchString(text.Text) && text.Size == 10 {
				items++
			}
		}
		if items == 1 && n > 1 && len(d.Pages) > 1 {
			t.Errorf("%d actions: the last one is alone on page %d", n, len(d.Pages))
		}
	}
}
