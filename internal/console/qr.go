package console

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/skip2/go-qrcode"
)

// qr answers a page's own link as a QR code (SVG), for a player who opened
// it on a laptop to take it to their phone, or, for the facilitator, the
// link of a role's page (?role=), to hand it to that player: the link
// under --public-url when there is one, else the address the page was
// reached at.
func (srv *Server) qr(w http.ResponseWriter, r *http.Request, a audience) {
	tok := tokenOf(r)
	if role := r.URL.Query().Get("role"); role != "" {
		if a.kind != "facilitator" {
			http.Error(w, "only the facilitator's token gives a role's link", http.StatusForbidden)
			return
		}
		if tok = srv.tokens.Roles[role]; tok == "" {
			http.NotFound(w, r)
			return
		}
		for _, k := range kinds {
			if k.perRole() {
				a = audience{kind: k.name, role: role}
			}
		}
	}
	base := "http://" + r.Host
	if r.TLS != nil {
		base = "https://" + r.Host
	}
	if srv.PublicURL != nil {
		base = strings.TrimSuffix(srv.PublicURL.String(), "/")
	}
	link := base + fill(kindOf(a.kind).page, a.role) + "?token=" + tok
	code, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	code.DisableBorder = true
	bits := code.Bitmap()
	n := len(bits)
	var b strings.Builder
	// One path of every dark run, its quiet zone of four modules around:
	// one fill scans where a rectangle per module leaves seams.
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges"><rect width="100%%" height="100%%" fill="#fff"/><path fill="#000" d="`, n+8, n+8)
	for y, row := range bits {
		for x := 0; x < n; x++ {
			if !row[x] {
				continue
			}
			run := x
			for run < n && row[run] {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+4, y+4, run-x, run-x)
			x = run
		}
	}
	b.WriteString(`"/></svg>`)
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write([]byte(b.String()))
}
