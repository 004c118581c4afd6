package pdf

import (
	"regexp"
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
