// Package importer turns what an organisation already has into propdeck
// files: a Backstage service catalog into a catalog of systems, and an
// incident timeline export into a scenario skeleton.
package importer

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// entity is the part of a Backstage descriptor propdeck reads.
type entity struct {
	Kind     string
	Metadata struct {
		Name, Namespace, Title, Description string
		Links                               []link
	}
	Spec struct {
		Owner     string
		DependsOn []string
		Profile   struct{ DisplayName string }
	}
	file string
	line int
	pos  map[string][2]int // line and column of a field ("metadata.title")
}

type link struct{ URL, Title, Type string }

// systemKinds are the Backstage kinds that become systems.
var systemKinds = map[string]bool{"component": true, "resource": true, "system": true, "api": true}

// File is one input: its name (for messages) and its bytes.
type File struct {
	Name string
	Data []byte
}

// Backstage reads Backstage descriptor files (multi-document YAML) and
// writes a propdeck catalog of their Components, Resources, Systems and
// APIs, with owners named from the Groups it was given. Skipped kinds come
// back as notes, one line each. The catalog's comments are in lang.
func Backstage(files []File, lang string) (catalog []byte, notes []text.Message, err error) {
	ents, err := readEntities(files)
	if err != nil {
		return nil, nil, err
	}
	groups := map[string]string{}
	var systems []entity
	for _, e := range ents {
		switch k := strings.ToLower(e.Kind); {
		case k == "group":
			groups[e.Metadata.Name] = cmp.Or(e.Spec.Profile.DisplayName, e.Metadata.Title, e.Metadata.Name)
		case systemKinds[k]:
			systems = append(systems, e)
		default:
			notes = append(notes, noteAt(fmt.Sprintf("%s:%d", e.file, e.line), "import-backstage-skipped", "kind", e.Kind, "name", e.Metadata.Name))
		}
	}
	if err := checkSystems(files, systems); err != nil {
		return nil, nil, err
	}
	out := writeCatalog(files, systems, groups, lang)
	if err := checkCatalog(files[0].Name, out); err != nil {
		return nil, nil, err
	}
	return out, notes, nil
}

// readEntities reads every document of every file, every error at once.
func readEntities(files []File) ([]entity, error) {
	var ents []entity
	var errs []error
	for _, f := range files {
		r := &nodeReader{file: f.Name}
		dec := yaml.NewDecoder(bytes.NewReader(f.Data))
		for {
			var doc yaml.Node
			if err := dec.Decode(&doc); err != nil {
				if !errors.Is(err, io.EOF) {
					r.errs = append(r.errs, yamlError(f.Name, err))
				}
				break // the parser cannot go on past a syntax error
			}
			e := r.entityOf(&doc)
			if e.Kind == "" && e.Metadata.Name == "" {
				continue // an empty document
			}
			ents = append(ents, e)
		}
		errs = append(errs, r.errs...)
	}
	return ents, joined(errs...)
}

// checkSystems refuses what would make a catalog that does not validate,
// at the descriptor's line: nothing to import, a system without a name,
// two names that become one id, text the decks cannot print.
func checkSystems(files []File, systems []entity) error {
	if len(systems) == 0 {
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
		}
		return failAt(list(names), "import-backstage-nothing")
	}
	var errs []error
	at := func(e entity, field string) string {
		if p := e.pos[field]; p[0] > 0 {
			return fmt.Sprintf("%s:%d:%d", e.file, p[0], p[1])
		}
		return fmt.Sprintf("%s:%d", e.file, e.line)
	}
	first := map[string]entity{}
	for _, e := range systems {
		if e.Metadata.Name == "" {
			errs = append(errs, failAt(at(e, "metadata.name"), "import-backstage-no-name", "kind", e.Kind))
			continue
		}
		id := idOf(e)
		if f, dup := first[id]; dup {
			errs = append(errs, failAt(at(e, "metadata.name"), "import-backstage-same-id", "name", e.Metadata.Name, "other", f.Metadata.Name, "at", at(f, "metadata.name"), "id", id))
			continue
		}
		first[id] = e
		for _, f := range [][2]string{{"metadata.name", e.Metadata.Name}, {"metadata.title", e.Metadata.Title}, {"metadata.description", e.Metadata.Description}, {"spec.owner", e.Spec.Owner}} {
			if err := rules.CheckText(f[1], cards.Printing); err != nil {
				errs = append(errs, failAt(at(e, f[0]), "import-backstage-bad-text", "key", f[0], "err", err))
			}
		}
	}
	return joined(errs...)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlError is FILE:LINE: message.
