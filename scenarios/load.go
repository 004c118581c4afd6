package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Source is where a scenario's own files (log excerpts, metric exports) are
// read from: a folder on disk, or the examples embedded in the binary.
type Source interface {
	// ReadFile reads a file named relative to the scenario, refusing any
	// name that leads outside the scenario's folder.
	ReadFile(name string) ([]byte, error)
}

// Load reads and validates the scenario file at path.
func Load(path string) (*Scenario, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Errors{{File: path, Msg: "no such file"}}
		}
		return nil, &Errors{{File: path, Msg: err.Error()}}
	}
	if info.IsDir() {
		return nil, &Errors{{File: path, Msg: "is a folder, not a scenario file"}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Errors{{File: path, Msg: fmt.Sprintf("cannot read: %v", err)}}
	}
	return Parse(path, data, DirSource(filepath.Dir(path)))
}

// Parse decodes and validates a scenario held in data; name is used in
// messages.
func Parse(name string, data []byte, src Source) (*Scenario, error) {
	if !utf8.Valid(data) {
		line := 1 + strings.Count(string(data[:firstInvalid(data)]), "\n")
		return nil, &Errors{{File: name, Pos: Pos{Line: line}, Msg: "the file is not valid UTF-8; save it as UTF-8"}}
	}
	var tree map[string]any
	if _, err := toml.Decode(string(data), &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.Usage != "" {
				msg += " (" + firstLine(pe.Usage) + ")"
			}
			return nil, &Errors{{File: name, Pos: Pos{pe.Position.Line, pe.Position.Col}, Msg: "TOML syntax: " + msg}}
		}
		return nil, &Errors{{File: name, Msg: "TOML syntax: " + err.Error()}}
	}
	d := &decoder{file: name, tree: tree, pos: locate(string(data))}
	s := &Scenario{File: name}
	d.table("", tree, reflect.ValueOf(s).Elem())
	v := &validator{decoder: d, s: s, src: src}
	v.validate()
	if len(d.errs) > 0 {
		errs := d.errs.sorted()
		return nil, &errs
	}
	return s, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// DirSource reads files below one folder on disk.
type DirSource string

// ReadFile refuses absolute names, names that climb out with "..", and
// symbolic links that resolve outside the folder.
func (d DirSource) ReadFile(name string) ([]byte, error) {
	if name == "" {
		return nil, errors.New("empty file name")
	}
	if filepath.IsAbs(name) || strings.HasPrefix(name, "/") || strings.HasPrefix(name, `\`) || filepath.VolumeName(name) != "" {
		return nil, fmt.Errorf("%q is an absolute path; give a path relative to the scenario file", name)
	}
	clean := filepath.Clean(filepath.FromSlash(name))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%q lies outside the scenario's folder", name)
	}
	root, err := filepath.EvalSymlinks(string(d))
	if err != nil {
		return nil, fmt.Errorf("scenario folder: %w", err)
	}
	full := filepath.Join(root, clean)
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%q does not exist (looked in %s)", name, string(d))
		}
		return nil, fmt.Errorf("%q: %v", name, err)
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%q is a link to %s, outside the scenario's folder", name, real)
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("%q: %v", name, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%q is a folder, not a file", name)
	}
	data, err := os.ReadFile(real)
	if err != nil {
		return nil, fmt.Errorf("%q cannot be read: %v", name, err)
	}
	return data, nil
}

// FSSource reads files from a file system, below dir.
type FSSource struct {
	FS  fs.FS
	Dir string
}

// ReadFile reads a name relative to the scenario inside the file system.
func (s FSSource) ReadFile(name string) ([]byte, error) {
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(name)))
	if strings.HasPrefix(name, "/") || clean == ".." || strings.HasPrefix(clean, "../") {
		return nil, fmt.Errorf("%q lies outside the scenario's folder", name)
	}
	data, err := fs.ReadFile(s.FS, pathJoin(s.Dir, clean))
	if err != nil {
		return nil, fmt.Errorf("%q does not exist", name)
	}
	return data, nil
}

func pathJoin(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return dir + "/" + name
}
