package importer

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/propdeck/propdeck/internal/text"
)

// The descriptors are read from yaml.Node trees rather than by Decode into
// structs, because a Node keeps each value's line and column: every wrong
// type is reported at its own FILE:LINE:COL, all of them at once, where
// yaml's TypeError gives "line N" inside one message.

type nodeReader struct {
	file string
	errs []error
}

func (r *nodeReader) errorf(n *yaml.Node, key string, nameValues ...any) {
	r.errs = append(r.errs, failAt(fmt.Sprintf("%s:%d:%d", r.file, n.Line, n.Column), key, nameValues...))
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// fields calls each of want's functions with the value of its key in the
// mapping n; other keys are left alone (Backstage has many).
func (r *nodeReader) fields(n *yaml.Node, path string, want map[string]func(*yaml.Node, string)) {
	n = resolve(n)
	if n == nil || isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, "import-yaml-not-mapping", "key", path, "kind", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i].Value
		if f, ok := want[key]; ok {
			f(n.Content[i+1], join(path, key))
		}
	}
}

// str stores a scalar's text in dst.
func (r *nodeReader) str(dst *string, pos *[2]int) func(*yaml.Node, string) {
	return func(n *yaml.Node, path string) {
		n = resolve(n)
		if pos != nil {
			*pos = [2]int{n.Line, n.Column}
		}
		switch {
		case isNull(n):
		case n.Kind == yaml.ScalarNode:
			*dst = n.Value
		default:
			r.errorf(n, "import-yaml-not-text", "key", path, "kind", kindName(n))
		}
	}
}

// list calls item for each element of a sequence.
func (r *nodeReader) list(item func(*yaml.Node, string)) func(*yaml.Node, string) {
	return func(n *yaml.Node, path string) {
		n = resolve(n)
		switch {
		case isNull(n):
		case n.Kind == yaml.SequenceNode:
			for i, c := range n.Content {
				item(c, fmt.Sprintf("%s[%d]", path, i))
			}
		default:
			r.errorf(n, "import-yaml-not-list", "key", path, "kind", kindName(n))
		}
	}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func kindName(n *yaml.Node) text.Message {
	switch n.Kind {
	case yaml.MappingNode:
		return text.M("import-yaml-a-mapping")
	case yaml.SequenceNode:
		return text.M("import-yaml-a-list")
	}
	return text.M("import-yaml-text")
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// entityOf reads one descriptor document.
func (r *nodeReader) entityOf(doc *yaml.Node) entity {
	e := entity{file: r.file, line: doc.Line, pos: map[string][2]int{}}
	root := doc
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		root = doc.Content[0]
		e.line = root.Line
	}
	m := &e.Metadata
	var namePos, titlePos, descPos, ownerPos [2]int
	r.fields(root, "", map[string]func(*yaml.Node, string){
		"kind": r.str(&e.Kind, nil),
		"metadata": func(n *yaml.Node, path string) {
			r.fields(n, path, map[string]func(*yaml.Node, string){
				"name": r.str(&m.Name, &namePos), "namespace": r.str(&m.Namespace, nil),
				"title": r.str(&m.Title, &titlePos), "description": r.str(&m.Description, &descPos),
				"links": r.list(func(n *yaml.Node, path string) {
					var l link
					r.fields(n, path, map[string]func(*yaml.Node, string){"url": r.str(&l.URL, nil), "title": r.str(&l.Title, nil), "type": r.str(&l.Type, nil)})
					m.Links = append(m.Links, l)
				}),
			})
		},
		"spec": func(n *yaml.Node, path string) {
			r.fields(n, path, map[string]func(*yaml.Node, string){
				"owner": r.str(&e.Spec.Owner, &ownerPos),
				"dependsOn": r.list(func(n *yaml.Node, path string) {
					var ref string
					r.str(&ref, nil)(n, path)
					e.Spec.DependsOn = append(e.Spec.DependsOn, ref)
				}),
				"profile": func(n *yaml.Node, path string) {
					r.fields(n, path, map[string]func(*yaml.Node, string){"displayName": r.str(&e.Spec.Profile.DisplayName, nil)})
				},
			})
		},
	})
	e.pos["metadata.name"], e.pos["metadata.title"], e.pos["metadata.description"], e.pos["spec.owner"] = namePos, titlePos, descPos, ownerPos
	e.Metadata.Name = strings.TrimSpace(e.Metadata.Name)
	return e
}
