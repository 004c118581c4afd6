package output

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/propdeck/propdeck/internal/text"
)

// ErrHeld is TryLock's answer when another open file holds the lock.
var ErrHeld = text.Fail("out-held")

// WritePrivate writes one small file readable by the user only (a
// session's tokens, a console's description), whole or not at all: into a
// new file beside it, synced, then renamed over it. A symlink at path is
// replaced, never followed, so the bytes never land anywhere else; a
// failed write leaves what was there before.
func WritePrivate(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp") // 0600, O_EXCL
	if err != nil {
		return text.Fail("out-writing", "path", path, "err", err)
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	_, werr := f.Write(data)
	serr := f.Sync()
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		return text.Fail("out-writing", "path", path, "err", err)
	}
	if err := rename(f.Name(), path); err != nil {
		return text.Fail("out-writing", "path", path, "err", err)
	}
	syncDir(dir)
	return nil
}
