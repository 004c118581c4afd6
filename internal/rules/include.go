package rules

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

// fileKey tells included files apart by identity (device and inode), so
// that hard links and paths through a symlinked folder are one file; the
// path stands in where the system gives no identity (embedded examples).
type fileKey struct {
	id   input.ID
	path string
}

func keyOf(id input.ID, path string) fileKey {
	if id.Known() {
		return fileKey{id: id}
	}
	return fileKey{path: filepath.Clean(path)}
}

// errNotReadable: an include from a source that has no files of its own.
var errNotReadable = text.Fail("include-not-readable")

// readInclude reads a catalog named relative to the including file's
// folder. Unlike a data file, an include may climb out with "..": an
// organisation keeps its catalog beside its scenarios. It returns the name
// to report errors under, the file's key, and the source the catalog's own
// includes are relative to.
func (v *validator) readInclude(src Source, name string) (string, fileKey, []byte, Source, error) {
	switch s := src.(type) {
	case DirSource:
		full := filepath.Join(string(s), filepath.FromSlash(name))
		if v.seen != nil {
			v.seen(full)
		}
		data, id, err := input.ReadID(v.context(), full, MaxScenarioBytes)
		return full, keyOf(id, full), data, DirSource(filepath.Dir(full)), err
	case fsSource:
		full := path.Clean(path.Join(s.Dir, name))
		data, err := fs.ReadFile(s.FS, full)
		return full, fileKey{path: full}, data, fsSource{FS: s.FS, Dir: path.Dir(full)}, err
	}
	return name, fileKey{path: name}, nil, src, errNotReadable
}

func (v *validator) context() context.Context {
	if v.ctx == nil {
		return context.Background()
	}
	return v.ctx
}

// rootKey is the scenario file's own key, so that a catalog including the
// scenario back (by any name) is a cycle.
func (v *validator) rootKey(src Source) fileKey {
	if _, ok := src.(DirSource); ok {
		if info, err := os.Stat(v.File); err == nil {
			return keyOf(input.IDOf(info), v.File)
		}
	}
	return fileKey{path: filepath.Clean(v.File)}
}

// included is one file on the way down from the scenario to an include.
type included struct {
	key  fileKey
	name string
}

// cyclePath names the files from the scenario down to the one included
// again, under the name that closed the cycle.
func cyclePath(stack []included, again string) string {
	var names []string
	for _, f := range stack {
		names = append(names, f.name)
	}
	return strings.Join(append(names, again), " → ")
}

// statKey is the key of the file an include names in a folder, from its
// identity alone, so that a file already read is not read again; false
// when there is no folder or no identity to tell.
func statKey(src Source, name string) (fileKey, string, bool) {
	dir, ok := src.(DirSource)
	if !ok {
		return fileKey{}, "", false
	}
	full := filepath.Join(string(dir), filepath.FromSlash(name))
	info, err := os.Stat(full)
	if err != nil || !input.IDOf(info).Known() {
		return fileKey{}, "", false
	}
	return keyOf(input.IDOf(info), full), filepath.Clean(full), true
}

// dataKey is the key of a data file a clue names (relative to the
// scenario's folder): its identity where the system gives one, else its
// clean path. The key is taken before the read, so a file swapped in
// between is not told apart; the read's own 16 MB cap still holds for it.
func dataKey(src Source, name string) fileKey {
	if fk, _, ok := statKey(src, name); ok {
		return fk
	}
	if s, ok := src.(fsSource); ok {
		return fileKey{path: path.Join(s.Dir, path.Clean(name))}
	}
	return fileKey{path: filepath.Clean(name)}
}

// again reports whether a file was met before: on the way down to it (a
// cycle, reported) or through another include (skipped: once is enough).
func (in *includer) again(d *tomlfile.Decoder, at, name string, fk fileKey, clean string, stack []included) bool {
	if slices.ContainsFunc(stack, func(f included) bool { return f.key == fk }) {
		in.report(d, at, "include-cycle", "name", name, "cycle", cyclePath(stack, clean))
		return true
	}
	return in.loaded[fk]
}

// includes merges the roles and systems of every catalog the scenario
// includes (and those catalogs include) after the scenario's own, routing
// each merged entry's messages to its own file and line.
func (v *validator) includes(src Source) {
	m := v.s.Scenario
	if len(m.Include) == 0 {
		return
	}
	in := &includer{v: v, loaded: map[fileKey]bool{}}
	root := []included{{v.rootKey(src), filepath.Clean(v.File)}}
	if v.catalogOnly {
		root = nil // the catalog checked on its own is the include itself
	}
	in.load(v.Decoder, "scenario.include", m.Include, src, root)
	v.s.Roles = append(v.s.Roles, only(v, "roles_only", m.RolesOnly, in.roles, func(r written.Role) string { return r.ID })...)
	kept := only(v, "systems_only", m.SystemsOnly, in.systems, func(s written.System) string { return s.ID })
	v.s.Systems = append(v.s.Systems, onTheTable(v.s.Systems, kept, in.systems)...)
}

