package rules

import "unicode/utf8"

// Printing is what the decks can print. The validator refuses text the
// fonts lack and runbook URLs too long for a QR code that scans, but the
// format knows neither fonts nor QR codes: the build that will print the
// decks answers, through this, given to every reader that checks text
// (package cards has the decks' answer, cards.Printing).
type Printing interface {
	// Prints reports whether every face of the decks has r.
	Prints(r rune) bool
	// FitsQR reports whether url makes a QR code of at most MaxQRVersion.
	FitsQR(url string) bool
}

// OrEmbeddable is p, or for none what every PDF can embed: only runes
// outside the Basic Multilingual Plane are refused.
func OrEmbeddable(p Printing) Printing {
	if p == nil {
		return embeddable{}
	}
	return p
}

type embeddable struct{}

func (embeddable) Prints(r rune) bool     { return r <= 0xFFFF && r != utf8.RuneError }
func (embeddable) FitsQR(url string) bool { return len(url) <= 213 }
