// Package cards decides what goes on every card and sheet of a deck. Cards
// draw with the operations of package draw, a display list of plain
// values, so that they can be tested without a PDF; the backends replay it.
package cards

import (
	"sync"

	"github.com/skip2/go-qrcode"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/text"
)

// qrMinWidth is the least printed width of a QR code's modules, quiet zone
// excluded; phone cameras read such codes from arm's length.
const qrMinWidth = 20.0

// qrCache keeps each URL's QR matrix: encoding is the costliest step of a
// card, and cards ask for a code's size before they draw it.
var qrCache sync.Map // url -> qrEntry

type qrEntry struct {
	bits [][]bool
	err  error
}

func qrBits(url string) ([][]bool, error) {
	if e, ok := qrCache.Load(url); ok {
		return e.(qrEntry).bits, e.(qrEntry).err
	}
	q, err := qrcode.New(url, qrcode.Medium)
	var e qrEntry
	if err != nil {
		e.err = text.Fail("qr-failed", "url", url, "err", err)
	} else {
		e.bits = q.Bitmap() // includes the 4-module quiet zone
	}
	qrCache.Store(url, e)
	return e.bits, e.err
}

// drawQR draws a QR code for url with its top-left corner (quiet zone
// included) at (x, y) and returns the side of the square it takes.
func drawQR(p *draw.Page, x, y float64, url string) (float64, error) {
	bits, err := qrBits(url)
	if err != nil {
		return 0, err
	}
	n := len(bits)
	module := qrMinWidth / float64(n-8)
	p.Ops = append(p.Ops, draw.QROp{X: x, Y: y, Module: module, Bits: bits, URL: url})
	side := module * float64(n)
	p.Link(layouts.Rect{X: x, Y: y, W: side, H: side}, url)
	return side, nil
}

// qrSide is the side of the square QR draws for url, quiet zone included.
func qrSide(url string) float64 {
	bits, err := qrBits(url)
	if err != nil {
		return 0
	}
	n := len(bits)
	return qrMinWidth / float64(n-8) * float64(n)
}

// ForgetQRCodes empties the QR cache, so that benchmarks measure builds
// as a fresh process runs them.
func ForgetQRCodes() { qrCache.Clear() }
