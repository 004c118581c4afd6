package scenarios

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

// Load reads and validates the scenario file at path, its text held to
// what p prints (nil: what every PDF can embed).
func Load(path string, p rules.Printing) (*Session, error) {
	return LoadContext(context.Background(), path, p)
}

// LoadContext is Load that stops when ctx is cancelled (Ctrl-C).
func LoadContext(ctx context.Context, path string, p rules.Printing) (*Session, error) {
	return LoadSeen(ctx, path, p, nil)
}

// LoadSeen is LoadContext that calls seen with the path of every file the
// scenario reads (itself, its catalogs, its data files), whether or not
// it validates: propdeck edit watches them, and a mistake in the
// scenario must not make it forget a catalog.
func LoadSeen(ctx context.Context, path string, p rules.Printing, seen func(string)) (*Session, error) {
	if seen == nil {
		seen = func(string) {}
	}
	seen(path)
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &tomlfile.Errors{{File: path, Text: text.M("no-such-file")}}
		}
		return nil, &tomlfile.Errors{tomlfile.ErrorIn(path, tomlfile.Pos{}, err)}
	}
	if info.IsDir() {
		return nil, &tomlfile.Errors{{File: path, Text: text.M("folder-not-scenario")}}
	}
	data, err := input.Read(ctx, path, rules.MaxScenarioBytes)
	if err != nil {
		return nil, &tomlfile.Errors{tomlfile.ErrorIn(path, tomlfile.Pos{}, err)}
	}
	return parse(ctx, path, data, rules.DirSource(filepath.Dir(path)), p, seen)
}

// Parse decodes and validates a scenario held in data; name is used in
// messages, p is as for Load.
func Parse(name string, data []byte, src rules.Source, p rules.Printing) (*Session, error) {
	return parse(context.Background(), name, data, src, p, func(string) {})
}

func parse(ctx context.Context, name string, data []byte, src rules.Source, p rules.Printing, seen func(string)) (*Session, error) {
	w, err := rules.Read(ctx, name, data, src, p, seen)
	if err != nil {
		return nil, err
	}
	return newSession(w, rules.OrEmbeddable(p)), nil
}

// LoadCatalog reads a catalog file on its own, for checking its links: its
// roles and systems, validated as a scenario's would be, with relative
// runbooks resolved against the catalog's runbooks.
func LoadCatalog(path string, p rules.Printing) (*Session, error) {
	return catalogSession(rules.ReadCatalog(path, false, p))(p)
}

// CheckCatalog validates a catalog file on its own, as validate does: a
// relative runbook is fine, since each scenario that includes the catalog
// gives it a base.
func CheckCatalog(path string, p rules.Printing) (*Session, error) {
	return catalogSession(rules.ReadCatalog(path, true, p))(p)
}

// ParseCatalog checks a catalog held in data, as LoadCatalog checks one
// on disk; name is used in messages. It may not include other files.
func ParseCatalog(name string, data []byte, p rules.Printing) (*Session, error) {
	return catalogSession(rules.ReadCatalogData(name, data, p))(p)
}

// catalogSession is a catalog read on its own as a session of its roles
// and systems.
func catalogSession(w *written.Scenario, err error) func(rules.Printing) (*Session, error) {
	return func(p rules.Printing) (*Session, error) {
		if err != nil {
			return nil, err
		}
		return newSession(w, rules.OrEmbeddable(p)), nil
	}
}
