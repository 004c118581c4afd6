package fonts

import (
	"encoding/binary"
	"slices"
	"sort"
)

// maxSegments bounds the cmap a subset carries: a format 4 subtable's
// length is a 16-bit number, so about 8,000 segments fit.
const maxSegments = 8000

// Subset returns a small TrueType file that prints the given runes exactly
// as the whole face does: the same outlines, metrics and hinting, but only
// the glyphs of those runes (and the parts composite glyphs are built
// from), renumbered from 1, and a cmap that names only them. It is what a
// PDF is given instead of the multi-megabyte face: the PDF library parses
// every table of every font it is handed, once per document, and writes
// into the buffer it is given, so the shared embedded bytes must never
// reach it.
//
// The file exists only on its way into a PDF, which embeds a subset of it
// again. Runes the face lacks are left out; ASCII is always kept so the
// library's own preloaded characters resolve.
func (f Face) Subset(runes []rune) []byte { return f.Primary().Subset(runes) }

// Subset is Face.Subset for one font file.
func (f Font) Subset(runes []rune) []byte { return subset(metricsOf(f), f.TTF(), runes) }

// SubsetFile subsets any TrueType file, as Subset does an embedded one:
// for making the embedded fallback fonts from Debian's.
func SubsetFile(ttf []byte, runes []rune) ([]byte, error) {
	m, err := parseTTF(ttf)
	if err != nil {
		return nil, err
	}
	return subset(m, ttf, runes), nil
}

func subset(m *metrics, ttf []byte, runes []rune) []byte {
	cmap := map[rune]uint16{}
	for r := rune(32); r < 127; r++ {
		if g := m.bmp[r]; g != 0 {
			cmap[r] = g
		}
	}
	for _, r := range runes {
		if r >= 0 && r < 65536 && m.bmp[r] != 0 {
			cmap[r] = m.bmp[r]
		}
	}
	keep := map[uint16]bool{0: true}
	for _, g := range cmap {
		m.keepGlyph(g, keep)
	}
	old := make([]uint16, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	slices.Sort(old)
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}
	for r, g := range cmap {
		cmap[r] = newID[g]
	}
	cmapTable, ok := cmapFormat4(cmap)
	if !ok {
		return slices.Clone(ttf)
	}
	be := binary.BigEndian
	glyf, loca := m.keptGlyphs(old, newID)
	head := slices.Clone(m.tables["head"])
	be.PutUint32(head[8:], 0)  // checksumAdjustment, set by assemble
	be.PutUint16(head[50:], 1) // long loca offsets
	hhea := slices.Clone(m.tables["hhea"])
	be.PutUint16(hhea[34:], uint16(len(old))) // every glyph a full metric
	maxp := slices.Clone(m.tables["maxp"])
	be.PutUint16(maxp[4:], uint16(len(old)))
	tables := map[string][]byte{
		"head": head,
		"hhea": hhea,
		"maxp": maxp,
		"hmtx": m.keptMetrics(old),
		"cmap": cmapTable,
		"glyf": glyf,
		"loca": loca,
		"post": post3(m.tables["post"]),
	}
	// Hinting and the names and flags the PDF writer reads go along as they are.
	for _, t := range []string{"OS/2", "name", "cvt ", "fpgm", "prep", "gasp"} {
		if b := m.tables[t]; b != nil {
			tables[t] = b
		}
	}
	return assemble(tables)
}

// glyph returns the outline of glyph g.
func (m *metrics) glyph(g uint16) []byte {
	if int(g)+1 >= len(m.loca) {
		return nil
	}
	return m.tables["glyf"][m.loca[g]:m.loca[g+1]]
}

