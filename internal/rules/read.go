package rules

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

// Source is where a scenario's own files (log excerpts, metric exports) are
// read from: a folder on disk, or the examples embedded in the binary.
type Source interface {
	// ReadFile reads a file named relative to the scenario, refusing any
	// name that leads outside the scenario's folder.
	ReadFile(name string) ([]byte, error)
}

// Size limits on what propdeck reads, so that no file can make it read
// until memory runs out. A scenario of 30,000 clues is about 6 MB.
const (
	MaxScenarioBytes = 16 << 20 // a scenario file
	maxDataBytes     = 16 << 20 // a log excerpt or metric export
	maxExcerptLines  = 500      // lines of a log excerpt: a card shows its last ones anyway
	// maxTotalBytes caps everything one scenario reads: the file, its
	// includes and their includes, and its data files. Hard links and
	// symlinked folders cannot multiply it: a file is read once.
	maxTotalBytes = 48 << 20
)

// budget counts the bytes one scenario has read, each file once; its zero
// value is a scenario that has read nothing yet.
type budget struct {
	used int64
	// counted are the files taken already, by identity, so that one file
	// read again (by another clue, through a hard link, as an include and
	// a data file) does not take its size again.
	counted map[fileKey]bool
}

// takeFile takes a file's n bytes unless that file was taken before,
// under any name.
func (b *budget) takeFile(fk fileKey, n int) error {
	if b.counted[fk] {
		return nil
	}
	if b.counted == nil {
		b.counted = map[fileKey]bool{}
	}
	b.counted[fk] = true
	return b.take(n)
}

func (b *budget) take(n int) error {
	b.used += int64(n)
	if b.used > maxTotalBytes {
		return text.Fail("read-budget", "mb", maxTotalBytes>>20)
	}
	return nil
}

// readFile reads a regular file of at most limit bytes, with input's guards.
func readFile(path string, limit int64) ([]byte, error) {
	return input.Read(context.Background(), path, limit)
}

// Read decodes a scenario held in data and holds it to the format's
// rules, reading its includes and data files from src and telling seen
// of each file on disk it reads; every error at once, in the scenario's
// language. What it returns is the written form, checked and completed:
// package scenarios resolves it into a Session.
func Read(ctx context.Context, name string, data []byte, src Source, p Printing, seen func(string)) (*written.Scenario, error) {
	s := &written.Scenario{File: name}
	d, err := tomlfile.Decode(name, data, s, text.M("empty-scenario"))
	if err != nil {
		return nil, errorsIn(err, WrittenLanguage(data))
	}
	v := &validator{Decoder: d, s: s, src: src, ctx: ctx, seen: seen, printing: OrEmbeddable(p)}
	// The scenario's own file counts too, once: a clue reading it as data
	// (or a catalog including it) does not count it again. It alone is
	// within the cap, so there is no error to take.
	_ = v.budget.takeFile(v.rootKey(src), len(data))
	v.includes(src)
	v.validate()
	// Every message in the scenario's language, English for none.
	d.Errs = d.Errs.In(s.Scenario.Language)
	s.Notes = tomlfile.Errors(s.Notes).In(s.Scenario.Language)
	if err := d.Errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// languageLine is how a scenario names its language, for a file whose
// TOML cannot be read: its errors are said in the language it names.
var languageLine = regexp.MustCompile(`(?m)^[ \t]*language[ \t]*=[ \t]*["']([a-z-]+)["']`)

// WrittenLanguage is the language a scenario file names, "" for none: read
// from its text, for a file whose TOML may not read.
func WrittenLanguage(data []byte) string {
	if m := languageLine.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// errorsIn says err in lang when it is a file's errors.
func errorsIn(err error, lang string) error {
	var es *tomlfile.Errors
	if errors.As(err, &es) {
		in := es.In(lang)
		return &in
	}
	return err
}

// DirSource reads files below one folder on disk.
type DirSource string

// ReadFile refuses absolute names, names that climb out with "..", and
// symbolic links that resolve outside the folder.
func (d DirSource) ReadFile(name string) ([]byte, error) {
	if name == "" {
		return nil, text.Fail("file-name-empty")
	}
	if filepath.IsAbs(name) || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || filepath.VolumeName(name) != "" {
		return nil, text.Fail("file-absolute", "name", name)
	}
	clean := filepath.Clean(filepath.FromSlash(name))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return nil, text.Fail("file-outside", "name", name)
	}
	root, err := filepath.EvalSymlinks(string(d))
	if err != nil {
		return nil, text.Fail("scenario-folder", "err", err)
	}
	full := filepath.Join(root, clean)
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, text.Fail("file-missing-in", "name", name, "dir", string(d))
		}
		return nil, fmt.Errorf("%q: %v", name, err)
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, text.Fail("file-link-outside", "name", name, "target", real)
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("%q: %v", name, err)
	}
	if info.IsDir() {
		return nil, text.Fail("file-is-folder", "name", name)
	}
	data, err := readFile(real, maxDataBytes)
	if err != nil {
		return nil, fmt.Errorf("%q %v", name, err)
	}
	return data, nil
}

// FSSource reads a scenario's files from fsys, below dir (the examples
// embedded in the binary).
func FSSource(fsys fs.FS, dir string) Source { return fsSource{FS: fsys, Dir: dir} }

// ReferenceURL is where the format reference of this version is published;
// the same file ships in the repository as docs/scenario-format.md.
const ReferenceURL = "https://github.com/propdeck/propdeck/blob/main/docs/scenario-format.md"

// fsSource reads files from a file system, below dir.
type fsSource struct {
	FS  fs.FS
	Dir string
}

// ReadFile reads a name relative to the scenario inside the file system.
func (s fsSource) ReadFile(name string) ([]byte, error) {
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(name)))
	if strings.HasPrefix(name, "/") || clean == ".." || strings.HasPrefix(clean, "../") {
		return nil, text.Fail("file-outside", "name", name)
	}
	data, err := fs.ReadFile(s.FS, pathJoin(s.Dir, clean))
	if err != nil {
		return nil, text.Fail("file-missing", "name", name)
	}
	return data, nil
}

func pathJoin(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return dir + "/" + name
}

// DecodeFileKeyed decodes any other file kind strictly into dst, as
// scenarios and records are: every unknown key and wrong type at its
// line, every string held to the scenario's character rule with what p
// prints. check, when given, adds the kind's own rules, whose words are
// message keys so that they are said in the reader's language. All
// errors come back together.
func DecodeFileKeyed(name string, data []byte, dst any, p Printing, emptyHint text.Message, check func(Check)) error {
	_, err := DecodeFileKeys(name, data, dst, p, emptyHint, check)
	return err
}

// DecodeFileKeys is DecodeFileKeyed that also says where each key, header and
// [[array]] entry was written ("action.3.status"), for a file kind that
// propdeck edits in place: it changes the lines of one entry, never the
// rest of a file people edit too.
func DecodeFileKeys(name string, data []byte, dst any, p Printing, emptyHint text.Message, check func(Check)) (map[string]tomlfile.Pos, error) {
	d, err := tomlfile.Decode(name, data, dst, emptyHint)
	if err != nil {
		return nil, err
	}
	// Every file kind's text is printed somewhere: the scenario's rule
	// for characters (no controls, only what p prints) holds.
	v := &validator{Decoder: d, s: &written.Scenario{}, printing: OrEmbeddable(p)}
	v.text("", reflect.ValueOf(dst).Elem(), text.Message{})
	if check != nil {
		check(Check{v})
	}
	return d.Positions, d.Errs.Err()
}
