package fpdf

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"testing"
)

// TestFontIDAsJSON holds generateFontID to what it was before its widths
// were hashed without encoding/json: the id is written into every PDF.
func TestFontIDAsJSON(t *testing.T) {
	t.Parallel()
	many := make([]int, 65536)
	for i := range many {
		many[i] = (i*7919)%3000 - 500
	}
	for _, def := range []fontDefType{
		{},
		{Tp: "UTF8", Name: "utf8nanumgothic", Cw: many, Up: -100, Ut: 50},
		{Tp: "TrueType", Name: `a "Cw":null <&> name`, Cw: []int{}, File: "x.z", Desc: FontDescType{Ascent: 800, FontBBox: fontBoxType{-1, -2, 3, 4}}},
		{Name: `\"Cw\":null`, Cw: []int{-9223372036854775808, 0, 9223372036854775807}, Enc: "cp1252", Diff: "1 /a", Size1: 3, N: 4, DiffN: 5},
	} {
		got, err := generateFontID(def)
		if err != nil {
			t.Fatal(err)
		}
		def.File = ""
		b, _ := json.Marshal(&def)
		if want := fmt.Sprintf("%x", sha1.Sum(b)); got != want {
			t.Errorf("font %q: id %s, json.Marshal gives %s", def.Name, got, want)
		}
	}
}
