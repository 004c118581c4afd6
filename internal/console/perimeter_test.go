package console

import (
	"bufio"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/written"
)

// rawStatus sends a request as written, Host line and all, to the
// fixture's listener and returns the answer's status code.
func (f *fixture) rawStatus(request string) int {
	f.t.Helper()
	conn, err := net.DialTimeout("tcp", f.srv.Listener.Addr().String(), 5*time.Second)
	if err != nil {
		f.t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := conn.Write([]byte(request)); err != nil {
		f.t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		f.t.Fatalf("%q: %v", request, err)
	}
	res.Body.Close()
	return res.StatusCode
}

// get is a GET of path with Host host over HTTP/1.1, or without a Host
// line over HTTP/1.0 when host is "-".
func get(path, host string) string {
	if host == "-" {
		return "GET " + path + " HTTP/1.0\r\n\r\n"
	}
	return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"
}

// TestOnlyItsOwnNames: a request that names another host, as a page
// whose name was rebound to the loopback does, is refused before any
// route, static files and token checks included; the loopback's names, in
// any case, with or without a port or a trailing dot, are the console's.
func TestOnlyItsOwnNames(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "eu-db-latency")
	port := f.srv.Listener.Addr().(*net.TCPAddr).Port
	p := func(h string) string { return h + ":" + strconv.Itoa(port) }
	page := "/?token=" + f.tokens.Facilitator
	for _, tc := range []struct {
		host, path string
		want       int
	}{
		{p("127.0.0.1"), page, 200}, {p("localhost"), page, 200}, {p("LocalHost"), page, 200},
		{p("localhost."), page, 200}, {"localhost", page, 200}, {p("127.0.0.2"), page, 200},
		{p("[::1]"), page, 200}, {"[::1]", page, 200}, {p("[::ffff:127.0.0.1]"), page, 200},
		{p("127.0.0.1."), page, 200}, {"-", page, 421},
		{p("evil.example"), page, 421}, {"evil.example", page, 421}, {p("localhost.evil.example"), page, 421},
		{p("127.0.0.1.evil.example"), page, 421}, {p("10.9.8.7"), page, 421}, {p("0.0.0.0"), page, 421},
		{p("[::]"), page, 421}, {p("localhost.."), page, 421}, {"localhost:http", page, 421},
		{p("evil.example"), "/static/app.js", 421}, {p("evil.example"), "/api/stream", 421},
		{p("evil.example"), "/api/state?token=" + f.tokens.Facilitator, 421},
	} {
		if got := f.rawStatus(get(tc.path, tc.host)); got != tc.want {
			t.Errorf("Host %q, %s: %d, want %d", tc.host, tc.path, got, tc.want)
		}
	}
	if got := f.rawStatus("GET " + page + " HTTP/1.0\r\nHost: " + p("localhost") + "\r\n\r\n"); got != 200 {
		t.Errorf("HTTP/1.0 with the console's Host: %d", got)
	}
	// The absolute form names the host in the request line, which wins.
	if got := f.rawStatus("GET http://evil.example" + page + " HTTP/1.1\r\nHost: " + p("127.0.0.1") + "\r\nConnection: close\r\n\r\n"); got != 421 {
		t.Errorf("an absolute URL of another host: %d", got)
	}
}

// TestNamesOfEveryAddress: a console listening on every address (--lan)
// answers to the machine's own addresses and name, one listening on one
// address to that address, and a public URL's host is its own too.
func TestNamesOfEveryAddress(t *testing.T) {
	t.Parallel()
	own := ""
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() {
			own = ipn.IP.String()
			if ipn.IP.To4() == nil {
				own = "[" + own + "]"
			}
			break
		}
	}
	hostname, _ := os.Hostname()
	for _, tc := range []struct {
		name   string
		listen net.IP
		public string
		host   string
		want   int
	}{
		{"every address, its own", net.IPv6unspecified, "", own, 200},
		{"every address, its name", net.IPv4zero, "", hostname, 200},
		{"every address, its name with a dot", net.IPv4zero, "", hostname + ".", 200},
		{"every address, another", net.IPv6unspecified, "", "192.0.2.77", 421},
		{"every address, as run prints it", net.IPv4zero, "", "0.0.0.0:8080", 200},
		{"every address, as run prints it on IPv6", net.IPv6unspecified, "", "[::]:8080", 200},
		{"one address, that one", net.ParseIP("192.0.2.9"), "", "192.0.2.9:8080", 200},
		{"one address, another of the machine", net.ParseIP("192.0.2.9"), "", own, 421},
		{"one address, the machine's name", net.ParseIP("192.0.2.9"), "", hostname, 421},
		{"a public URL", net.IPv4(127, 0, 0, 1), "https://ttx.example.com", "TTX.example.com", 200},
		{"a public URL with a port", net.IPv4(127, 0, 0, 1), "https://ttx.example.com:8443", "ttx.example.com:8443", 200},
		{"beside a public URL", net.IPv4(127, 0, 0, 1), "https://ttx.example.com", "example.com", 421},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.host == "" || tc.host == "." {
				t.Skip("this machine has no such address or name")
			}
			f := newFixture(t, "eu-db-latency")
			srv := f.srv.Config.Handler.(*Server)
			srv.ListenOn(&net.TCPAddr{IP: tc.listen, Port: 8080})
			if tc.public != "" {
				srv.PublicURL, _ = url.Parse(tc.public)
			}
			if got := f.rawStatus(get("/static/app.js?token="+f.tokens.Screen, tc.host)); got != tc.want {
				t.Errorf("Host %q: %d, want %d", tc.host, got, tc.want)
			}
		})
	}
}

