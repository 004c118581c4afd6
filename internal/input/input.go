// Package input reads every file propdeck is given, with the same guards
// for every file kind: a regular file only (a FIFO could block forever, a
// device never end), a size cap, a clear message, and cancellation.
package input

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"

	"github.com/propdeck/propdeck/internal/text"
)

// MaxBytes is the most propdeck reads of one file: a scenario of 30,000
// clues is about 6 MB.
const MaxBytes = 16 << 20

// The kinds of failure, for errors.Is within propdeck's own tests and the
// messages.
var (
	errNotRegular = text.Fail("read-kind-not-regular")
	errTooLarge   = text.Fail("read-kind-too-large")
	errIsFolder   = text.Fail("read-kind-folder")
	errNotOwn     = text.Fail("read-kind-not-own")
)

// readError is a read that failed; its message reads after the file's name
// ("FILE: is larger than 16 MB, …").
type readError struct {
	Kind error // errNotRegular, errTooLarge, errIsFolder, fs.ErrNotExist, context.Canceled, or the system's error
	msg  text.Message
}

func (e *readError) Error() string { return e.msg.String() }

// Message is the error's words, to be said in the reader's language.
func (e *readError) Message() text.Message { return e.msg }
func (e *readError) Unwrap() error         { return e.Kind }

// ID tells files apart by what they are, not by the name they were reached
// under: two hard links, or a path through a symlinked folder, are one ID.
type ID struct{ dev, ino uint64 }

// Read reads the regular file at path, of at most limit bytes.
func Read(ctx context.Context, path string, limit int64) ([]byte, error) {
	data, _, err := ReadID(ctx, path, limit)
	return data, err
}

// ReadID reads like Read and also returns the file's identity.
func ReadID(ctx context.Context, path string, limit int64) ([]byte, ID, error) {
	// Stat first: opening a FIFO blocks until something writes to it.
	info, err := os.Stat(path)
	if err != nil {
		return nil, ID{}, statError(err)
	}
	if err := regular(info); err != nil {
		return nil, ID{}, err
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, ID{}, statError(err)
	}
	defer f.Close()
	// The name may have been swapped for a FIFO since the Stat: check
	// what was opened.
	if info, err = f.Stat(); err != nil {
		return nil, ID{}, &readError{Kind: err, msg: text.M("read-cannot", "err", err.Error())}
	}
	if err := regular(info); err != nil {
		return nil, ID{}, err
	}
	if info.Size() > limit {
		return nil, ID{}, tooBig(limit)
	}
	data, err := readAll(ctx, f, limit, info.Size())
	return data, idOf(info), err
}

// ReadOwn reads like Read a file that holds a secret (a session's
// tokens): the file itself, never a symlink at path; a regular file; and
// the user's own, so that another user's planted file is not trusted.
func ReadOwn(ctx context.Context, path string, limit int64) ([]byte, error) {
	f, err := openOwn(path)
	if err != nil {
		if isLink(path) {
			return nil, &readError{Kind: errNotRegular, msg: text.M("read-link")}
		}
		return nil, statError(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &readError{Kind: err, msg: text.M("read-cannot", "err", err.Error())}
	}
	if err := regular(info); err != nil {
		return nil, err
	}
	if !ownedByUser(info) {
		return nil, &readError{Kind: errNotOwn, msg: text.M("read-not-own")}
	}
	if info.Size() > limit {
		return nil, tooBig(limit)
	}
	return readAll(ctx, f, limit, info.Size())
}

func isLink(path string) bool {
	info, err := os.Lstat(path)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}

// readAll reads in chunks so that Ctrl-C stops a slow read (a network
// file system) between two of them. size is the file's size as it was
// stated: the buffer starts that big (and one byte more, to see the end
// without growing), since a fixed 1 MB chunk made reading 5,000 small
// records of a programme allocate 5 GB.
func readAll(ctx context.Context, r io.Reader, limit, size int64) ([]byte, error) {
	const chunk = 1 << 20
	data := make([]byte, 0, min(max(size, 0), limit)+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, &readError{Kind: err, msg: text.M("read-interrupted")}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew: let append pick the next size
		}
		n, err := r.Read(data[len(data):min(cap(data), len(data)+chunk)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, tooBig(limit)
		}
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return nil, &readError{Kind: err, msg: text.M("read-cannot", "err", err.Error())}
		}
	}
}

func statError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return &readError{Kind: fs.ErrNotExist, msg: text.M("read-no-such-file")}
	}
	return &readError{Kind: err, msg: text.M("read-cannot", "err", err.Error())}
}

func regular(info fs.FileInfo) error {
	m := info.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return &readError{Kind: errIsFolder, msg: text.M("read-folder")}
	}
	return &readError{Kind: errNotRegular, msg: text.M("read-not-regular", "kind", kindOf(m))}
}

func kindOf(m fs.FileMode) text.Message {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return text.M("file-kind-fifo")
	case m&fs.ModeSocket != 0:
		return text.M("file-kind-socket")
	case m&fs.ModeDevice != 0:
		return text.M("file-kind-device")
	}
	return text.M("file-kind-other")
}

func tooBig(limit int64) error {
	return &readError{Kind: errTooLarge, msg: text.M("read-too-large", "mb", limit>>20)}
}

// Known reports whether the system told the file's identity; where it
// cannot, callers tell files apart by their cleaned path.
func (id ID) Known() bool { return id != ID{} }

// IDOf is the identity of a file already stat'ed.
func IDOf(info fs.FileInfo) ID { return idOf(info) }
