package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"testing"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/examples"
)

// TestFontsCarrySubsetTags: every embedded font is named TAG+Name, as
// ISO 32000-1 §9.6.4 asks of subsets, and every cross-reference offset
// still points at its object after the renaming.
func TestFontsCarrySubsetTags(t *testing.T) {
	s, err := examples.LoadExample("dns-change-ko", nil)
	if err != nil {
		t.Fatal(err)
	}
	decks, err := documents.Build(s, documents.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`/(?:BaseFont|FontName) /(\S+)`)
	tagged := regexp.MustCompile(`^[A-Z]{6}\+NanumGothic(Bold|Coding)?$`)
	for _, d := range decks {
		pdf, err := Render(d)
		if err != nil {
			t.Fatal(err)
		}
		found := names.FindAllSubmatch(pdf, -1)
		if len(found) == 0 {
			t.Fatalf("%s: no font names", d.Name)
		}
		for _, m := range found {
			if !tagged.Match(m[1]) {
				t.Errorf("%s: font %s has no subset tag", d.Name, m[1])
			}
		}
		checkXref(t, d.Name, pdf)
	}
}

func checkXref(t *testing.T, name string, pdf []byte) {
	t.Helper()
	m := startXref.FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("%s: no startxref", name)
	}
	table, _ := strconv.Atoi(string(m[1]))
	if string(pdf[table:table+4]) != "xref" {
		t.Fatalf("%s: startxref %d does not point at the table", name, table)
	}
	entries := xrefEntry.FindAllSubmatch(pdf[table:], -1)
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		want := strconv.Itoa(i+1) + " 0 obj"
		if string(pdf[off:off+len(want)]) != want {
			t.Errorf("%s: xref entry %d points at %q", name, i+1, pdf[off:off+len(want)])
		}
	}
}

func TestSubsetTagIsSixLetters(t *testing.T) {
	a, b := subsetTag([]byte("one subset")), subsetTag([]byte("another"))
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(a) || a == b || a != subsetTag([]byte("one subset")) {
		t.Errorf("tags %q, %q", a, b)
	}
}

// TestRenameFontsAsBefore holds renameFonts to the regular expressions it
// used before it searched with bytes.Index and copied the file once: the
// same bytes for names before and after other keys, names ending at each
// delimiter, a key with no name, names not to rename, and none at all.
func TestRenameFontsAsBefore(t *testing.T) {
	t.Parallel()
	names := map[string]string{"utf8a": "AAAAAA+A", "utf8bb": "BBBBBB+LongerName", "utf8c": "C"}
	for _, objs := range [][]string{
		{"<</BaseFont /utf8a>>", "<</Type /FontDescriptor /FontName /utf8a\n /Ascent 1>>", "stream\x00/BaseFont /\xff/x\nendstream"},
		{"/BaseFont /FontName /utf8bb /FontName /utf8c(", "/BaseFont /utf8bb[/FontName /utf8a<", "/BaseFont /utf8d /FontName /utf8cc\t"},
		{"/BaseFont /", "/FontName /utf8c"},
		{"no fonts here"},
	} {
		var pdf bytes.Buffer
		pdf.WriteString("%PDF-1.4\n")
		var offs []int
		for i, o := range objs {
			offs = append(offs, pdf.Len())
			fmt.Fprintf(&pdf, "%d 0 obj\n%s\nendobj\n", i+1, o)
		}
		table := pdf.Len()
		fmt.Fprintf(&pdf, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
		for _, off := range offs {
			fmt.Fprintf(&pdf, "%010d 00000 n \n", off)
		}
		fmt.Fprintf(&pdf, "trailer\n<</Size %d>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, table)
		want, wantErr := renameFontsBefore(pdf.Bytes(), names)
		got, err := renameFonts(bytes.Clone(pdf.Bytes()), names)
		if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
			t.Errorf("objects %q:\ngot  %q, %v\nwant %q, %v", objs, got, err, want, wantErr)
		}
	}
}

// renameFontsBefore is renameFonts as it was, with fixXref.
func renameFontsBefore(pdf []byte, names map[string]string) ([]byte, error) {
	type edit struct{ at, delta int }
	var edits []edit
	var out bytes.Buffer
	last := 0
	for _, m := range regexp.MustCompile(`/(BaseFont|FontName) /([^\s/<>\[\]()]+)`).FindAllSubmatchIndex(pdf, -1) {
		name := string(pdf[m[4]:m[5]])
		to, ok := names[name]
		if !ok {
			continue
		}
		out.Write(pdf[last:m[4]])
		out.WriteString(to)
		last = m[5]
		edits = append(edits, edit{m[4], len(to) - len(name)})
	}
	out.Write(pdf[last:])
	if len(edits) == 0 {
		return pdf, nil
	}
	shift := func(off int) int {
		i := sort.Search(len(edits), func(i int) bool { return edits[i].at >= off })
		d := 0
		for _, e := range edits[:i] {
			d += e.delta
		}
		return off + d
	}
	pdf = out.Bytes()
	sx := startXref.FindSubmatchIndex(pdf)
	if sx == nil {
		return nil, fmt.Errorf("no startxref at the end of the PDF")
	}
	old, _ := strconv.Atoi(string(pdf[sx[2]:sx[3]]))
	table := shift(old)
	if table >= len(pdf) || !bytes.HasPrefix(pdf[table:], []byte("xref")) {
		return nil, fmt.Errorf("the cross-reference table is not where startxref says")
	}
	res := append(make([]byte, 0, len(pdf)+64), pdf[:table]...)
	rest := xrefEntry.ReplaceAllFunc(pdf[table:sx[2]], func(e []byte) []byte {
		off, _ := strconv.Atoi(string(e[:10]))
		return []byte(fmt.Sprintf("%010d%s", shift(off), e[10:]))
	})
	res = append(res, rest...)
	res = append(res, strconv.Itoa(table)...)
	return append(res, pdf[sx[3]:]...), nil
}
