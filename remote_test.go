package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/propdeck/propdeck/internal/testenv"
)

// TestRemotePlayersOverHTTPS: a remote session, as teams run one, in a real
// browser: the console serving HTTPS itself (--tls-cert), and the console
// on the loopback behind a real TLS reverse proxy (Debian's nginx) with
// --public-url. In both, the facilitator's actions go through, a player's
// page follows live over server-sent events, and an event from a page of
// another origin is refused.
func TestRemotePlayersOverHTTPS(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	cert, key := selfSigned(t)
	// One facilitator's tab and one player's serve both subtests, one
	// after the other: a tab costs a renderer process, and each console
	// is at an origin of its own.
	ctx, cancel := browser(t) // the shared browser takes the test's own certificate
	defer cancel()
	player, cancelPlayer := chromedp.NewContext(ctx)
	defer cancelPlayer()
	for _, x := range []context.Context{ctx, player} {
		if err := chromedp.Do(x); err != nil {
			t.Fatal(err)
		}
	}
	tabs := [2]context.Context{ctx, player}
	t.Run("direct", func(t *testing.T) {
		port := freePort(t)
		c := startRun(t, bin, "eu-db-latency", "--journal", filepath.Join(t.TempDir(), "s.journal.jsonl"),
			"--addr", fmt.Sprintf("127.0.0.1:%d", port), "--tls-cert", cert, "--tls-key", key)
		defer func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() }()
		remoteSession(t, tabs, c, fmt.Sprintf("https://127.0.0.1:%d", port))
	})
	t.Run("nginx", func(t *testing.T) {
		nginx := "/usr/sbin/nginx" // root's PATH has it, a user's often not
		if _, err := os.Stat(nginx); err != nil {
			nginx = testenv.Need(t, "nginx")
		}
		inner, outer := freePort(t), listen(t)
		public := fmt.Sprintf("https://localhost:%d", outer.Addr().(*net.TCPAddr).Port)
		c := startRun(t, bin, "eu-db-latency", "--journal", filepath.Join(t.TempDir(), "s.journal.jsonl"),
			"--addr", fmt.Sprintf("127.0.0.1:%d", inner), "--public-url", public)
		defer func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() }()
		stop := startNginx(t, nginx, cert, key, outer, inner)
		defer stop()
		remoteSession(t, tabs, c, public)
	})
}

// remoteSession starts the session from the facilitator's page (the
// first tab), hands out cards, and waits for the player's page (the
// second) to show one, all at base.
func remoteSession(t *testing.T, tabs [2]context.Context, c *console, base string) {
	t.Helper()
	for _, u := range []string{c.facilitator, c.player} {
		if !strings.HasPrefix(u, base+"/") {
			t.Fatalf("run printed %s; want a URL at %s", u, base)
		}
	}
	ctx, player := tabs[0], tabs[1]
	do(t, player, chromedp.Navigate(c.player), chromedp.WaitVisible(chromedp.CSS("main section")))
	do(t, ctx, chromedp.Navigate(c.facilitator), chromedp.WaitVisible(chromedp.CSS("#start")), press("#start"), waitSeq(1),
		press("button.hand"), waitSeq(2), press("button.hand"), waitSeq(3))
	do(t, player, chromedp.WaitVisible(chromedp.CSS("article.card")))
	if code := foreignPost(t, base, c.facilitator); code != http.StatusForbidden {
		t.Errorf("an event from another origin got %d through %s; want 403", code, base)
	}
}

// foreignPost posts an event with the facilitator's token as a page of
// another site would, and gives the status.
func foreignPost(t *testing.T, base, facilitator string) int {
	t.Helper()
	tok := facilitator[strings.LastIndex(facilitator, "=")+1:]
	// No timeout of its own: the request ends with the test's context.
	req, _ := http.NewRequestWithContext(t.Context(), "POST", base+"/api/events", strings.NewReader(`{"kind":"pause"}`))
	req.Header.Set("X-Token", tok)
	req.Header.Set("Origin", "https://attacker.example")
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, // the test's own certificate
	}}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// listen opens the port nginx will serve on, for startNginx to hand over.
func listen(t *testing.T) *net.TCPListener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln.(*net.TCPListener)
}

// startNginx runs nginx in the foreground as a TLS reverse proxy from
// outer to the console on inner, both on the loopback, with a
// configuration of the test's own; stop ends it. nginx is handed the
// listening socket already open (its NGINX variable, as in a binary
// upgrade), so a connection made at once waits in the socket's queue
// until nginx takes it: nginx announces no readiness to wait for.
func startNginx(t *testing.T, nginx, cert, key string, outer *net.TCPListener, inner int) (stop func()) {
	t.Helper()
	dir := t.TempDir()
	conf := fmt.Sprintf(`daemon off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  server {
    listen %[2]s ssl;
    ssl_certificate %[3]s;
    ssl_certificate_key %[4]s;
    location / {
      proxy_pass http://127.0.0.1:%[5]d;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header Connection "";
      proxy_read_timeout 1h;
    }
  }
}
`, dir, outer.Addr(), cert, key, inner)
	path := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	sock, err := outer.File()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nginx, "-p", dir, "-c", path, "-e", filepath.Join(dir, "error.log"))
	cmd.Stderr = os.Stderr
	cmd.ExtraFiles = []*os.File{sock} // descriptor 3
	cmd.Env = append(os.Environ(), "NGINX=3;")
	err = cmd.Start()
	sock.Close()
	outer.Close()
	if err != nil {
		t.Fatal(err)
	}
	// SIGTERM, not SIGKILL: the master then ends its worker and waits for
	// it; killed, it left the worker running after the test.
	return func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }
}

// selfSigned writes a certificate for localhost and 127.0.0.1 and its key.
func selfSigned(t *testing.T) (cert, key string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, &tmpl, &tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	for name, block := range map[string]*pem.Block{cert: {Type: "CERTIFICATE", Bytes: der}, key: {Type: "EC PRIVATE KEY", Bytes: keyDER}} {
		if err := os.WriteFile(name, pem.EncodeToMemory(block), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return cert, key
}
