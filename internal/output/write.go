package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/propdeck/propdeck/internal/text"
)

// File is one output file's name (within the output folder) and bytes.
type File struct {
	Name string
	Data []byte
}

// rename is os.Rename; tests replace it to fail part way.
var rename = os.Rename

// WriteAll writes every file into dir, all or nothing: a kill at any
// instant leaves the previous set whole, or a transaction the next write
// into dir finishes (see commit.go). Two writers into one folder take
// turns: the whole write holds a lock on the folder.
func WriteAll(ctx context.Context, dir string, files []File) (err error) {
	t, err := Begin(ctx, dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			t.Abort()
		}
	}()
	files = append([]File(nil), files...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	if err := t.checkTargets(files); err != nil {
		return err
	}
	for _, f := range files {
		if err := t.Add(f); err != nil {
			return err
		}
	}
	return t.Commit()
}

// Update is WriteAll of what edit makes while dir is locked: edit reads
// the files it changes and returns their new text (nil writes nothing),
// so that two commands editing one file never lose each other's edit.
func Update(ctx context.Context, dir string, edit func() ([]File, error)) (err error) {
	t, err := Begin(ctx, dir)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			t.Abort()
		}
	}()
	files, err := edit()
	if err != nil {
		return err
	}
	if files == nil {
		t.Abort()
		return nil
	}
	for _, f := range files {
		if err := t.Add(f); err != nil {
			return err
		}
	}
	return t.Commit()
}

// ErrExists is WriteNew's refusal of a target that is already there.
var ErrExists = text.Fail("out-exists")

// WriteNew is WriteAll for files that must not replace anything: a file
// the user edits (a scenario, a record). Any target already there, even a
// dangling link, refuses the whole write before a byte is written; a link
// is never followed, so nothing lands outside dir.
func WriteNew(ctx context.Context, dir string, files []File) error {
	var errs []error
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			return err
		}
		if _, err := os.Lstat(filepath.Join(dir, f.Name)); err == nil {
			errs = append(errs, text.Fail("out-never-overwrites", "path", filepath.Join(dir, f.Name), "err", ErrExists))
		}
	}
	if len(errs) > 0 {
		return allErrors(errs)
	}
	return WriteAll(ctx, dir, files)
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

// checkName refuses a name that is not one plain entry of the folder.
func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, stagePrefix) {
		return text.Fail("out-bad-name", "name", name)
	}
	return nil
}

// checkTargets refuses, before anything is written, a target that a file
// cannot replace: a folder, a link, a device.
func (t *Txn) checkTargets(files []File) error {
	var errs []error
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			errs = append(errs, err)
			continue
		}
		if err := checkTarget(t.dir, f.Name); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return allErrors(errs)
}

func checkTarget(dir, name string) error {
	info, err := os.Lstat(filepath.Join(dir, name))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", name, err)
	case info.IsDir():
		return text.Fail("out-target-folder", "path", filepath.Join(dir, name))
	case !info.Mode().IsRegular():
		return text.Fail("out-target-special", "path", filepath.Join(dir, name))
	}
	return nil
}

// allErrors is every refusal of one write, each on its line, said in the
// reader's language; errors.Is and errors.As see each.
type allErrors []error

func (es allErrors) Error() string { return es.Message().String() }

func (es allErrors) Unwrap() []error { return es }

// Message is every refusal's words, one a line.
func (es allErrors) Message() text.Message {
	var ms []text.Message
	for i, err := range es {
		if i > 0 {
			ms = append(ms, text.M("list-newline"))
		}
		ms = append(ms, text.M("as-error", "err", err))
	}
	return text.M("as-list", "items", ms)
}
