package console

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// names are the hosts a request may name: a page whose name was rebound
// to this machine's address names its own host, never one of these, so
// it is refused even before its token is looked at.
type names struct {
	listen netip.Addr // the address listened on; invalid when unknown
	mu     sync.Mutex
	own    map[netip.Addr]bool // the machine's addresses, when listening on all
	names  map[string]bool     // the machine's name, when listening on all
	asked  time.Time           // when the machine's addresses were last read
}

// ListenOn tells the console the address it listens on. Without it only
// the loopback's names are its own; with an address, that address too;
// with the unspecified address (--lan), the machine's addresses and name.
func (srv *Server) ListenOn(addr net.Addr) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return
	}
	ip, _ := netip.AddrFromSlice(tcp.IP)
	ip = ip.Unmap()
	srv.names = &names{listen: ip}
	if ip.IsUnspecified() {
		srv.names.names = map[string]bool{}
		if h, err := os.Hostname(); err == nil && h != "" {
			h = strings.ToLower(strings.TrimSuffix(h, "."))
			short, _, _ := strings.Cut(h, ".")
			for _, n := range []string{h, short, short + ".local"} {
				srv.names.names[n] = true
			}
		}
		srv.names.refresh()
	}
}

// refresh reads the machine's addresses again: a laptop's address may
// change during a session. A miss reads them at most once a second.
func (n *names) refresh() {
	n.asked = time.Now()
	n.own = map[netip.Addr]bool{}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok {
			if ip, ok := netip.AddrFromSlice(ipn.IP); ok {
				n.own[ip.Unmap()] = true
			}
		}
	}
}

// allows reports whether a request's Host is one of the console's own
// names: the loopback's (localhost, 127.x, ::1), the address it listens
// on, the machine's when it listens on all, and the public URL's host.
func (srv *Server) allows(hostport string) bool {
	host, _, ok := splitHost(hostport)
	if !ok {
		return false
	}
	if srv.PublicURL != nil && host == strings.TrimSuffix(strings.ToLower(srv.PublicURL.Hostname()), ".") {
		return true
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		n := srv.names
		return n != nil && n.names[host]
	}
	ip = ip.Unmap()
	return ip.IsLoopback() || srv.names != nil && srv.names.has(ip)
}

// has reports whether ip is the address listened on or, listening on
// all, one of the machine's.
func (n *names) has(ip netip.Addr) bool {
	if ip.IsUnspecified() {
		// run prints the address it listens on, 0.0.0.0 included, when
		// --addr names it without --lan; a browser opens it on the loopback.
		return n.listen.IsUnspecified()
	}
	if ip.WithZone("") == n.listen.WithZone("") {
		return true
	}
	if n.names == nil {
		return false
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if !n.own[ip.WithZone("")] && time.Since(n.asked) > time.Second {
		n.refresh()
	}
	return n.own[ip.WithZone("")]
}

// splitHost is a Host header's host, lower case and without the one
// trailing dot of a fully qualified name, and its port ("" when none).
// A port that is not a number from 1 to 65535 makes it no host at all.
func splitHost(hostport string) (host, port string, ok bool) {
	host = hostport
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.HasSuffix(hostport, "]") {
		host, port = hostport[:i], hostport[i+1:]
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || strings.TrimLeft(port, "0123456789") != "" {
			return "", "", false
		}
	}
	if strings.HasPrefix(host, "[") {
		if !strings.HasSuffix(host, "]") {
			return "", "", false
		}
		host = strings.ReplaceAll(host[1:len(host)-1], "%25", "%")
		if _, err := netip.ParseAddr(host); err != nil || !strings.Contains(host, ":") {
			return "", "", false
		}
		return strings.ToLower(host), port, true
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "" || strings.Contains(host, ":") {
		return "", "", false
	}
	return host, port, true
}

// sameOrigin refuses a state change a page of another origin sends: a
// browser names the page's origin, which must be the host the request
// names (which allows has let in) over the connection's own scheme, or the
// public URL's.
func (srv *Server) sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		site := r.Header.Get("Sec-Fetch-Site")
		return site == "" || site == "same-origin"
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || u.Path != "" || u.User != nil {
		return false
	}
	if p := srv.PublicURL; p != nil && u.Scheme == p.Scheme && sameHost(u.Host, p.Host, u.Scheme) {
		return true
	}
	scheme := "http"
	if r.TLS != nil { // run --tls-cert: the page's origin is https
		scheme = "https"
	}
	return u.Scheme == scheme && sameHost(u.Host, r.Host, scheme)
}

// sameHost compares two Host values as a browser would: case, a trailing
// dot and the scheme's default port make no difference.
func sameHost(a, b, scheme string) bool {
	ha, pa, oka := splitHost(a)
	hb, pb, okb := splitHost(b)
	def := map[string]string{"http": "80", "https": "443"}[scheme]
	if pa == "" {
		pa = def
	}
	if pb == "" {
		pb = def
	}
	return oka && okb && ha == hb && strings.TrimLeft(pa, "0") == strings.TrimLeft(pb, "0")
}