// includer reads a scenario's catalogs, depth first, each file once.
type includer struct {
	v       *validator
	loaded  map[fileKey]bool
	roles   []written.Role
	systems []written.System
}

// load reads the files a list of includes names, from d's key.
func (in *includer) load(d *tomlfile.Decoder, key string, list []string, src Source, stack []included) {
	for i, name := range list {
		in.loadOne(d, key+"."+strconv.Itoa(i), name, src, stack)
	}
}

// report puts an error at an include line straight on the scenario's
// list: an included file's own list was copied there already.
func (in *includer) report(d *tomlfile.Decoder, at, key string, nameValues ...any) {
	in.v.Errs = append(in.v.Errs, tomlfile.Error{File: d.File, Pos: d.At(at), Text: text.M(key, nameValues...)})
}

// loadOne reads one catalog, refusing a missing file, a cycle or a
// scenario, then merges its roles and systems and follows its includes.
func (in *includer) loadOne(d *tomlfile.Decoder, at, name string, src Source, stack []included) {
	v := in.v
	if fk, full, ok := statKey(src, name); ok && in.again(d, at, name, fk, full, stack) {
		return // known by its identity before a byte is read
	}
	display, fk, data, sub, err := v.readInclude(src, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		in.report(d, at, "include-missing", "name", name, "path", display)
		return
	case err != nil:
		in.report(d, at, "include-error", "name", name, "path", display, "err", err)
		return
	}
	clean := filepath.Clean(display)
	if in.again(d, at, name, fk, clean, stack) {
		return
	}
	in.loaded[fk] = true
	// Only a file read for the first time counts: one file under many
	// names (hard links, a symlinked folder) takes its size once.
	if err := v.budget.takeFile(fk, len(data)); err != nil {
		in.report(d, at, "include-error", "name", name, "path", display, "err", err)
		return
	}
	var cat catalog
	cd, err := tomlfile.Decode(display, data, &cat, text.M("empty-catalog"))
	if err != nil {
		v.Errs = append(v.Errs, *err.(*tomlfile.Errors)...)
		return
	}
	if _, ok := cd.Tree["scenario"]; ok || cd.Tree["clues"] != nil {
		in.report(d, at, "include-scenario", "name", name)
		return
	}
	v.Errs = append(v.Errs, cd.Errs...)
	if cat.Format != 0 && cat.Format != 1 {
		cd.Errorf("format", "format-unsupported", "format", cat.Format, "kind", text.M("format-catalog"))
		v.Errs = append(v.Errs, cd.Errs[len(cd.Errs)-1])
	}
	in.merge(cd, &cat)
	in.load(cd, "include", cat.Include, sub, append(stack, included{fk, clean}))
}

// merge takes a catalog's roles and systems, each routed to its file for
// messages.
func (in *includer) merge(cd *tomlfile.Decoder, cat *catalog) {
	v := in.v
	for j := range cat.Roles {
		cat.Roles[j].Base, cat.Roles[j].In = cat.Runbooks, cd.File
		in.roles = append(in.roles, cat.Roles[j])
		v.routeTo("roles", len(v.s.Roles)+len(in.roles)-1, cd, "roles."+strconv.Itoa(j))
	}
	for j := range cat.Systems {
		cat.Systems[j].Base, cat.Systems[j].In = cat.Runbooks, cd.File
		in.systems = append(in.systems, cat.Systems[j])
		v.routeTo("systems", len(v.s.Systems)+len(in.systems)-1, cd, "systems."+strconv.Itoa(j))
	}
}

// onTheTable drops from the kept catalog systems each dependency on a
// catalog system that systems_only left off the table: the card lists what
// is on the table. One on a system no file has is still an error.
func onTheTable(own, kept, catalogs []written.System) []written.System {
	onTable, inCatalog := map[string]bool{}, map[string]bool{}
	for _, sys := range own {
		onTable[sys.ID] = true
	}
	for _, sys := range kept {
		onTable[sys.ID] = true
	}
	for _, sys := range catalogs {
		inCatalog[sys.ID] = true
	}
	for i := range kept {
		var deps []string
		for _, d := range kept[i].DependsOn {
			if onTable[d] || !inCatalog[d] {
				deps = append(deps, d)
			}
		}
		kept[i].DependsOn = deps
	}
	return kept
}

func (v *validator) routeTo(list string, i int, d *tomlfile.Decoder, path string) {
	if v.Routes == nil {
		v.Routes = map[string]tomlfile.Route{}
	}
	v.Routes[list+"."+strconv.Itoa(i)] = tomlfile.Route{D: d, Path: path}
}

