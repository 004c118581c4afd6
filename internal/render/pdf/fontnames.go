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

// fontNameKeys are what comes before a font's name: the names are found
// with bytes.Index, since a regular expression stopped at every "/" of
// the megabytes of compressed streams around them.
var fontNameKeys = [2]string{"/BaseFont /", "/FontName /"}

// nameStop are the bytes that end a name: white space and delimiters.
var nameStop = func() (stop [256]bool) {
	for _, c := range []byte("\t\n\f\r /<>[]()") {
		stop[c] = true
	}
	return stop
}()

// edit is a font's name, from at to end, to be named to.
type edit struct {
	at, end int
	to      string
}

// fontEdits finds, left to right, each name after a key that names maps.
func fontEdits(pdf []byte, names map[string]string) []edit {
	var edits []edit
	next := [2]int{-2, -2} // each key's next place at or after p; -1 none
	for p := 0; ; {
		at := -1
		for k, key := range fontNameKeys {
			if next[k] != -1 && next[k] < p {
				next[k] = bytes.Index(pdf[p:], []byte(key))
				if next[k] >= 0 {
					next[k] += p
				}
			}
			if next[k] >= 0 && (at < 0 || next[k] < at) {
				at = next[k]
			}
		}
		if at < 0 {
			return edits
		}
		start := at + len(fontNameKeys[0])
		end := start
		for end < len(pdf) && !nameStop[pdf[end]] {
			end++
		}
		if end == start {
			p = at + 1
			continue
		}
		if to, ok := names[string(pdf[start:end])]; ok {
			edits = append(edits, edit{start, end, to})
		}
		p = end
	}
}

// renameFonts gives the fonts fpdf named ("utf8nanumgothic") their tagged
// PostScript names, and moves the cross-reference table's offsets by what
// the longer or shorter names shifted, in one copy of the file. fpdf
// writes one classic xref table and no object streams, so every offset is
// in that table and startxref, and every font after them.
func renameFonts(pdf []byte, names map[string]string) ([]byte, error) {
	edits := fontEdits(pdf, names)
	if len(edits) == 0 {
		return pdf, nil
	}
	sx := startXref.FindSubmatchIndex(pdf)
	if sx == nil {
		return nil, fmt.Errorf("no startxref at the end of the PDF")
	}
	old, _ := strconv.Atoi(string(pdf[sx[2]:sx[3]]))
	if old >= len(pdf) || !bytes.HasPrefix(pdf[old:], []byte("xref")) || edits[len(edits)-1].end > old {
		return nil, fmt.Errorf("the cross-reference table is not where startxref says")
	}
	out := make([]byte, 0, len(pdf)+1024) // the names grow by a few bytes; a deck is megabytes
	last := 0
	for _, e := range edits {
		out = append(append(out, pdf[last:e.at]...), e.to...)
		last = e.end
	}
	out = append(out, pdf[last:old]...)
	table := len(out)
	last = old
	for _, m := range xrefEntry.FindAllSubmatchIndex(pdf[old:sx[2]], -1) {
		off, _ := strconv.Atoi(string(pdf[old+m[2] : old+m[3]]))
		out = append(out, pdf[last:old+m[0]]...)
		out = appendOffset(out, shifted(edits, off))
		last = old + m[3]
	}
	out = append(out, pdf[last:sx[2]]...)
	out = strconv.AppendInt(out, int64(table), 10)
	return append(out, pdf[sx[3]:]...), nil
}

// shifted is where what was at off is after the edits before it.
func shifted(edits []edit, off int) int {
	i := sort.Search(len(edits), func(i int) bool { return edits[i].at >= off })
	for _, e := range edits[:i] {
		off += len(e.to) - (e.end - e.at)
	}
	return off
}

// appendOffset appends an xref entry's ten-digit offset.
func appendOffset(b []byte, off int) []byte {
	s := strconv.Itoa(off)
	for range 10 - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

var (
	xrefEntry = regexp.MustCompile(`(?m)^(\d{10}) (\d{5}) n `)
	startXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
)
