package console

import (
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/testenv"
)

// TestQRIsThePagesLink: a page's QR code, drawn by librsvg and read by
// zbar, is its own link with its token, and the facilitator's for a role
// is that role's page: at the address it was reached at, and under
// --public-url when there is one. Only the facilitator's token gives a
// role's link.
func TestQRIsThePagesLink(t *testing.T) {
	// Not in parallel: its rsvg-convert and zbarimg are forked while another test
	// could hold a journal open, and a fork shares every open file, its
	// flock included, until the child execs: a test closing and reopening a
	// journal then would find it held. Tests that are not parallel run
	// before every parallel one, alone.
	rsvg, zbar := testenv.Need(t, "rsvg-convert"), testenv.Need(t, "zbarimg")
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	j, err := session.Open(s, filepath.Join(t.TempDir(), "j.jsonl"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	tokens := newTokens(s)
	for _, public := range []string{"", "https://ttx.example.com"} {
		srv := New(s, j, tokens, time.Now)
		if public != "" {
			srv.PublicURL, _ = url.Parse(public)
		}
		ts := httptest.NewServer(srv)
		f := &fixture{t: t, s: s, srv: ts, tokens: tokens}
		if code, _ := f.do("GET", "/api/qr?role=comms", tokens.Roles["ic"], ""); code != 403 {
			t.Errorf("a player's token asks for another role's link: %d", code)
		}
		if code, _ := f.do("GET", "/api/qr?role=nobody", tokens.Facilitator, ""); code != 404 {
			t.Errorf("the link of a role there is not: %d", code)
		}
		for _, ask := range []struct{ path, tok string }{{"/api/qr", tokens.Roles["ic"]}, {"/api/qr?role=ic", tokens.Facilitator}} {
			code, svg := f.do("GET", ask.path, ask.tok, "")
			if code != 200 {
				t.Fatalf("GET /api/qr: %d %s", code, svg)
			}
			checkQR(t, rsvg, zbar, svg, public, ts.URL, tokens.Roles["ic"])
		}
		ts.Close()
	}
}

// checkQR reads a QR code drawn as SVG: it must be ic's page with its
// token, under public or else at the server's address.
func checkQR(t *testing.T, rsvg, zbar, svg, public, server, tok string) {
	t.Helper()
	dir := t.TempDir()
	in, png := filepath.Join(dir, "qr.svg"), filepath.Join(dir, "qr.png")
	_ = os.WriteFile(in, []byte(svg), 0o600)
	if out, err := exec.Command(rsvg, "-w", "400", "-o", png, in).CombinedOutput(); err != nil {
		t.Fatalf("rsvg-convert: %v\n%s", err, out)
	}
	out, err := exec.Command(zbar, "--raw", "-q", png).Output()
	want := strings.TrimSuffix(server, "/")
	if public != "" {
		want = public
	}
	want += "/play/ic?token=" + tok
	if got := strings.TrimSpace(string(out)); err != nil || got != want {
		t.Errorf("the QR code reads %q (%v), want %q", got, err, want)
	}
}
