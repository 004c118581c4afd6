package cards

import (
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/rules"
)

// Printing answers the validator for the decks cards draw: the runes
// every face has, and QR codes from the same cache the cards draw from, so
// that each URL is encoded once for checking and printing both. Every
// command that reads a file for the decks gives it to the reader.
var Printing rules.Printing = deckPrinting{}

type deckPrinting struct{}

func (deckPrinting) Prints(r rune) bool {
	return fonts.Regular.Covers(r) && fonts.Bold.Covers(r) && fonts.Mono.Covers(r)
}

func (deckPrinting) FitsQR(url string) bool {
	bits, err := qrBits(url)
	// A version-v code is 17+4v modules wide, 8 more with its quiet zone.
	return err == nil && (len(bits)-8-17)/4 <= rules.MaxQRVersion
}
