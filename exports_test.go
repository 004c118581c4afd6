package main

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/packages"
)

// TestExportedNamesAreUsed: every exported package-level name of an
// internal package is used by another package, or is unexported. A type
// counts as used when the API of something used names it (a field's type,
// a result), since a caller reaches it without spelling it.
func TestExportedNamesAreUsed(t *testing.T) {
	t.Parallel() // go list waits on the build cache, which the other tests need little
	// The module's packages are type-checked from source; what they import
	// from elsewhere (the standard library, chromedp) comes from the build
	// cache's export data, as the compiler reads it: type-checking those
	// from source too was most of this test's time, and no name of theirs
	// is counted.
	mode := packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Tests: true}, "./...")
	if err != nil {
		t.Skipf("loading the packages: %v", err)
	}
	names := exportedNames(pkgs)
	for _, p := range pkgs {
		for _, obj := range p.TypesInfo.Uses {
			if obj == nil || obj.Pkg() == nil {
				continue
			}
			if n := names[p.Fset.Position(obj.Pos()).String()]; n != nil && strings.TrimSuffix(p.PkgPath, "_test") != n.pkg {
				n.used = true
			}
		}
	}
	markAPITypes(names)
	var unused []string
	for pos, n := range names {
		if !n.used {
			unused = append(unused, strings.TrimPrefix(pos, modulePath(pos))+" "+n.obj.Name())
		}
	}
	sort.Strings(unused)
	for _, u := range unused {
		t.Errorf("%s is exported but no other package uses it: unexport it", u)
	}
}

type exported struct {
	obj  types.Object
	pkg  string
	used bool
}

// exportedNames are the exported package-level names of the packages'
// non-test files, by where they are declared.
func exportedNames(pkgs []*packages.Package) map[string]*exported {
	out := map[string]*exported{}
	for _, p := range pkgs {
		for id, obj := range p.TypesInfo.Defs {
			if obj == nil || !obj.Exported() || obj.Parent() != obj.Pkg().Scope() {
				continue
			}
			pos := p.Fset.Position(id.Pos())
			if strings.HasSuffix(pos.Filename, "_test.go") || strings.Contains(pos.Filename, "/internal/golden/") || !strings.Contains(pos.Filename, "/internal/") || !declared(p, id) {
				continue
			}
			out[pos.String()] = &exported{obj: obj, pkg: strings.TrimSuffix(obj.Pkg().Path(), "_test")}
		}
	}
	return out
}

// declared reports whether id is a name declared at file level (not a
// method, whose use goes through a value).
func declared(p *packages.Package, id *ast.Ident) bool {
	for _, f := range p.Syntax {
		if f.Pos() <= id.Pos() && id.Pos() <= f.End() {
			return f.Scope.Lookup(id.Name) != nil || p.Types.Scope().Lookup(id.Name) != nil
		}
	}
	return false
}

// markAPITypes marks as used every type that the API of a used name
// mentions, until nothing changes.
func markAPITypes(names map[string]*exported) {
	byName := map[string]*exported{}
	for _, n := range names {
		if _, ok := n.obj.(*types.TypeName); ok {
			byName[n.obj.Pkg().Path()+"."+n.obj.Name()] = n
		}
	}
	for changed := true; changed; {
		changed = false
		for _, n := range names {
			if !n.used {
				continue
			}
			for _, word := range apiWords(n.obj) {
				if m := byName[word]; m != nil && !m.used {
					m.used, changed = true, true
				}
			}
		}
	}
}

// apiWords are the qualified names in an object's type: its signature,
// or a type's fields and exported methods.
func apiWords(obj types.Object) []string {
	var b strings.Builder
	t := obj.Type()
	if tn, ok := obj.(*types.TypeName); ok {
		t = tn.Type().Underlying()
		if named, ok := tn.Type().(*types.Named); ok {
			for i := range named.NumMethods() {
				if m := named.Method(i); m.Exported() {
					b.WriteString(types.TypeString(m.Type(), nil) + " ")
				}
			}
		}
	}
	b.WriteString(types.TypeString(t, nil))
	return strings.FieldsFunc(b.String(), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("./_-", r))
	})
}

func modulePath(pos string) string {
	if i := strings.Index(pos, "/internal/"); i >= 0 {
		return pos[:i+1]
	}
	return ""
}
