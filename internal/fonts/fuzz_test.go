package fonts

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/propdeck/propdeck/third_party/fpdf"
)

// FuzzSubset checks that any text gives a subset that parses, maps every
// rune the face has, and that the PDF library embeds without complaint.
func FuzzSubset(f *testing.F) {
	for _, s := range []string{"", "A", "장애 대응 Incident", "→·—ÄÖ", "가각갂갃간", "\x00\uffff\U0001F525"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, face := range Fonts {
			data := face.Subset([]rune(s))
			m, err := parseTTF(data)
			if err != nil {
				t.Fatalf("%s: subset does not parse: %v", face, err)
			}
			var printable []rune
			for _, r := range s {
				if face.has(r) && r > ' ' {
					printable = append(printable, r)
					if m.bmp[r] == 0 {
						t.Fatalf("%s: %U lost", face, r)
					}
				}
			}
			pdf := fpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("f", "", data)
			pdf.AddPage()
			pdf.SetFont("f", "", 10)
			pdf.Text(10, 10, string(printable))
			var out bytes.Buffer
			if err := pdf.Output(&out); err != nil {
				t.Fatalf("%s: %v", face, err)
			}
		}
	})
}
