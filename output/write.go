package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

// File is one output file's name (within the output folder) and bytes.
type File struct {
	Name string
	Data []byte
}

// rename is os.Rename; tests replace it to fail part way.
var rename = os.Rename

// tempFile matches the temporary files WriteAll makes: ".NAME.DIGITS.tmp"
// for new files and ".NAME.DIGITS.old.tmp" for the ones they replace.
var tempFile = regexp.MustCompile(`^\..+\.\d+(\.old)?\.tmp$`)

// WriteAll writes every file into dir, all or nothing. Each file is written
// to a temporary file in dir first and synced; every target is checked;
// then the files a build replaces are moved aside, the new ones renamed into
// place, and the old ones removed. If a rename still fails, what was moved
// aside is put back, so dir holds the previous build whole. Two builds into
// one folder take turns: the write phase holds a lock on the folder.
func WriteAll(ctx context.Context, dir string, files []File) (err error) {
	created, err := makeDir(dir)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	defer func() {
		// A failed build leaves no folder behind that it made.
		if err != nil {
			for i := len(created) - 1; i >= 0; i-- {
				os.Remove(created[i])
			}
		}
	}()
	unlock, err := lockDir(dir)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	defer unlock()
	removeStale(dir)
	files = append([]File(nil), files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	if err := checkTargets(dir, files); err != nil {
		return err
	}
	temps := make([]string, 0, len(files))
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	for _, f := range files {
		tmp, err := writeTemp(dir, f)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			return err
		}
	}
	// Interrupted before the renames: remove the temporary files and leave
	// the folder as it was.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted; nothing was written: %w", err)
	}
	return place(dir, files, temps)
}

// makeDir makes dir and any missing parents, and returns the folders it
// made, outermost first.
func makeDir(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append([]string{d}, missing...)
		if filepath.Dir(d) == d {
			break
		}
	}
	return missing, os.MkdirAll(dir, 0o755)
}

func writeTemp(dir string, f File) (string, error) {
	tmp, err := os.CreateTemp(dir, "."+f.Name+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("output folder: %w", err)
	}
	_, werr := tmp.Write(f.Data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return tmp.Name(), fmt.Errorf("writing %s: %w", f.Name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return tmp.Name(), fmt.Errorf("writing %s: %w", f.Name, err)
	}
	return tmp.Name(), nil
}

// checkTargets refuses, before anything is written, a target that a file
// cannot replace: a folder, a link, a device.
func checkTargets(dir string, files []File) error {
	var errs []error
	for _, f := range files {
		info, err := os.Lstat(filepath.Join(dir, f.Name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", f.Name, err))
		case info.IsDir():
			errs = append(errs, fmt.Errorf("%s exists and is a folder, not a file; move it away", filepath.Join(dir, f.Name)))
		case !info.Mode().IsRegular():
			errs = append(errs, fmt.Errorf("%s exists and is not a plain file (a link, a device); move it away", filepath.Join(dir, f.Name)))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

// place moves the previous files aside, renames the new ones into place and
// removes the old ones; on a failure it puts the old ones back.
func place(dir string, files []File, temps []string) error {
	type moved struct{ target, aside string }
	var aside []moved
	var placed []string
	undo := func(cause error) error {
		for _, p := range placed {
			os.Remove(p)
		}
		var lost []error
		for _, m := range aside {
			if err := rename(m.aside, m.target); err != nil {
				lost = append(lost, fmt.Errorf("could not restore %s (it is at %s): %w", m.target, m.aside, err))
			}
		}
		if len(lost) > 0 {
			return errors.Join(append([]error{cause}, lost...)...)
		}
		return fmt.Errorf("%w; the previous files are back in place", cause)
	}
	for i, f := range files {
		target := filepath.Join(dir, f.Name)
		if _, err := os.Lstat(target); err == nil {
			old := temps[i][:len(temps[i])-len(".tmp")] + ".old.tmp"
			if err := rename(target, old); err != nil {
				return undo(fmt.Errorf("cannot replace %s: %w", f.Name, err))
			}
			aside = append(aside, moved{target, old})
		}
	}
	for i, f := range files {
		target := filepath.Join(dir, f.Name)
		if err := rename(temps[i], target); err != nil {
			return undo(fmt.Errorf("placing %s: %w", f.Name, err))
		}
		placed = append(placed, target)
	}
	for _, m := range aside {
		os.Remove(m.aside)
	}
	return nil
}

// removeStale deletes temporary files that a killed build left behind.
// Called with the folder locked, so no other build is writing them.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && tempFile.MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
