package studio

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestWatchFollowsSaves: an editor's atomic save (a temporary file renamed
// over the scenario) and a file written in two pieces are both read again,
// the last reading holding what was saved last. Each step waits for the
// reading it needs, never for a time.
func TestWatchFollowsSaves(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "s.toml")
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(path, "one")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	read := make(chan string, 64)
	done := make(chan struct{})
	w, err := newWatcher([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(done)
		w.run(ctx, func() []string {
			data, _ := os.ReadFile(path)
			read <- string(data)
			return []string{path}
		})
	}()
	until := func(want string) {
		t.Helper()
		for got := range read {
			if got == want {
				return
			}
		}
	}
	read <- "one"
	until("one")
	// The atomic save: the old file is replaced, not written.
	tmp := filepath.Join(dir, ".s.toml.swp")
	write(tmp, "two")
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	until("two")
	// A half-written file is read as it is, then again when it is whole.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("thr"); err != nil {
		t.Fatal(err)
	}
	f.Sync()
	if _, err := f.WriteString("ee"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	until("three")
	// Saved again after the rename, the new file is still followed.
	write(path, "four")
	until("four")
	cancel()
	<-done
}
