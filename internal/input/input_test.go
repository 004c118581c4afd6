//go:build unix

package input

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestReadRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	big := filepath.Join(dir, "big")
	os.WriteFile(big, make([]byte, 2<<20), 0o644)
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("ok"), 0o644)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		ctx  context.Context
		path string
		kind error
	}{
		{context.Background(), "/dev/zero", errNotRegular},
		{context.Background(), fifo, errNotRegular},
		{context.Background(), big, errTooLarge},
		{context.Background(), dir, errIsFolder},
		{context.Background(), filepath.Join(dir, "missing"), fs.ErrNotExist},
		{cancelled, small, context.Canceled},
	} {
		_, err := Read(tc.ctx, tc.path, 1<<20)
		if !errors.Is(err, tc.kind) {
			t.Errorf("%s: %v, want %v", tc.path, err, tc.kind)
		}
	}
	data, id, err := ReadID(context.Background(), small, 1<<20)
	if err != nil || string(data) != "ok" || !id.Known() {
		t.Errorf("%q %v %v", data, id, err)
	}
	os.Link(small, filepath.Join(dir, "again"))
	if _, id2, _ := ReadID(context.Background(), filepath.Join(dir, "again"), 1<<20); id2 != id {
		t.Error("a hard link has another identity")
	}
}
