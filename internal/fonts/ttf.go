package fonts

import (
	"encoding/binary"
	"fmt"

	"github.com/propdeck/propdeck/internal/text"
)

// metrics is what propdeck needs from a TrueType file to lay text out before
// any PDF exists: which runes have a glyph and how wide each glyph is.
type metrics struct {
	unitsPerEm float64
	ascent     float64 // in font units, positive
	descent    float64 // in font units, positive below the baseline
	advance    []uint16
	glyphs     map[rune]uint16
	bmp        [65536]uint16 // glyph index of each BMP rune, 0 when missing

	// What Subset copies from: the file's tables (slices of the embedded
	// bytes, never written) and each glyph's place in glyf.
	tables map[string][]byte
	loca   []uint32 // numGlyphs+1 offsets into glyf
}

func be16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func be32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// parseTTF reads the head, hhea, hmtx and cmap tables. It refuses the
// formats fpdf cannot embed (CFF-flavoured OpenType, collections) with a
// message instead of failing later in the PDF writer.
func parseTTF(data []byte) (*metrics, error) {
	if len(data) < 12 {
		return nil, text.Fail("font-too-short")
	}
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, text.Fail("font-cff")
	case "ttcf":
		return nil, text.Fail("font-collection")
	default:
		return nil, text.Fail("font-not-truetype", "tag", fmt.Sprintf("%q", tag))
	}
	n := int(be16(data, 4))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return nil, text.Fail("font-truncated", "table", "directory")
		}
		off, ln := int(be32(data, rec+8)), int(be32(data, rec+12))
		if off < 0 || ln < 0 || off+ln > len(data) {
			return nil, text.Fail("font-table-outside")
		}
		tables[string(data[rec:rec+4])] = data[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "hmtx", "cmap", "glyf", "loca", "maxp"} {
		if tables[t] == nil {
			return nil, text.Fail("font-missing-table", "table", t)
		}
	}
	m := &metrics{glyphs: map[rune]uint16{}}
	m.unitsPerEm = float64(be16(tables["head"], 18))
	hhea := tables["hhea"]
	m.ascent = float64(int16(be16(hhea, 4)))
	m.descent = -float64(int16(be16(hhea, 6)))
	nh := int(be16(hhea, 34))
	hmtx := tables["hmtx"]
	if 4*nh > len(hmtx) {
		return nil, text.Fail("font-truncated", "table", "hmtx")
	}
	m.advance = make([]uint16, nh)
	for i := 0; i < nh; i++ {
		m.advance[i] = be16(hmtx, 4*i)
	}
	if err := m.readCmap(tables["cmap"]); err != nil {
		return nil, err
	}
	if err := m.readLoca(tables); err != nil {
		return nil, err
	}
	m.tables = tables
	return m, nil
}

func (m *metrics) readLoca(tables map[string][]byte) error {
	head, maxp, loca := tables["head"], tables["maxp"], tables["loca"]
	if len(head) < 54 || len(maxp) < 6 {
		return text.Fail("font-truncated", "table", "head/maxp")
	}
	n := int(be16(maxp, 4))
	long := be16(head, 50) != 0
	size := 2
	if long {
		size = 4
	}
	if len(loca) < (n+1)*size {
		return text.Fail("font-truncated", "table", "loca")
	}
	m.loca = make([]uint32, n+1)
	for i := range m.loca {
		if long {
			m.loca[i] = be32(loca, 4*i)
		} else {
			m.loca[i] = 2 * uint32(be16(loca, 2*i))
		}
		if m.loca[i] > uint32(len(tables["glyf"])) || i > 0 && m.loca[i] < m.loca[i-1] {
			return text.Fail("font-loca-outside", "entry", i)
		}
	}
	return nil
}

func (m *metrics) readCmap(cmap []byte) error {
	sub, err := unicodeSubtable(cmap)
	if err != nil {
		return err
	}
	switch be16(sub, 0) {
	case 4:
		m.readFormat4(sub)
	case 12:
		groups := int(be32(sub, 12))
		for i := 0; i < groups; i++ {
			rec := 16 + 12*i
			start, end, g := be32(sub, rec), be32(sub, rec+4), be32(sub, rec+8)
			for c := start; c <= end; c++ {
				m.set(rune(c), uint16(g+c-start))
			}
		}
	default:
		return text.Fail("font-cmap-format", "format", be16(sub, 0))
	}
	return nil
}

// unicodeSubtable picks the cmap's best Unicode subtable: full Unicode
// over the basic plane, either over none.
func unicodeSubtable(cmap []byte) ([]byte, error) {
	n := int(be16(cmap, 2))
	best, bestOff := -1, 0
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		pid, eid := be16(cmap, rec), be16(cmap, rec+2)
		off := int(be32(cmap, rec+4))
		score := -1
		switch {
		case pid == 3 && eid == 10, pid == 0 && eid >= 4:
			score = 2
		case pid == 3 && eid == 1, pid == 0:
			score = 1
		}
		if score > best {
			best, bestOff = score, off
		}
	}
	if best < 0 {
		return nil, text.Fail("font-no-unicode")
	}
	return cmap[bestOff:], nil
}

// readFormat4 reads a segment-mapped subtable (the basic plane).
func (m *metrics) readFormat4(sub []byte) {
	segs := int(be16(sub, 6)) / 2
	ends, starts := 14, 16+2*segs
	deltas, ranges := starts+2*segs, starts+4*segs
	for s := 0; s < segs; s++ {
		end, start := int(be16(sub, ends+2*s)), int(be16(sub, starts+2*s))
		delta := be16(sub, deltas+2*s)
		ro := int(be16(sub, ranges+2*s))
		for c := start; c <= end && c < 0xFFFF; c++ {
			var g uint16
			if ro == 0 {
				g = uint16(c) + delta
			} else {
				at := ranges + 2*s + ro + 2*(c-start)
				if at+2 > len(sub) {
					continue
				}
				if g = be16(sub, at); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				m.set(rune(c), g)
			}
		}
	}
}

// set maps a rune to its glyph.
func (m *metrics) set(r rune, g uint16) {
	m.glyphs[r] = g
	if r >= 0 && r < 65536 {
		m.bmp[r] = g
	}
}

// width returns the advance of r in font units.
func (m *metrics) width(r rune) float64 {
	var g uint16
	if r >= 0 && r < 65536 {
		g = m.bmp[r]
	} else {
		g = m.glyphs[r]
	}
	if int(g) >= len(m.advance) {
		return float64(m.advance[len(m.advance)-1])
	}
	return float64(m.advance[g])
}
