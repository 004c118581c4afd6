//go:build unix

package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/tomlfile"
)

// TestSpecialFilesAreRefusedUnread: a FIFO as a scenario or a data file,
// and a device, are refused before propdeck reads (and blocks on) them.
func TestSpecialFilesAreRefusedUnread(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.log")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	scenario := filepath.Join(dir, "s.toml")
	os.WriteFile(scenario, []byte(minimalWith(`
[[clues]]
id = "c1"
at = "T+0"
title = "logs"
  [clues.log]
  file = "pipe.log"
`)), 0o644)
	done := make(chan error, 3)
	go func() { _, err := Load(fifo, nil); done <- err }()
	go func() { _, err := Load(scenario, nil); done <- err }()
	go func() { _, err := Load("/dev/zero", nil); done <- err }()
	for range 3 {
		select {
		case err := <-done:
			var es *tomlfile.Errors
			if !errors.As(err, &es) || !strings.Contains(err.Error(), "is not a regular file") {
				t.Errorf("error %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("reading a FIFO or a device blocked")
		}
	}
}
