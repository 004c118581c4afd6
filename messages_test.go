package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// keyedPackages say every word a person reads through a message key: no
// error of theirs is made from English text in Go. The list only grows,
// one package at a time, until it is every package a person hears from.
var keyedPackages = []string{"internal/scenarios", "internal/written", "internal/rules", "internal/tomlfile", "internal/records", "internal/text", "internal/session", "internal/cards", "internal/premortem", "internal/studio", "internal/ledger", "internal/programme", "internal/input", "internal/output", "internal/render", "internal/console", "internal/ideas", "internal/ideaconsole", "internal/importer", "internal/convert", "internal/links", "internal/iceberg", "internal/documents", "internal/board", "internal/props", "internal/layouts", "internal/fonts", "internal/cli", "internal/journal"}

// keyArg is where the message key stands in the calls that take one:
// text.M and text.Fail first, the scenario checks' errorf and warnf after
// the path (the strict decoder's Errorf too, fmt's aside), the includer's
// report after the decoder and path.
var keyArg = map[string]int{"M": 0, "Fail": 0, "errorf": 1, "Errorf": 1, "warnf": 1, "report": 2}

var (
	keyPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	verbPattern  = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`)
	wordPattern  = regexp.MustCompile(`[A-Za-z]{2,}`)
	fieldPattern = regexp.MustCompile(`\{\{|\}\}|\{([^{}/]+)\}`)
)

// TestMessagesAreKeyed holds the messages to their catalogs: every key a
// call names is in the catalogs, every key in the catalogs is named by
// the code, every language says each message with the same values, and
// no keyed package builds an error from English words in Go.
func TestMessagesAreKeyed(t *testing.T) {
	t.Parallel()
	catalogs := messageCatalogs(t)
	en := catalogs["en"]
	literals := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("internal", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		keyed := slices.Contains(keyedPackages, filepath.Dir(path))
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					literals[s] = true
				}
			}
			if call, ok := n.(*ast.CallExpr); ok {
				checkCall(t, fset, call, keyed, en)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var unused []string
	for key := range en {
		if !literals[key] {
			unused = append(unused, key)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("keys no code names: %v", unused)
	}
	for lang, msgs := range catalogs {
		for key, tmpl := range msgs {
			if got, want := fields(tmpl), fields(en[key]); !slices.Equal(got, want) {
				t.Errorf("%s: %s says %v, en says %v", lang, key, got, want)
			}
		}
	}
}

// checkCall checks one call: a key that is a literal must be a key of
// the catalogs, and in a keyed package no error is made of English.
func checkCall(t *testing.T, fset *token.FileSet, call *ast.CallExpr, keyed bool, en map[string]string) {
	t.Helper()
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return
	}
	at := fset.Position(call.Pos())
	pkg, _ := sel.X.(*ast.Ident)
	isFmt := pkg != nil && pkg.Name == "fmt"
	if i, ok := keyArg[sel.Sel.Name]; ok && !isFmt && len(call.Args) > i && (keyed || isText(sel)) {
		if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			key, _ := strconv.Unquote(lit.Value)
			switch {
			case !keyPattern.MatchString(key):
				t.Errorf("%s: %s is given words, not a key: %s", at, sel.Sel.Name, lit.Value)
			case en[key] == "":
				t.Errorf("%s: no message %q in the catalogs", at, key)
			default:
				checkValues(t, at, key, en[key], call.Args[i+1:])
			}
		}
	}
	if !keyed {
		return
	}
	if pkg != nil && (isFmt && sel.Sel.Name == "Errorf" || pkg.Name == "errors" && sel.Sel.Name == "New") {
		if lit, ok := call.Args[0].(*ast.BasicLit); ok {
			if words := wordPattern.FindAllString(verbPattern.ReplaceAllString(lit.Value, ""), -1); len(words) > 0 {
				t.Errorf("%s: an error made of English words %v; give it a key (text.Fail)", at, words)
			}
		}
	}
}

// checkValues: a call names every value its message fills, and only
// those, so that no message is said with a hole in it.
func checkValues(t *testing.T, at token.Position, key, tmpl string, args []ast.Expr) {
	t.Helper()
	var names []string
	for j := 0; j < len(args); j += 2 {
		lit, ok := args[j].(*ast.BasicLit)
		if !ok {
			return // values passed on from elsewhere: not checked here
		}
		name, _ := strconv.Unquote(lit.Value)
		names = append(names, name)
	}
	sort.Strings(names)
	if want := fields(tmpl); !slices.Equal(names, want) {
		t.Errorf("%s: %s is given %v, it fills %v", at, key, names, want)
	}
}

func isText(sel *ast.SelectorExpr) bool {
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "text"
}

// fields are the names a template fills, sorted, each once.
func fields(tmpl string) []string {
	var out []string
	for _, m := range fieldPattern.FindAllStringSubmatch(tmpl, -1) {
		if name, _, _ := strings.Cut(m[1], ":"); name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// messageCatalogs reads every language's messages.toml.
func messageCatalogs(t *testing.T) map[string]map[string]string {
	t.Helper()
	paths, err := filepath.Glob("internal/text/catalogs/*/messages.toml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no message catalogs: %v", err)
	}
	out := map[string]map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var msgs map[string]string
		if err := toml.Unmarshal(data, &msgs); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out[filepath.Base(filepath.Dir(p))] = msgs
	}
	return out
}
