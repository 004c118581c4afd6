//go:build unix

package output

import (
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock on the folder itself for the
// write phase, waiting while another build holds it. No lock file is left
// in the folder, and the kernel drops the lock when a build dies, so no
// stale lock can block the next one.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock: %w", err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
