package input

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/propdeck/propdeck/internal/text"
)

// OpenJournal opens an append-only journal (a session's, a premortem's)
// for reading and appending, created readable by the user only. A
// symlink at its name is refused, so the journal never appends to a file
// a link points at, a FIFO is never waited on, and anything but a regular
// file is refused.
func OpenJournal(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND|NoFollow, 0o600)
	if err != nil {
		return nil, nil, text.Fail("journal-open", "path", path, "err", err, "hint", linkHint(path))
	}
	info, err := f.Stat()
	if err == nil {
		if err = regular(info); err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// linkHint explains the error NoFollow gives a symlink.
func linkHint(path string) text.Message {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return text.M("journal-link")
	}
	return text.Message{}
}

// Private takes from an open journal every permission others had, since
// it holds what the room said; it reports the mode before and after when
// it changed one.
func Private(f *os.File, info fs.FileInfo) (was, now fs.FileMode, changed bool) {
	perm := info.Mode().Perm()
	if perm&0o077 == 0 {
		return perm, perm, false
	}
	if err := f.Chmod(perm &^ 0o077); err != nil {
		return perm, perm, false
	}
	return perm, perm &^ 0o077, true
}
