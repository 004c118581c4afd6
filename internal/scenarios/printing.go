package scenarios

import "unicode/utf8"

// Printing is what the decks can print. The validator refuses text the
// fonts lack and runbook URLs too long for a QR code that scans, but the
// format knows neither fonts nor QR codes: the build that will print the
// decks answers, through this.
type Printing interface {
	// Prints reports whether every face of the decks has r.
	Prints(r rune) bool
	// FitsQR reports whether url makes a QR code of at most MaxQRVersion.
	FitsQR(url string) bool
}

// printing is the build's answer; until one is given, only what no PDF
// can embed (outside the Basic Multilingual Plane) is refused.
var printing Printing = embeddable{}

// UsePrinting gives the validator the build's fonts and QR codes. Package
// cards gives its own when it is linked in, as every command is.
func UsePrinting(p Printing) { printing = p }

type embeddable struct{}

func (embeddable) Prints(r rune) bool     { return r <= 0xFFFF && r != utf8.RuneError }
func (embeddable) FitsQR(url string) bool { return len(url) <= 213 }
