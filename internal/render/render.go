// Package render is the table of backends that draw a page of operations
// as an image file: adding a format is one package and one entry here.
// The PDF backend, which draws whole decks, is package render/pdf.
package render

import (
	"slices"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/render/png"
	"github.com/propdeck/propdeck/internal/render/svg"
)

// Image draws one page as the bytes of one image file.
type Image func(p *draw.Page) ([]byte, error)

// images are the image backends by format name; dpi is for the pixel ones.
var images = map[string]func(dpi float64) Image{
	"png": func(dpi float64) Image {
		return func(p *draw.Page) ([]byte, error) {
			img, err := png.Render(p, dpi)
			if err != nil {
				return nil, err
			}
			return png.PNG(img)
		}
	},
	"svg": func(float64) Image { return svg.Render },
}

// Formats lists the image formats, sorted.
func Formats() []string {
	var out []string
	for f := range images {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// For is the backend of a format at dpi, or nil for a format there is none of.
func For(format string, dpi float64) Image {
	if b, ok := images[format]; ok {
		return b(dpi)
	}
	return nil
}
