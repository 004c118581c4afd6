package cli

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

// TestPlainHTTPIsSaid: a console others can reach over plain HTTP says at
// its start that the pages' tokens cross the network in clear; one on the
// loopback, or reached through an HTTPS public URL, does not.
func TestPlainHTTPIsSaid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		listen net.IP
		public string
		warn   bool
		direct bool
	}{
		{"--lan", net.IPv6unspecified, "", true, false},
		{"--lan on IPv4", net.IPv4zero, "", true, false},
		{"--addr of the LAN", net.ParseIP("192.168.1.20"), "", true, false},
		{"the loopback", net.IPv4(127, 0, 0, 1), "", false, false},
		{"the IPv6 loopback", net.IPv6loopback, "", false, false},
		{"--lan behind HTTPS", net.IPv6unspecified, "https://ttx.example.com", true, false},
		{"the loopback behind HTTPS", net.IPv4(127, 0, 0, 1), "https://ttx.example.com", false, false},
		{"the loopback behind plain HTTP", net.IPv4(127, 0, 0, 1), "http://ttx.example.com", true, false},
		{"--lan over HTTPS itself", net.IPv6unspecified, "", false, true},
		{"--lan over HTTPS itself, named over plain HTTP", net.IPv6unspecified, "http://ttx.example.com", true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var public *url.URL
			if tc.public != "" {
				public, _ = url.Parse(tc.public)
			}
			got := plainHTTPWarning(&net.TCPAddr{IP: tc.listen, Port: 8080}, public, tc.direct, "en")
			if (got != "") != tc.warn || tc.warn && !strings.Contains(got, "plain HTTP") {
				t.Errorf("warning %q, want one: %v", got, tc.warn)
			}
		})
	}
}

// TestPublicURLs: --public-url takes an http or https origin only, since
// the pages ask for /api/… at its root.
func TestPublicURLs(t *testing.T) {
	t.Parallel()
	for raw, ok := range map[string]bool{
		"https://ttx.example.com": true, "https://ttx.example.com/": true, "http://10.0.0.5:8080": true,
		"ftp://ttx.example.com": false, "https://ttx.example.com/console": false, "https://": false,
		"https://u:p@ttx.example.com": false, "https://ttx.example.com/?x=1": false, "ttx.example.com": false,
		"https://ttx.example.com:99999": false,
	} {
		if _, err := parsePublicURL(raw); (err == nil) != ok {
			t.Errorf("%q: %v, want accepted %v", raw, err, ok)
		}
	}
}
