package main

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// importRule is one line of the house's one-way flow. In importRules, pkg
// must not depend (directly or not) on any of list; in onlyRules, on
// anything of propdeck but list.
type importRule struct {
	pkg  string
	list []string
	why  string
}

const module = "github.com/propdeck/propdeck/"

var importRules = []importRule{
	{"internal/draw", []string{"internal/cards", "internal/layouts", "internal/scenarios", "internal/output", "internal/render", "internal/export", "internal/report", "internal/cli"}, "the drawing operations import nothing of propdeck but fonts"},
	{"internal/layouts", []string{"internal/cards", "internal/scenarios", "internal/suggest"}, "imposition and fitting know frames, not card kinds"},
	{"internal/render", []string{"internal/cards", "internal/scenarios", "internal/layouts"}, "the table of backends knows backends only"},
	{"internal/cards", []string{"internal/documents", "internal/render", "internal/output", "internal/export"}, "cards are content: they neither lay out documents nor draw nor write"},
	{"internal/session", []string{"internal/console", "internal/cards", "internal/documents", "internal/render", "internal/layouts"}, "a session is its journal and its state: it draws nothing and serves nothing"},
	{"internal/scenarios", []string{"internal/fonts", "github.com/skip2/go-qrcode", "internal/cards", "internal/records", "internal/examples"}, "the format asks the build whether text prints, through a parameter; records and examples stand on it, never under it"},
	{"internal/written", []string{"internal/scenarios", "internal/rules", "internal/fonts", "github.com/skip2/go-qrcode", "internal/cards", "internal/records", "internal/examples", "internal/input"}, "the written form is types and their value forms: it reads no file and knows neither the rules nor the resolution"},
	{"internal/rules", []string{"internal/scenarios", "internal/fonts", "github.com/skip2/go-qrcode", "internal/cards", "internal/records", "internal/examples"}, "the rules read and check the written form; resolving it is the scenarios' job, above them"},
	{"internal/records", []string{"internal/cards", "internal/documents", "internal/render", "internal/output", "internal/session", "internal/console"}, "a record is a file kind read against its scenario: it draws, writes and serves nothing"},
	{"internal/examples", []string{"internal/cards", "internal/documents", "internal/render", "internal/output", "internal/session", "internal/console"}, "the shipped scenarios are data read with the format"},
	{"internal/board", []string{"internal/documents", "internal/session", "internal/console", "internal/export"}, "a board is the cards laid out in an app's format: it prints no document and runs no session"},
	{"internal/props", []string{"internal/cards", "internal/documents", "internal/session", "internal/console", "internal/render", "internal/export"}, "props are the story as the real tools' data: they draw no card and run no session"},
	{"internal/iceberg", []string{"internal/scenarios", "internal/cards", "internal/documents"}, "IcebergTTX's format is its own: it knows no scenario"},
	{"internal/convert", []string{"internal/documents", "internal/session", "internal/console", "internal/render"}, "a converter writes data, it draws nothing and runs no session"},
	{"internal/tomlw", []string{"internal/"}, "quoting needs nothing of propdeck"},
	{"internal/csvw", []string{"internal/"}, "quoting needs nothing of propdeck"},
	{"internal/mdw", []string{"internal/"}, "quoting needs nothing of propdeck"},
	{"internal/termsafe", []string{"internal/"}, "quoting needs nothing of propdeck"},
	{"third_party/fpdf", []string{"internal/"}, "upstream code, kept as released but for a documented patch, knows nothing of propdeck"},
}

// onlyRules name all a package may import of propdeck, directly or not.
var onlyRules = []importRule{
	{"internal/fonts", []string{"internal/text", "internal/vocab"}, "faces and measuring stand below everything but the words of their messages"},
	{"internal/draw", []string{"internal/fonts", "internal/text", "internal/vocab"}, "the drawing operations import nothing of propdeck but fonts (and the words of its messages)"},
	{"internal/render/pdf", []string{"internal/draw", "internal/fonts", "third_party/fpdf", "internal/text", "internal/vocab"}, "a backend draws operations (with its library) and knows nothing else"},
	{"internal/render/png", []string{"internal/draw", "internal/fonts", "internal/text", "internal/vocab"}, "a backend draws operations and knows nothing else"},
	{"internal/render/svg", []string{"internal/draw", "internal/fonts", "internal/text", "internal/vocab"}, "a backend draws operations and knows nothing else"},
	{"internal/layouts", []string{"internal/draw", "internal/fonts", "internal/vocab", "internal/text"}, "paper, imposition and text fitting know frames, never cards (and the words of their messages)"},
	{"internal/vocab", []string{}, "the vocabularies are plain lists every package may read"},
	{"internal/text", []string{"internal/vocab"}, "the catalogs are data: every package may read them"},
	{"internal/tomlfile", []string{"internal/text", "internal/vocab", "internal/suggest"}, "the strict decoder knows TOML, positions and messages, never a file kind"},
	{"internal/input", []string{"internal/text", "internal/vocab"}, "reading a file needs nothing of propdeck but the words of its messages"},
	{"internal/output", []string{"internal/text", "internal/vocab"}, "output writes bytes and files, and needs nothing of propdeck but the words of its messages"},
	{"internal/journal", []string{"internal/input", "internal/output", "internal/tomlfile", "internal/suggest", "internal/text", "internal/vocab"}, "the journal machinery is lines in a locked file: it knows no event, state or scenario (its errors are tomlfile's, at FILE:LINE)"},
}

// pendingRules are rules not true yet, each with what still breaks it;
// the test fails when one starts to hold, so that the list only shrinks.
// Every rule holds today: a new one that does not yet goes here.
var pendingRules = map[string]string{}

// TestImportRules enforces the one-way flow with go list -deps, and that
// nothing but main imports the command line.
func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Deps,Imports", "./...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	deps := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath    string
			Deps, Imports []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		deps[strings.TrimPrefix(p.ImportPath, module)] = p.Deps
		for _, imp := range p.Imports {
			if imp == module+"internal/cli" && p.ImportPath != strings.TrimSuffix(module, "/") {
				t.Errorf("%s imports internal/cli: only main may", p.ImportPath)
			}
		}
	}
	for _, r := range importRules {
		var broken []string
		for _, d := range deps[r.pkg] {
			for _, b := range r.list {
				own, ok := strings.CutPrefix(d, module)
				if ok && strings.HasPrefix(own, b) || !ok && strings.HasPrefix(d, b) && strings.Contains(b, ".") {
					broken = append(broken, strings.TrimPrefix(d, module))
				}
			}
		}
		checkRule(t, r, broken)
	}
	for _, r := range onlyRules {
		var broken []string
		for _, d := range deps[r.pkg] {
			if own, ok := strings.CutPrefix(d, module); ok && !slices.Contains(r.list, own) {
				broken = append(broken, own)
			}
		}
		checkRule(t, r, broken)
	}
}

func checkRule(t *testing.T, r importRule, broken []string) {
	t.Helper()
	{
		why, pending := pendingRules[r.pkg]
		switch {
		case len(broken) > 0 && !pending:
			t.Errorf("%s depends on %v: %s", r.pkg, broken, r.why)
		case len(broken) == 0 && pending:
			t.Errorf("%s holds its rule now (%s): take it off pendingRules", r.pkg, why)
		}
	}
}
