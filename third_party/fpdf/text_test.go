package fpdf

import (
	"fmt"
	"math"
	"testing"
)

// TestTextAsSprintf holds Text to the bytes it wrote with fmt.Sprintf,
// coloured or not, underlined, struck out, with text to escape.
func TestTextAsSprintf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		style string
		color bool
		x, y  float64
		txt   string
	}{
		{"", false, 10, 20, "plain"},
		{"", true, 0.004999, 296.9951, `a (paren) \ back` + "\r"},
		{"U", true, -3.14159, 1e6, "underlined"},
		{"S", false, 105.125, math.Copysign(0, -1), "struck"},
		{"US", true, 1e-9, -2.675, ""},
	} {
		f := New("P", "mm", "A4", "")
		f.AddPage()
		f.SetFont("Helvetica", tc.style, 12)
		if tc.color {
			f.SetTextColor(200, 10, 0)
		}
		before := f.pages[f.page].Len()
		f.Text(tc.x, tc.y, tc.txt)
		got := f.pages[f.page].String()[before:]
		want := fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET", tc.x*f.k, (f.h-tc.y)*f.k, f.escape(tc.txt))
		if f.underline && tc.txt != "" {
			want += " " + f.dounderline(tc.x, tc.y, tc.txt)
		}
		if f.strikeout && tc.txt != "" {
			want += " " + f.dostrikeout(tc.x, tc.y, tc.txt)
		}
		if f.colorFlag {
			want = fmt.Sprintf("q %s %s Q", f.color.text.str, want)
		}
		if want += "\n"; got != want {
			t.Errorf("Text(%v, %v, %q) in %q: wrote %q, want %q", tc.x, tc.y, tc.txt, tc.style, got, want)
		}
	}
}

// TestFontSizeAsSprintf holds SetFont, SetFontSize and SetFontUnitSize to
// the bytes they wrote with fmt.Sprintf.
func TestFontSizeAsSprintf(t *testing.T) {
	t.Parallel()
	f := New("P", "mm", "A4", "")
	f.AddPage()
	for _, set := range []func(){
		func() { f.SetFont("Helvetica", "B", 12.345) },
		func() { f.SetFontSize(-0.004) },
		func() { f.SetFontUnitSize(1e7) },
		func() { f.SetFont("Courier", "", math.Inf(1)) },
	} {
		before := f.pages[f.page].Len()
		set()
		got := f.pages[f.page].String()[before:]
		if want := fmt.Sprintf("BT /F%s %.2f Tf ET\n", f.currentFont.i, f.fontSizePt); got != want {
			t.Errorf("wrote %q, want %q", got, want)
		}
	}
}
