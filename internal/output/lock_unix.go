//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"

	"github.com/propdeck/propdeck/internal/text"
)

// lockDir takes an exclusive advisory lock on the folder itself for the
// write phase, waiting while another build holds it. No lock file is left
// in the folder, and the kernel drops the lock when a build dies, so no
// stale lock can block the next one.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, text.Fail("out-lock", "err", err)
	}
	if err := flock(f, true); err != nil {
		f.Close()
		return nil, text.Fail("out-lock", "err", err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// TryLock takes an exclusive advisory lock on an open file without
// waiting, for as long as the file stays open: ErrHeld when another open
// of it holds the lock, in another process or in this one (flock locks
// belong to an open file description). The kernel drops the lock when the
// file is closed or its process dies, so a killed holder never leaves a
// stale lock.
func TryLock(f *os.File) error { return flock(f, false) }

func flock(f *os.File, wait bool) error {
	how := syscall.LOCK_EX
	if !wait {
		how |= syscall.LOCK_NB
	}
	for {
		err := syscall.Flock(int(f.Fd()), how)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return ErrHeld
		}
		return err
	}
}