// only keeps the included entries a scenario lists in roles_only (or
// systems_only); every id listed must be one that was included. The routes
// of the kept entries follow them to their new places.
func only[T any](v *validator, key string, ids []string, list []T, id func(T) string) []T {
	if len(ids) == 0 {
		return list
	}
	var known []string
	for _, e := range list {
		known = append(known, id(e))
	}
	keep := map[string]bool{}
	for i, want := range ids {
		found := false
		for _, k := range known {
			found = found || k == want
		}
		if !found {
			var hint text.Message
			if sg := suggest.Closest(want, known); sg != "" {
				hint = text.M("hint-did-you-mean", "name", sg)
			}
			v.Errorf("scenario."+key+"."+strconv.Itoa(i), "no-included-id", "key", key, "id", want, "hint", hint)
		}
		keep[want] = true
	}
	prefix := "roles"
	base := len(v.s.Roles)
	if key == "systems_only" {
		prefix, base = "systems", len(v.s.Systems)
	}
	var out []T
	moved := map[string]tomlfile.Route{}
	for i, e := range list {
		if keep[id(e)] {
			moved[prefix+"."+strconv.Itoa(base+len(out))] = v.Routes[prefix+"."+strconv.Itoa(base+i)]
			out = append(out, e)
		} else {
			// Kept for messages: a reference to it is not a typo.
			if v.filtered == nil {
				v.filtered = map[string]string{}
			}
			v.filtered[prefix+":"+id(e)] = key
		}
	}
	for i := range list {
		delete(v.Routes, prefix+"."+strconv.Itoa(base+i))
	}
	for k, r := range moved {
		v.Routes[k] = r
	}
	return out
}

// ReadCatalog reads a catalog file on its own and holds its roles and
// systems to the rules as a scenario's would be; relativeOK accepts a
// relative runbook without a base, since each scenario that includes the
// catalog gives it one.
func ReadCatalog(path string, relativeOK bool, p Printing) (*written.Scenario, error) {
	s := &written.Scenario{File: path}
	s.Scenario = written.Meta{ID: "catalog", Title: path, Language: "en", Include: []string{filepath.Base(path)}}
	d := &tomlfile.Decoder{File: path, Tree: map[string]any{"scenario": map[string]any{"include": []any{filepath.Base(path)}}}, Positions: map[string]tomlfile.Pos{}}
	v := &validator{Decoder: d, s: s, src: DirSource(filepath.Dir(path)), catalogOnly: true, relativeOK: relativeOK, printing: OrEmbeddable(p)}
	v.includes(v.src)
	v.validate()
	if err := d.Errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// ReadCatalogData checks a catalog held in data, as ReadCatalog checks one
// on disk; name is used in messages. It may not include other files.
func ReadCatalogData(name string, data []byte, p Printing) (*written.Scenario, error) {
	base := path.Base(filepath.ToSlash(name))
	s := &written.Scenario{File: name}
	s.Scenario = written.Meta{ID: "catalog", Title: name, Language: "en", Include: []string{base}}
	d := &tomlfile.Decoder{File: name, Tree: map[string]any{"scenario": map[string]any{"include": []any{base}}}, Positions: map[string]tomlfile.Pos{}}
	v := &validator{Decoder: d, s: s, src: fsSource{FS: oneFile{base, data}, Dir: "."}, catalogOnly: true, printing: OrEmbeddable(p)}
	v.includes(v.src)
	v.validate()
	if err := d.Errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// oneFile is a file system of one file, for checking bytes about to be
// written as if they were read back.
type oneFile struct {
	name string
	data []byte
}

func (o oneFile) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (o oneFile) ReadFile(name string) ([]byte, error) {
	if name != o.name {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return o.data, nil
}

// IsCatalog reports whether a file reads as a catalog rather than a
// scenario: TOML with a catalog's keys only (roles, systems, runbooks,
// include, format).
func IsCatalog(path string) bool {
	data, err := readFile(path, MaxScenarioBytes)
	if err != nil {
		return false
	}
	head, _, perr := tomlfile.Parse(data)
	if perr != nil {
		return false
	}
	// Only a catalog's own keys: a scenario that lost its [scenario]
	// table is still a scenario, and is told so.
	for k := range head {
		switch k {
		case "format", "include", "runbooks", "roles", "systems":
		default:
			return false
		}
	}
	return len(head) > 0
}

// catalog is a file of roles and systems that scenarios include, so that
// an organisation writes them once.
type catalog struct {
	Format   int64            `toml:"format" const:"1" doc:"Catalog format version; 1."`
	Runbooks string           `toml:"runbooks" doc:"Base URL for this catalog's relative runbook links."`
	Include  []string         `toml:"include" doc:"Other catalog files, relative to this one."`
	Roles    []written.Role   `toml:"roles" doc:"Roles, as in a scenario."`
	Systems  []written.System `toml:"systems" doc:"Systems, as in a scenario."`
}
