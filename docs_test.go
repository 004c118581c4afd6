package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// markdownLink finds [text](target) and ![alt](target).
var markdownLink = regexp.MustCompile(`!?\[[^\]]*\]\(([^)\s]+)\)`)

// TestDocLinksResolve: every relative link in README.md and docs/ points at
// a file of the repository, so a clone has everything the docs name.
func TestDocLinksResolve(t *testing.T) {
	files, _ := filepath.Glob("docs/*.md")
	files = append(files, "README.md")
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range markdownLink.FindAllStringSubmatch(string(data), -1) {
			target := m[1]
			if u, err := url.Parse(target); err != nil || u.Scheme != "" || strings.HasPrefix(target, "#") {
				continue
			}
			path, _, _ := strings.Cut(target, "#")
			full := filepath.Join(filepath.Dir(f), filepath.FromSlash(path))
			if rel, err := filepath.Rel(".", full); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s: link %q leaves the repository", f, target)
				continue
			}
			if _, err := os.Stat(full); err != nil {
				t.Errorf("%s: link %q: %v", f, target, err)
			}
			checked++
		}
	}
	if checked < 3 {
		t.Errorf("only %d relative links found; the pattern no longer matches the docs", checked)
	}
}

// TestReadmeErrorsAreCurrent: the README's "When something is wrong" block
// is what propdeck prints today for testdata/readme-bad.toml.
func TestReadmeErrorsAreCurrent(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)\\$ propdeck validate bad.toml\n(.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("README.md has no `propdeck validate bad.toml` example")
	}
	code, _, stderr := propdeck(t, "validate", "testdata/readme-bad.toml")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	got := strings.ReplaceAll(stderr, "testdata/readme-bad.toml", "bad.toml")
	if got != string(block[1]) {
		t.Errorf("README shows:\n%s\npropdeck prints:\n%s", block[1], got)
	}
}
