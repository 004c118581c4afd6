package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// subsetTag is the six upper-case letters ISO 32000-1 §9.6.4 puts before
// the name of a subset font ("KQZPLM+NanumGothic"), derived from the subset
// itself: the same glyphs give the same tag, so builds stay byte-identical,
// and two decks' different subsets never share a name when PDFs are merged.
func subsetTag(subset []byte) string {
	sum := sha256.Sum256(subset)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

var fontNameRef = regexp.MustCompile(`/(BaseFont|FontName) /([^\s/<>\[\]()]+)`)

// renameFonts gives the fonts fpdf named ("utf8nanumgothic") their tagged
// PostScript names, and moves the cross-reference table's offsets by what
// the longer or shorter names shifted. fpdf writes one classic xref table
// and no object streams, so every offset is in that table and startxref.
func renameFonts(pdf []byte, names map[string]string) ([]byte, error) {
	type edit struct{ at, delta int }
	var edits []edit
	var out bytes.Buffer
	out.Grow(len(pdf) + 1024) // the names grow by a few bytes; a deck is megabytes
	last := 0
	for _, m := range fontNameRef.FindAllSubmatchIndex(pdf, -1) {
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
	return fixXref(out.Bytes(), shift)
}

var (
	xrefEntry = regexp.MustCompile(`(?m)^(\d{10}) (\d{5}) n `)
	startXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
)

// fixXref rewrites every in-use xref entry and startxref through shift.
func fixXref(pdf []byte, shift func(int) int) ([]byte, error) {
	sx := startXref.FindSubmatchIndex(pdf)
	if sx == nil {
		return nil, fmt.Errorf("no startxref at the end of the PDF")
	}
	old, _ := strconv.Atoi(string(pdf[sx[2]:sx[3]]))
	table := shift(old)
	if table >= len(pdf) || !bytes.HasPrefix(pdf[table:], []byte("xref")) {
		return nil, fmt.Errorf("the cross-reference table is not where startxref says")
	}
	out := append(make([]byte, 0, len(pdf)+64), pdf[:table]...)
	rest := xrefEntry.ReplaceAllFunc(pdf[table:sx[2]], func(e []byte) []byte {
		off, _ := strconv.Atoi(string(e[:10]))
		return []byte(fmt.Sprintf("%010d%s", shift(off), e[10:]))
	})
	out = append(out, rest...)
	out = append(out, strconv.Itoa(table)...)
	return append(out, pdf[sx[3]:]...), nil
}
