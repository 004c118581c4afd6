// Package text holds every word propdeck says in a language, as data: one
// catalog per language, a folder of TOML files embedded in the binary
// (labels, the premortem kit, the record template, calibration, the
// starter scenario, premortem starters, complications, prompt cards, the
// console, the journal, boards, the words of drafts an import writes, the
// props' guide and posters, and messages). The languages are the folders:
// adding one is adding a folder, a font that covers it, its line breaking
// if it needs any, and the docs, and no Go.
package text

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"sync"

	"github.com/pelletier/go-toml/v2"

	"github.com/propdeck/propdeck/internal/vocab"
)

//go:embed catalogs
var embedded embed.FS

// Files are the files every catalog has.
var Files = []string{"labels", "kit", "record", "calibration", "template", "starter", "complications", "prompts", "console", "journal", "board", "draft", "programme", "ideas", "studio", "props", "messages"}

var (
	mu       sync.RWMutex
	catalogs = map[string]fs.FS{}
	decoded  sync.Map // lang + "/" + name + type -> decoded value
)

// The languages are the catalog folders: a language is added by adding
// its folder, and no list in Go names it.
func init() {
	dirs, err := fs.ReadDir(embedded, "catalogs")
	if err != nil {
		panic(err)
	}
	var langs []string
	for _, d := range dirs {
		sub, err := fs.Sub(embedded, "catalogs/"+d.Name())
		if err != nil {
			panic(err)
		}
		catalogs[d.Name()] = sub
		langs = append(langs, d.Name())
	}
	// English first: the default, as every list puts its default.
	slices.SortStableFunc(langs, func(a, b string) int { return boolCmp(a != "en", b != "en") })
	vocab.SetLanguages(langs)
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Register adds the catalog of a language, such as a pseudo-locale a test
// builds every deck in, and makes the language one files may name.
func Register(lang string, fsys fs.FS) {
	mu.Lock()
	defer mu.Unlock()
	catalogs[lang] = fsys
	if !slices.Contains(vocab.Language.Values, lang) {
		vocab.SetLanguages(append(slices.Clone(vocab.Language.Values), lang))
	}
}

// Raw is a catalog file as it is, English for a language without it.
func Raw(lang, name string) []byte {
	mu.RLock()
	fsys, ok := catalogs[lang]
	if !ok {
		fsys = catalogs["en"]
	}
	mu.RUnlock()
	data, err := fs.ReadFile(fsys, name+".toml")
	if err != nil {
		// Every catalog has every file (a test holds them to it).
		panic(fmt.Sprintf("text: %s/%s.toml: %v", lang, name, err))
	}
	return data
}

// Load decodes a catalog file into dst, strictly: a key the Go type does
// not have is a defect of the catalog. Results are kept per language,
// file and type, so that every deck reads a catalog once.
func Load[T any](lang, name string) T {
	key := fmt.Sprintf("%s/%s/%T", lang, name, *new(T))
	if v, ok := decoded.Load(key); ok {
		return v.(T)
	}
	var v T
	dec := toml.NewDecoder(bytes.NewReader(Raw(lang, name)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		panic(fmt.Sprintf("text: %s/%s.toml: %v", lang, name, err))
	}
	decoded.Store(key, v)
	return v
}
