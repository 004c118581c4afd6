package console

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"

	"github.com/propdeck/propdeck/internal/fonts"
)

// webFonts are the embedded Nanum faces as a browser takes them, by the
// name the pages fetch them under. Chromium's font sanitiser (OTS)
// refuses the files as embedded ("TSI3: zero-length table", the hinting
// tool's sources), and a whole face is 4.6 MB: a page gets a subset,
// which carries only the tables a browser reads, of the characters of
// KS X 1001 (the 2,350 syllables everyday Korean is written in, Latin,
// punctuation, symbols and jamo; not its Hanja). It is the same for every scenario, so it says
// nothing of the script's text; a rarer syllable comes from the
// system's fonts.
var webFonts = map[string]func() []byte{
	"nanum-regular.ttf": sync.OnceValue(func() []byte { return fonts.Regular.Subset(ksx1001()) }),
	"nanum-bold.ttf":    sync.OnceValue(func() []byte { return fonts.Bold.Subset(ksx1001()) }),
}

// ksx1001 is every character of KS X 1001 (EUC-KR's two-byte codes) but
// the Hanja, and Latin-1.
func ksx1001() []rune {
	var out []rune
	for r := rune(0x20); r < 0x100; r++ {
		out = append(out, r)
	}
	dec := korean.EUCKR.NewDecoder()
	for hi := 0xA1; hi <= 0xFE; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			b, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if r, _ := utf8.DecodeRune(b); err == nil && r != utf8.RuneError && !unicode.Is(unicode.Han, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

// serveFont serves a web font: the same bytes for the binary's life, so
// a phone keeps it rather than fetching it for every page.
func serveFont(w http.ResponseWriter, r *http.Request, _ audience) {
	font := webFonts[r.PathValue("file")]
	if font == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "font/ttf")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	_, _ = w.Write(font())
}

// serveFontFaces is the style sheet that names the web fonts: made per
// page, since a font is fetched with the page's token as any file is, and
// a style sheet's own URLs do not carry its query.
func serveFontFaces(w http.ResponseWriter, r *http.Request, _ audience) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	tok := tokenOf(r)
	for _, f := range []struct{ file, weight string }{{"nanum-regular.ttf", "400"}, {"nanum-bold.ttf", "700"}} {
		// Escaped, a token holds nothing a style sheet reads as syntax.
		fmt.Fprintf(w, "@font-face { font-family: \"propdeck Nanum Gothic\"; font-weight: %s; font-display: swap; src: url(\"/fonts/%s?token=%s\") format(\"truetype\"); }\n",
			f.weight, f.file, url.QueryEscape(tok))
	}
}
