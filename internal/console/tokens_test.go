//go:build unix

package console

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/examples"
)

// TestTokensFileIsTheUsersOwn: a tokens file that is a symlink (to
// /dev/zero, to a file, to nowhere), a FIFO or another user's file is
// refused at once, and nothing is written through a link; a new one is
// the user's alone.
func TestTokensFileIsTheUsersOwn(t *testing.T) {
	t.Parallel()
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep me\n"), 0o600)
	fifo := filepath.Join(dir, "fifo.tokens")
	syscall.Mkfifo(fifo, 0o600)
	cases := map[string]func(string){
		"a symlink to /dev/zero": func(p string) { os.Symlink("/dev/zero", p) },
		"a FIFO":                 func(p string) { syscall.Mkfifo(p, 0o600) },
		"a symlink to a file":    func(p string) { os.Symlink(target, p) },
		"a symlink to nowhere":   func(p string) { os.Symlink(filepath.Join(dir, "planted"), p) },
	}
	if os.Geteuid() == 0 {
		cases["another user's file"] = func(p string) {
			os.WriteFile(p, []byte(`{"Facilitator":"0123456789abcdef0123456789abcdef","Screen":"0123456789abcdef0123456789abcdef"}`), 0o644)
			os.Chown(p, 65534, 65534)
		}
	}
	for name, plant := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".tokens")
		plant(path)
		done := make(chan error, 1)
		go func() { _, err := LoadTokens(path, s); done <- err }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: taken as the session's tokens", name)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading", name)
		}
	}
	if data, _ := os.ReadFile(target); string(data) != "keep me\n" {
		t.Errorf("a link's target was written: %q", data)
	}
	if _, err := os.Lstat(filepath.Join(dir, "planted")); err == nil {
		t.Error("a dangling link's target was made")
	}
	path := filepath.Join(dir, "new.tokens")
	if _, err := LoadTokens(path, s); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("a new tokens file is %v", info.Mode().Perm())
	}
	if _, err := LoadTokens(path, s); err != nil {
		t.Errorf("the tokens file it wrote: %v", err)
	}
	// A tokens file that cannot be written (a folder where its temporary
	// file would go stands for a full disk) still gives working tokens.
	ro := filepath.Join(dir, "gone", "x.tokens")
	tokens, err := LoadTokens(ro, s)
	var nk *NotKeptError
	if !errors.As(err, &nk) || len(tokens.Facilitator) != 32 {
		t.Errorf("tokens that could not be kept: %v, %+v", err, tokens)
	}
}
