package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// maxFuncLines is the longest a function of propdeck may be: one that
// reads at once.
const maxFuncLines = 60

// longFuncs would list functions allowed over the limit, with their length,
// while a redesign cuts them. It is empty: every function reads at once.
var longFuncs = map[string]int{}

// TestNoLongFunctions: no function outside tests is over maxFuncLines.
func TestNoLongFunctions(t *testing.T) {
	fset := token.NewFileSet()
	seen := map[string]bool{}
	filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		// third_party holds upstream code as released (plus a documented
		// patch): its functions are its authors' to cut, not ours.
		if err == nil && d.IsDir() && path == "third_party" {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Error(err)
			return nil
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			key := filepath.ToSlash(path) + " " + fn.Name.Name
			allowed, pending := longFuncs[key]
			seen[key] = pending
			switch {
			case pending && n > allowed:
				t.Errorf("%s grew to %d lines (it may not grow past %d, and should shrink to %d)", key, n, allowed, maxFuncLines)
			case pending && n <= maxFuncLines:
				t.Errorf("%s is %d lines now: take it off longFuncs", key, n)
			case !pending && n > maxFuncLines:
				t.Errorf("%s is %d lines, over %d", key, n, maxFuncLines)
			}
		}
		return nil
	})
	for key := range longFuncs {
		if !seen[key] {
			t.Errorf("%s is gone: take it off longFuncs", key)
		}
	}
}