// TestOriginFollowsTheNames: a page's origin may post when it is the
// host the request names, or the public URL's origin behind a proxy.
func TestOriginFollowsTheNames(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "eu-db-latency")
	srv := f.srv.Config.Handler.(*Server)
	srv.PublicURL, _ = url.Parse("https://ttx.example.com")
	port := strconv.Itoa(f.srv.Listener.Addr().(*net.TCPAddr).Port)
	for _, tc := range []struct {
		host, origin string
		want         int
	}{
		{"127.0.0.1:" + port, "http://evil.example", 403},
		{"127.0.0.1:" + port, "http://localhost:" + port, 403},
		{"127.0.0.1:" + port, "null", 403},
		{"127.0.0.1:" + port, "https://127.0.0.1:" + port, 403},
		{"localhost:" + port, "http://localhost:" + port, 400},
		{"LOCALHOST:" + port, "http://localhost:" + port, 400},
		{"ttx.example.com", "https://ttx.example.com", 400},
		{"127.0.0.1:" + port, "https://ttx.example.com", 400},
		{"127.0.0.1:" + port, "https://ttx.example.com:444", 403},
		{"[::1]:" + port, "http://[::1]:" + port, 400},
		{"[::1]:" + port, "http://[::2]:" + port, 403},
		{"localhost.:" + port, "http://localhost:" + port, 400},
		{"localhost", "http://localhost:80", 400},
		{"localhost:" + port, "http://localhost", 403},
		{"localhost:" + port, "http://user@localhost:" + port, 403},
		{"localhost:" + port, "http://localhost:" + port + "/x", 403},
	} {
		// A note before the start is 400: the origin was let through.
		req := "POST /api/events HTTP/1.1\r\nHost: " + tc.host + "\r\nOrigin: " + tc.origin + "\r\nX-Token: " + f.tokens.Facilitator +
			"\r\nContent-Length: 15\r\nConnection: close\r\n\r\n{\"kind\":\"end\"}\n"
		if got := f.rawStatus(req); got != tc.want {
			t.Errorf("Host %q, Origin %q: %d, want %d", tc.host, tc.origin, got, tc.want)
		}
	}
}

// TestNoFutureRounds: a player's and the screen's page, data and stream
// say nothing of a round not reached: not its title, its start or the
// story's time there. The facilitator's page keeps every round's.
func TestNoFutureRounds(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "split-brain-failover")
	f.post(`{"kind":"start"}`)
	var future []string
	for _, r := range f.s.Rounds()[1:] {
		ms, story := strconv.FormatInt(r.Offset.Milliseconds(), 10), strconv.FormatInt(r.Story.Milliseconds(), 10)
		future = append(future, r.Title, "["+ms+",", ","+story+"]", written.FormatOffset(r.Offset))
	}
	views := map[string]string{"/screen": f.tokens.Screen, "/api/screen": f.tokens.Screen, "/scribe": f.tokens.Scribe}
	for role, tok := range f.tokens.Roles {
		views["/play/"+role], views["/api/play/"+role] = tok, tok
	}
	for path, tok := range views {
		_, body := f.do("GET", path, tok, "")
		body += f.firstStreamEvent(tok)
		for _, x := range future {
			if strings.Contains(body, x) {
				t.Errorf("%s shows %q of a round not reached", path, x)
			}
		}
		if strings.HasPrefix(path, "/play/") && !strings.Contains(body, `data-jumps="[[0,0]]"`) {
			t.Errorf("%s does not carry the round reached: %s", path, body[:min(len(body), 800)])
		}
	}
	if _, body := f.do("GET", "/", f.tokens.Facilitator, ""); !strings.Contains(body, "[4200000,36000000]") {
		t.Errorf("the facilitator's page lost the rounds to come")
	}
}
