package console

import (
	"encoding/binary"
	"net/http"
	"strings"
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

// TestFontsAreServedWithTheToken: a Korean page links the faces' style
// sheet, which names each face with the page's token; each face needs a
// token, as any file does, and is kept by the browser for a day.
func TestFontsAreServedWithTheToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "dns-change-ko")
	tok := f.tokens.Roles["ic"]
	if code, html := f.do("GET", "/play/ic", tok, ""); code != 200 || !strings.Contains(html, `href="/fonts/faces.css?token=`+tok+`"`) {
		t.Errorf("the Korean page (%d) does not link its fonts", code)
	}
	code, css := f.do("GET", "/fonts/faces.css", tok, "")
	if code != 200 || strings.Count(css, "@font-face") != 2 || !strings.Contains(css, `url("/fonts/nanum-bold.ttf?token=`+tok+`")`) {
		t.Errorf("faces.css: %d\n%s", code, css)
	}
	if code, _ := f.do("GET", "/fonts/nanum-regular.ttf", "", ""); code != 401 {
		t.Errorf("a face without a token: %d", code)
	}
	req, _ := http.NewRequest("GET", f.srv.URL+"/fonts/nanum-regular.ttf?token="+tok, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "font/ttf" || res.Header.Get("Cache-Control") != "private, max-age=86400" {
		t.Errorf("a face: %d, %q, %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	en := newFixture(t, "eu-db-latency")
	if code, html := en.do("GET", "/screen", en.tokens.Screen, ""); code != 200 || strings.Contains(html, "faces.css") {
		t.Errorf("the English screen (%d) loads the Korean faces", code)
	}
}
