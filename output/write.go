package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// File is one output file's name (within the output folder) and bytes.
type File struct {
	Name string
	Data []byte
}

// WriteAll writes every file into dir: each to a temporary file in dir
// first, synced, and only when all are written, renamed into place. A build
// that fails before the renames leaves dir as it was.
func WriteAll(ctx context.Context, dir string, files []File) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	files = append([]File(nil), files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	temps := make([]string, 0, len(files))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	for _, f := range files {
		tmp, err := os.CreateTemp(dir, "."+f.Name+".*.tmp")
		if err != nil {
			return fmt.Errorf("output folder: %w", err)
		}
		temps = append(temps, tmp.Name())
		_, werr := tmp.Write(f.Data)
		serr := tmp.Sync()
		cerr := tmp.Close()
		if err := errors.Join(werr, serr, cerr); err != nil {
			return fmt.Errorf("writing %s: %w", f.Name, err)
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.Name, err)
		}
	}
	// Interrupted before the renames: remove the temporary files and leave
	// the folder as it was.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted; nothing was written: %w", err)
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Name)); err != nil {
			return fmt.Errorf("placing %s: %w", f.Name, err)
		}
	}
	temps = nil
	return nil
}