func yamlError(name string, err error) error {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
		return failAt(name+":"+m[1], "as-written", "text", m[2])
	}
	return failAt(name, "as-written", "text", err.Error())
}

// idOf makes a Backstage name (and namespace) a propdeck id.
func idOf(e entity) string {
	name := e.Metadata.Name
	if ns := e.Metadata.Namespace; ns != "" && ns != "default" {
		name = ns + "-" + name
	}
	return safeID(name)
}

func safeID(s string) string { return rules.SafeID(s, "system") }

// refID resolves an entity ref ("component:default/orders-db",
// "resource:db", "orders-db") to the name and namespace it names.
func refName(ref string) (name, ns string) {
	if i := strings.Index(ref, ":"); i >= 0 {
		ref = ref[i+1:]
	}
	if i := strings.Index(ref, "/"); i >= 0 {
		return ref[i+1:], ref[:i]
	}
	return ref, ""
}

func writeCatalog(files []File, systems []entity, groups map[string]string, lang string) []byte {
	ids := map[string]string{} // "ns/name" and "name" to id
	for _, e := range systems {
		id := idOf(e)
		ns := e.Metadata.Namespace
		if ns == "" {
			ns = "default"
		}
		ids[ns+"/"+e.Metadata.Name] = id
		if ns == "default" {
			ids[e.Metadata.Name] = id
		}
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n#   propdeck import backstage %s\n# %s\n", text.M("import-backstage-header").In(lang), tomlw.Comment(strings.Join(names, " ")), text.M("import-backstage-again").In(lang))
	for _, e := range systems {
		writeSystem(&b, e, ids, groups, lang)
	}
	return []byte(b.String())
}

// writeSystem is one entity's [[systems]] entry: its id and names, its
// owner's display name, the dependencies that were imported (the others
// as comments) and its runbook.
func writeSystem(b *strings.Builder, e entity, ids, groups map[string]string, lang string) {
	q := tomlw.Quote
	b.WriteString("\n[[systems]]\n")
	fmt.Fprintf(b, "id = %s\n", q(idOf(e)))
	fmt.Fprintf(b, "name = %s\n", q(cmp.Or(e.Metadata.Title, e.Metadata.Name)))
	if d := strings.TrimSpace(e.Metadata.Description); d != "" {
		fmt.Fprintf(b, "description = %s\n", q(d))
	}
	if o := e.Spec.Owner; o != "" {
		o = strings.TrimPrefix(o, "group:")
		if i := strings.Index(o, "/"); i >= 0 {
			o = o[i+1:]
		}
		if g, ok := groups[o]; ok {
			o = g
		}
		fmt.Fprintf(b, "owner = %s\n", q(o))
	}
	deps, unknown := dependencies(e, ids)
	if len(deps) > 0 {
		fmt.Fprintf(b, "depends_on = [%s]\n", strings.Join(deps, ", "))
	}
	for _, ref := range unknown {
		fmt.Fprintf(b, "# %s\n", tomlw.Comment(text.M("import-backstage-not-imported", "ref", ref).In(lang)))
	}
	if url, note := runbookOf(e); url != "" {
		if note.Key != "" {
			fmt.Fprintf(b, "# %s\n", tomlw.Comment(note.In(lang)))
		}
		fmt.Fprintf(b, "runbook = %s\n", q(url))
	}
}

// dependencies resolves an entity's refs to the ids imported, quoted, and
// lists those that name nothing imported.
func dependencies(e entity, ids map[string]string) (deps, unknown []string) {
	for _, ref := range e.Spec.DependsOn {
		name, ns := refName(ref)
		if name == "" {
			unknown = append(unknown, ref) // "", ":", "/" name nothing
			continue
		}
		if ns == "" {
			ns = "default"
		}
		if id, ok := ids[ns+"/"+name]; ok && id != idOf(e) {
			deps = append(deps, tomlw.Quote(id))
		} else {
			unknown = append(unknown, ref)
		}
	}
	return deps, unknown
}

// runbookOf picks the link whose type or title says runbook, else the first.
func runbookOf(e entity) (url string, note text.Message) {
	for _, l := range e.Metadata.Links {
		if strings.Contains(strings.ToLower(l.Type+" "+l.Title), "runbook") {
			return l.URL, text.Message{}
		}
	}
	if len(e.Metadata.Links) > 0 {
		l := e.Metadata.Links[0]
		return l.URL, text.M("import-backstage-first-link", "title", strings.TrimSpace(l.Title))
	}
	return "", text.Message{}
}
