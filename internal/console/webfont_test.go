package console

import (
	"encoding/binary"
	"testing"
)

// TestWebFontsAreSubsets: each web font is a TrueType file of a few
// hundred kilobytes with none of the tables Chromium's sanitiser refuses
// (TSI0–TSI5, the hinting tool's sources) and with the Hangul of
// everyday text.
func TestWebFontsAreSubsets(t *testing.T) {
	t.Parallel()
	if n := len(ksx1001()); n < 3000 {
		t.Errorf("KS X 1001 and Latin-1 are %d characters; want about 3,500", n)
	}
	for name, font := range webFonts {
		data := font()
		t.Logf("%s: %d bytes", name, len(data))
		if len(data) > 2<<20 || len(data) < 12 {
			t.Errorf("%s: %d bytes", name, len(data))
			continue
		}
		tables := map[string]bool{}
		for i := range int(binary.BigEndian.Uint16(data[4:])) {
			tables[string(data[12+16*i:16+16*i])] = true
		}
		for _, bad := range []string{"TSI0", "TSI1", "TSI2", "TSI3", "TSI5"} {
			if tables[bad] {
				t.Errorf("%s has %s", name, bad)
			}
		}
		if !tables["glyf"] || !tables["cmap"] {
			t.Errorf("%s has tables %v", name, tables)
		}
	}
}