// components returns where a composite glyph names its parts: the offsets
// of their glyph ids in data. A simple glyph has none.
func components(data []byte) []int {
	if len(data) < 10 || int16(be16(data, 0)) >= 0 {
		return nil
	}
	const (
		argsAreWords   = 0x0001
		haveScale      = 0x0008
		moreComponents = 0x0020
		haveXYScale    = 0x0040
		have2x2        = 0x0080
	)
	var at []int
	pos := 10
	for pos+4 <= len(data) {
		flags := be16(data, pos)
		at = append(at, pos+2)
		pos += 4
		if flags&argsAreWords != 0 {
			pos += 4
		} else {
			pos += 2
		}
		switch {
		case flags&haveScale != 0:
			pos += 2
		case flags&haveXYScale != 0:
			pos += 4
		case flags&have2x2 != 0:
			pos += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	return at
}

// keepGlyph marks g and, for a composite glyph, every part it is built from.
func (m *metrics) keepGlyph(g uint16, keep map[uint16]bool) {
	if int(g)+1 >= len(m.loca) {
		return
	}
	keep[g] = true
	data := m.glyph(g)
	for _, at := range components(data) {
		if part := be16(data, at); !keep[part] {
			m.keepGlyph(part, keep)
		}
	}
}

// keptGlyphs copies the kept glyphs, in their new order, into a new glyf
// table at 4-byte aligned offsets, pointing composites at their parts'
// new ids.
func (m *metrics) keptGlyphs(old []uint16, newID map[uint16]uint16) (glyf, loca []byte) {
	loca = make([]byte, 4*(len(old)+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, m.glyph(g)...)
		data := glyf[start:]
		for _, at := range components(data) {
			binary.BigEndian.PutUint16(data[at:], newID[be16(data, at)])
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*len(old):], uint32(len(glyf)))
	return glyf, loca
}

// keptMetrics writes a full horizontal metric (advance, left side bearing)
// for every kept glyph in its new order.
func (m *metrics) keptMetrics(old []uint16) []byte {
	hmtx := m.tables["hmtx"]
	nh := len(m.advance)
	out := make([]byte, 4*len(old))
	for i, g := range old {
		adv, lsb := m.advance[nh-1], uint16(0)
		if int(g) < nh {
			adv, lsb = m.advance[g], be16(hmtx, 4*int(g)+2)
		} else if at := 4*nh + 2*(int(g)-nh); at+2 <= len(hmtx) {
			lsb = be16(hmtx, at)
		}
		binary.BigEndian.PutUint16(out[4*i:], adv)
		binary.BigEndian.PutUint16(out[4*i+2:], lsb)
	}
	return out
}

// cmapFormat4 writes a Unicode BMP cmap (platform 3, encoding 1) with one
// segment per run of consecutive runes on consecutive glyphs. It reports
// false when the runes need more segments than the format can hold.
func cmapFormat4(m map[rune]uint16) ([]byte, bool) {
	runes := make([]rune, 0, len(m))
	for r := range m {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	type segment struct{ start, end rune }
	var segs []segment
	for _, r := range runes {
		if n := len(segs); n > 0 && segs[n-1].end+1 == r && int(m[segs[n-1].start])+int(r-segs[n-1].start) == int(m[r]) {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, segment{r, r})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF}) // required final segment
	if len(segs) > maxSegments {
		return nil, false
	}
	segCount := len(segs)
	searchRange, entrySelector := 2, 0
	for searchRange*2 <= 2*segCount {
		searchRange *= 2
		entrySelector++
	}
	sub := make([]byte, 16+8*segCount)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*segCount))
	be.PutUint16(sub[8:], uint16(searchRange))
	be.PutUint16(sub[10:], uint16(entrySelector))
	be.PutUint16(sub[12:], uint16(2*segCount-searchRange))
	ends, starts := 14, 16+2*segCount
	deltas, ranges := starts+2*segCount, starts+4*segCount
	for i, s := range segs {
		be.PutUint16(sub[ends+2*i:], uint16(s.end))
		be.PutUint16(sub[starts+2*i:], uint16(s.start))
		delta := 1 // 0xFFFF maps to glyph 0
		if s.start != 0xFFFF {
			delta = int(m[s.start]) - int(s.start)
		}
		be.PutUint16(sub[deltas+2*i:], uint16(int16(delta)))
		be.PutUint16(sub[ranges+2*i:], 0)
	}
	out := make([]byte, 12, 12+len(sub))
	be.PutUint16(out[2:], 1)  // one subtable
	be.PutUint16(out[4:], 3)  // Microsoft
	be.PutUint16(out[6:], 1)  // Unicode BMP
	be.PutUint32(out[8:], 12) // right after this header
	return append(out, sub...), true
}

// post3 keeps the header the PDF writer reads (italic angle, underline,
// fixed pitch) and drops the glyph names: version 3.
func post3(post []byte) []byte {
	out := make([]byte, 32)
	copy(out, post)
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// assemble writes a TrueType file of the given tables in tag order, each
// 4-byte aligned, with checksums and head's checksumAdjustment.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 16
	be := binary.BigEndian
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be.PutUint32(out[0:], 0x00010000)
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(n*16-searchRange))
	headAt := 0
	for i, t := range tags {
		data := tables[t]
		rec := 12 + 16*i
		copy(out[rec:], t)
		be.PutUint32(out[rec+4:], checksum(data))
		be.PutUint32(out[rec+8:], uint32(len(out)))
		be.PutUint32(out[rec+12:], uint32(len(data)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, data...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
