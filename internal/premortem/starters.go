package premortem

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// File is a file to write: a starter, or the schema beside them.
type File struct {
	Name string
	Data []byte
}

// StarterRequest asks for the starter scenarios of a premortem record.
type StarterRequest struct {
	Record  string // the record's path, for messages
	Data    []byte // the record
	Dir     string // where the starters will live
	Catalog string // a catalog for them to include, or ""
	Lang    string // their language; "" for the record's
	// Printing is what the decks print: the record's text and the
	// starters are held to it (nil: what every PDF can embed).
	Printing rules.Printing
}

// Starters makes one starter scenario per picked idea of a record, each
// checked to validate where it will live, and the schema they name when
// the folder has none. Ids that clash get -2, -3, ….
func Starters(req StarterRequest) ([]File, error) {
	rec, err := parseRecord(req.Record, req.Data, req.Printing)
	if err != nil {
		return nil, err
	}
	lang := req.Lang
	if lang == "" {
		lang = rec.lang()
	}
	include, err := includePath(req.Dir, req.Catalog)
	if err != nil {
		return nil, err
	}
	var files []File
	bgs := rec.backgrounds()
	used := map[string]bool{}
	for _, idea := range rec.Picks() {
		id := rec.StarterID(idea)
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s-%d", strings.TrimSuffix(id, fmt.Sprintf("-%d", n-1)), n)
		}
		used[id] = true
		f, err := starterFile(req, bgs[idea.ID], idea, id, lang, include)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if _, err := os.Lstat(filepath.Join(req.Dir, "scenario.schema.json")); errors.Is(err, fs.ErrNotExist) {
		files = append(files, File{Name: "scenario.schema.json", Data: rules.Schema()})
	}
	return files, nil
}

// includePath is the catalog as the starters in dir include it.
func includePath(dir, catalog string) (string, error) {
	if catalog == "" {
		return "", nil
	}
	abs, _ := filepath.Abs(catalog)
	absDir, _ := filepath.Abs(dir)
	include, err := filepath.Rel(absDir, abs)
	if err != nil {
		return "", text.Fail("premortem-catalog-path", "err", err)
	}
	return filepath.ToSlash(include), nil
}

// starterFile is one idea's starter, refused when it would be too large to
// read back or does not validate where it will live.
func starterFile(req StarterRequest, bg background, idea Idea, id, lang, include string) (File, error) {
	data := starterText(bg, idea, id, lang, include)
	name := id + ".toml"
	if len(data) > rules.MaxScenarioBytes {
		return File{}, text.Fail("premortem-starter-too-large", "record", req.Record, "id", idea.ID, "size", len(data)>>20, "max", rules.MaxScenarioBytes>>20)
	}
	if _, err := scenarios.Parse(filepath.Join(req.Dir, name), []byte(data), rules.DirSource(req.Dir), req.Printing); err != nil {
		return File{}, text.Fail("premortem-starter-invalid", "id", idea.ID, "err", err)
	}
	return File{Name: name, Data: []byte(data)}, nil
}
