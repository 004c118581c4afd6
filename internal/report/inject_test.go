package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/tomlw"
	"github.com/propdeck/propdeck/internal/vocab"
)

// hostileText is what a scribe could type, or an import could carry.
var hostileText = []string{
	"<!-- hides the rest",
	"<script>alert(1)</script>",
	"[click](javascript:alert(1))",
	"![img](https://evil.example/x.png)",
	"name\n# A heading of its own",
	"- a list of its own",
	"1. numbered",
	"> a quote",
	"=HYPERLINK(\"https://evil.example\",\"x\")",
	"+1 555",
	"-2+3",
	"@SUM(A1:A9)",
	"\tcmd",
	"**bold** _em_ `code` ~~gone~~ &lt;b&gt; <https://evil.example>",
}

func hostileRecord(t *testing.T) (*scenarios.Session, *records.Record) {
	t.Helper()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	q := tomlw.Quote
	var b strings.Builder
	list := make([]string, len(hostileText))
	for i, h := range hostileText {
		list[i] = q(h)
	}
	all := "[" + strings.Join(list, ", ") + "]"
	fmt.Fprintf(&b, "format = 1\nscenario = \"eu-db-latency\"\ndate = \"2026-03-10\"\nfacilitator = %s\nscribe = %s\nsummary = %s\nparticipants = %s\n", q(hostileText[4]), q(hostileText[0]), q(hostileText[1]), all)
	for _, h := range hostileText {
		fmt.Fprintf(&b, "\n[[timeline]]\nat = \"T+4m\"\nwhat = %s\ndecision = %s\nwho = \"ic\"\n", q(h), q(h))
	}
	fmt.Fprintf(&b, "\n[[expected]]\nrole = \"ic\"\naction = \"Declare an incident and its severity in #inc-orders\"\nrating = \"met\"\nnote = %s\n", q(hostileText[0]))
	b.WriteString("\n[findings]\n")
	for _, key := range vocab.FindingList.Values {
		fmt.Fprintf(&b, "%s = %s\n", key, all)
	}
	for i, h := range hostileText {
		fmt.Fprintf(&b, "\n[[actions]]\ntitle = %s\nkind = \"process\"\nowner = %s\ndue = \"2026-04-01\"\n", q(fmt.Sprintf("action %d %s", i, h)), q(h))
		fmt.Fprintf(&b, "\n[[actions]]\ntitle = %s\nkind = \"process\"\n", q(h))
	}
	r, err := records.ParseRecord("hostile.toml", []byte(b.String()), s)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	return s, r
}

// TestNoCSVCellIsAFormula: no cell of any CSV propdeck writes begins with
// a character that makes a spreadsheet run it, whatever the record or the
// scenario holds.
func TestNoCSVCellIsAFormula(t *testing.T) {
	s, r := hostileRecord(t)
	for _, c := range s.Clues() {
		c.Title, c.Note = hostileText[8], hostileText[11]
	}
	for name, data := range map[string][]byte{"actions": ActionsCSV(s, r), "msel": MSEL(s)} {
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, row := range rows {
			for j, f := range row {
				if f != "" && strings.ContainsRune("=+-@\t\r", rune(f[0])) {
					t.Errorf("%s row %d column %d begins with %q: %q", name, i+1, j+1, f[0], f)
				}
			}
		}
	}
}

// TestReportKeepsItsShapeWhateverTheRecordSays renders the report with a
// real CommonMark and GFM parser: every section and every action is
// there, the record's text adds no heading, list, link, image, emphasis or
// HTML, and every action title reads as it was typed.
func TestReportKeepsItsShapeWhateverTheRecordSays(t *testing.T) {
	s, r := hostileRecord(t)
	md := Markdown(s, r)
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(md))
	count := map[ast.NodeKind]int{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			count[n.Kind()]++
			if err := fromRecord(n, md); err != "" {
				t.Error(err)
			}
		}
		return ast.WalkContinue, nil
	})
	// Title; scenario, summary, timeline, expected, findings; one per
	// finding list; action items.
	if got, want := count[ast.KindHeading], 1+5+len(vocab.FindingList.Values)+1; got != want {
		t.Errorf("%d headings, want %d:\n%s", got, want, md)
	}
	if got := count[east.KindTable]; got != 3 {
		t.Errorf("%d tables, want timeline, expected actions and action items", got)
	}
	if got, want := count[ast.KindListItem], len(vocab.FindingList.Values)*len(hostileText); got != want {
		t.Errorf("%d list items, want %d", got, want)
	}
	// Without linkify, every action title reads in the HTML as typed.
	// The <br> of a cell is propdeck's: let it through, as GitHub does.
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithRendererOptions(ghtml.WithUnsafe())).Convert(md, &html); err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Actions {
		if !strings.Contains(html.String(), htmlCell(a.Title)) {
			t.Errorf("action %q is not in the rendered report as %q", a.Title, htmlCell(a.Title))
		}
	}
}

// payload are words only the hostile text holds.
var payload = []string{"alert", "evil", "hides", "heading of", "list of", "numbered", "a quote", "bold", "em", "code", "gone", "click", "img", "HYPERLINK"}

// fromRecord says what is wrong when n is markup made of the record's text.
// Raw HTML is never allowed in text, whoever wrote it, except the <br> a
// table cell breaks a line with; a bare https URL may be linked by GFM.
func fromRecord(n ast.Node, src []byte) string {
	switch n.Kind() {
	case ast.KindHTMLBlock:
		return fmt.Sprintf("an HTML block: %q", nodeText(n, src))
	case ast.KindRawHTML:
		raw := n.(*ast.RawHTML)
		var b strings.Builder
		for i := 0; i < raw.Segments.Len(); i++ {
			seg := raw.Segments.At(i)
			b.Write(seg.Value(src))
		}
		if b.String() != "<br>" {
			return fmt.Sprintf("raw HTML: %q", b.String())
		}
	case ast.KindAutoLink:
		if url := string(n.(*ast.AutoLink).URL(src)); !strings.HasPrefix(url, "https://") {
			return fmt.Sprintf("a link to %q", url)
		}
	case ast.KindLink, ast.KindImage, ast.KindBlockquote, ast.KindCodeSpan, ast.KindEmphasis, east.KindStrikethrough:
		text := nodeText(n, src)
		for _, p := range payload {
			if strings.Contains(text, p) {
				return fmt.Sprintf("the record's text became a %s: %q", n.Kind(), text)
			}
		}
	}
	return ""
}

// nodeText is the text a node holds: its text leaves' bytes, and the
// lines of a block.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	if n.Type() == ast.TypeBlock {
		lines := n.Lines()
		for i := 0; lines != nil && i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
	}
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// htmlCell is a table cell's text as goldmark writes it: & < > " escaped,
// each line's white space folded, lines joined by <br>.
func htmlCell(s string) string {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		lines = append(lines, esc.Replace(strings.Join(strings.Fields(l), " ")))
	}
	return strings.Join(lines, "<br>")
}
