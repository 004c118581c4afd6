package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// TestRoomKeepsTheReportsShape: what the room typed (asks, answers, a
// poll's question and options, the hot wash) adds no heading, list,
// link, image, emphasis or HTML to the report, every text is in it, and
// none of it reaches the actions CSV.
func TestRoomKeepsTheReportsShape(t *testing.T) {
	t.Parallel()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := tomlw.Quote
	list := make([]string, len(hostileText))
	for i, h := range hostileText {
		list[i] = q(h)
	}
	all := "[" + strings.Join(list, ", ") + "]"
	var b strings.Builder
	b.WriteString("format = 1\nscenario = \"eu-db-latency\"\ndate = \"2026-03-10\"\n")
	for _, h := range hostileText {
		fmt.Fprintf(&b, "\n[[asks]]\nat = \"T+1m\"\nrole = \"ic\"\ntext = %s\nanswer = \"no-card\"\n", q(h))
		fmt.Fprintf(&b, "\n[[answers]]\nat = \"T+2m\"\nrole = \"comms\"\nround = 1\ntext = %s\n", q(h))
	}
	fmt.Fprintf(&b, "\n[[polls]]\nid = \"p\"\nquestion = %s\noptions = [%s, %s]\nvotes = [2, 1]\nagreement = 66\nanonymous = true\n", q(hostileText[1]), q(hostileText[4]), q(hostileText[8]))
	fmt.Fprintf(&b, "\n[hot_wash]\ncount = %d\nworked = %s\nbroke = %s\nactions = %s\nscores = [1, 5]\n", len(hostileText), all, all, all)
	r, err := records.ParseRecord("room.toml", []byte(b.String()), s)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	md := Markdown(s, r)
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(md))
	headings := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			if n.Kind() == ast.KindHeading {
				headings++
			}
			if err := fromRecord(n, md); err != "" {
				t.Error(err)
			}
		}
		return ast.WalkContinue, nil
	})
	// The title, the scenario's, what the room said and its asks,
	// answers and hot wash: no heading of the room's own.
	if headings != 6 {
		t.Errorf("%d headings:\n%s", headings, md)
	}
	for _, p := range payload {
		if !strings.Contains(string(md), p) {
			t.Errorf("%q is not in the report", p)
		}
	}
	// The hot wash's "one thing to do" is what the room said, not an
	// action item: it reaches no tracker's CSV.
	if csv := string(ActionsCSV(s, r)); strings.Count(csv, "\n") != 1 {
		t.Errorf("the room's texts reached the actions CSV:\n%s", csv)
	}
}
