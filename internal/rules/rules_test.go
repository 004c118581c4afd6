package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

// runRules decodes src and runs only the named rules and what they need,
// in the list's order, and returns their errors and warnings.
func runRules(t *testing.T, dir, src string, names ...string) tomlfile.Errors {
	t.Helper()
	s := &written.Scenario{File: "s.toml"}
	d, err := tomlfile.Decode("s.toml", []byte(src), s, text.Message{})
	if err != nil {
		t.Fatalf("decoding: %v", err)
	}
	want := map[string]bool{}
	var add func(string)
	add = func(name string) {
		for _, r := range rules {
			if r.name == name && !want[name] {
				want[name] = true
				for _, n := range r.needs {
					add(n)
				}
			}
		}
	}
	for _, n := range names {
		add(n)
	}
	v := &validator{Decoder: d, s: s, src: DirSource(dir), ctx: context.Background(), budget: budget{used: int64(len(src))}}
	for _, r := range rules {
		if want[r.name] {
			r.run(v)
		}
	}
	// A rule's warnings count as what it finds.
	return append(d.Errs, s.Notes...)
}

// TestEachRuleAlone: every rule has a case here. Run alone (with what it
// needs), it finds its fault; what it needs, run without it, does not.
func TestEachRuleAlone(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ctl.log"), []byte("ok\nbad \x07 bell\n"), 0o644)
	clue := "[[clues]]\nid = \"c1\"\nat = \"T+0\"\ntitle = \"x\"\n"
	cases := map[string]struct{ src, want string }{
		"format":        {"format = 2\n", "format = 2 is not supported"},
		"meta":          {"[scenario]\nid = \"Bad Id\"\n", `scenario.id "Bad Id" may hold only`},
		"print":         {"[print]\npaper = \"a3\"\n", `paper = "a3" is not one of`},
		"roles":         {"[scenario]\nid = \"t\"\n", "at least one [[roles]] entry is needed"},
		"systems":       {"[[systems]]\nid = \"db\"\nname = \"DB\"\ndepends_on = [\"nope\"]\n", `no system has id "nope"`},
		"rounds":        {"[[rounds]]\nat = \"T+900h\"\ntitle = \"late\"\n", "T+900h"},
		"clues":         {"[[roles]]\nid = \"ic\"\nname = \"IC\"\n" + clue + "to = [\"cto\"]\n", `no role has id "cto"`},
		"library":       {"[scenario]\ntags = [\"Non Technical\"]\n", "must be lower-case letters"},
		"levels":        {"[[roles]]\nid = \"ic\"\nname = \"IC\"\n" + clue + "only = \"hardd\"\n", `did you mean "hard"`},
		"story-clock":   {"[[rounds]]\nat = \"T+0\"\ntitle = \"a\"\nclock = \"T+6h\"\n[[rounds]]\nat = \"T+10m\"\ntitle = \"b\"\nclock = \"T+1h\"\n", "never runs backwards"},
		"worksheets":    {"[worksheets]\ncopies = 0\n", "worksheets.copies must be between 1 and 100"},
		"polls":         {"[[rounds]]\nat = \"T+0\"\ntitle = \"a\"\n  [[rounds.polls]]\n  id = \"p\"\n  question = \"q\"\n  options = [\"yes\", \"wait\"]\n  expected = \"wiat\"\n", `did you mean "wait"`},
		"complications": {"[complications]\nsets = [\"peple\"]\n", "peple"},
		"runbook-base":  {"[[roles]]\nid = \"ic\"\nname = \"IC\"\nrunbook = \"ic.md\"\n", "scenario.runbooks"},
		"text":          {"[scenario]\ntitle = \"a\\u0007b\"\n", "control character"},
		"spoilers":      {"[scenario]\nbriefing = \"Each renewal reminder mail went to a leaver.\"\n[[roles]]\nid = \"ic\"\nname = \"IC\"\n" + "[[clues]]\nid = \"c1\"\nat = \"T+20m\"\ntitle = \"x\"\nbody = \"Every renewal reminder mail went to a mailbox nobody reads.\"\n", `names words of clue "c1"`},
		"log-files":     {"[[roles]]\nid = \"ic\"\nname = \"IC\"\n" + clue + "kind = \"log\"\n  [clues.log]\n  file = \"ctl.log\"\n", "control character"},
	}
	for _, r := range rules {
		tc, ok := cases[r.name]
		if !ok {
			t.Errorf("rule %s has no case in this test", r.name)
			continue
		}
		if r.doc == "" {
			t.Errorf("rule %s says nothing of what it checks", r.name)
		}
		src := "format = 1\n" + tc.src
		if r.name == "format" {
			src = tc.src
		}
		errs := runRules(t, dir, src, r.name)
		if !strings.Contains(errs.Error(), tc.want) {
			t.Errorf("rule %s alone: %q, want %q", r.name, errs.Error(), tc.want)
		}
		var before tomlfile.Errors
		if len(r.needs) > 0 {
			before = runRules(t, dir, src, r.needs...)
		}
		if strings.Contains(before.Error(), tc.want) {
			t.Errorf("rule %s: its needs alone already say %q", r.name, tc.want)
		}
	}
}

// TestRulesComeAfterTheirNeeds: the list's order respects every need.
func TestRulesComeAfterTheirNeeds(t *testing.T) {
	done := map[string]bool{}
	for _, r := range rules {
		for _, n := range r.needs {
			if !done[n] {
				t.Errorf("rule %s runs before %s, which it needs", r.name, n)
			}
		}
		done[r.name] = true
	}
}
