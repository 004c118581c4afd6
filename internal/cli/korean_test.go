package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/text/texttest"
)

// TestKoreanCommandLinesAreKorean: the command line's mistakes and what
// actions says come back in Korean, for a Korean scenario or with --lang
// ko: each line's words are Korean, and only what the user typed (flags,
// values, ids, paths) and propdeck's own names stay as written.
func TestKoreanCommandLinesAreKorean(t *testing.T) {
	t.Parallel()
	prog := t.TempDir()
	if err := os.MkdirAll(filepath.Join(prog, "records"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prog, "records", "march.toml"), []byte(carriedRecord), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	koFile := filepath.Join(t.TempDir(), "k.toml")
	if err := os.WriteFile(koFile, []byte("format = 1\n[scenario]\nid = \"k\"\ntitle = \"t\"\nlanguage = \"ko\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The cases run in order: sync fills the ledger that list reads.
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"a flag no command has", []string{"actions", prog, "--lang", "ko", "--bogus"}, exitUsage,
			[]string{"propdeck: actions: 알 수 없는 플래그 --bogus; propdeck actions --help 참고"}},
		{"a near flag", []string{"actions", prog, "--lang=ko", "--al"}, exitUsage,
			[]string{"알 수 없는 플래그 --al (혹시 --all?)"}},
		{"a wrong short flag", []string{"actions", prog, "--lang", "ko", "-q"}, exitUsage,
			[]string{"propdeck: actions: 알 수 없는 플래그 -q (혹시 -h?); propdeck actions --help 참고"}},
		{"a flag without its value", []string{"actions", prog, "--lang", "ko", "--today"}, exitUsage,
			[]string{"--today에 값이 필요함"}},
		{"a wrong flag beside a Korean example", []string{"build", "cert-expiry-ko", "-q"}, exitUsage,
			[]string{"propdeck: build: 알 수 없는 플래그 -q (혹시 -o?); propdeck build --help 참고"}},
		{"a wrong flag beside a Korean file", []string{"validate", koFile, "--nope"}, exitUsage,
			[]string{"propdeck: validate: 알 수 없는 플래그 --nope; propdeck validate --help 참고"}},
		{"a bad --card with a Korean scenario", []string{"build", "cert-expiry-ko", "-o", out, "--card", "pokr"}, exitUsage,
			[]string{`propdeck: --card: 알 수 없는 크기 "pokr"; quarter, a6, poker 중 하나를 쓸 것 (혹시 "poker"?)`}},
		{"a bad --paper with a Korean scenario", []string{"build", "cert-expiry-ko", "-o", out, "--paper", "a3"}, exitUsage,
			[]string{`propdeck: --paper: 알 수 없는 용지 "a3": a4 또는 letter를 쓸 것 (혹시 "a4"?)`}},
		{"actions sync --lang ko", []string{"actions", prog, "sync", "--lang", "ko"}, exitOK,
			[]string{"세션 기록 1개에서 조치 1개를 " + prog + "/actions.toml에 더함"}},
		{"actions --lang ko", []string{"actions", prog, "--lang", "ko", "--today", "2026-06-01"}, exitOK,
			[]string{"상태", "open, 기한 지남", "83일", "열림 1개, 기한 지남 1개"}},
		{"an unknown verb", []string{"actions", prog, "lsit", "--lang", "ko"}, exitUsage,
			[]string{`actions: 알 수 없는 "lsit"; list, sync, open, start, close 중 하나를 쓸 것 (혹시 "list"?)`}},
	} {
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), append([]string{"propdeck"}, tc.args...), &stdout, &stderr)
		said := stdout.String() + stderr.String()
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d:\n%s", tc.name, code, tc.code, said)
		}
		for _, want := range tc.want {
			if !strings.Contains(said, want) {
				t.Errorf("%s: want %q in\n%s", tc.name, want, said)
			}
		}
		for _, line := range strings.Split(strings.TrimSpace(said), "\n") {
			if words := englishIn(line, tc.args, prog); len(words) > 0 {
				t.Errorf("%s: English words %q in %s", tc.name, words, line)
			}
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a wrong command line wrote %s: %v", out, err)
	}
}

var flagWord = regexp.MustCompile(`--[a-z][a-z-]*`)

// ownWords are propdeck's names, which every language writes as they are.
var ownWords = map[string]bool{"propdeck": true, "ID": true, "open": true, "in-progress": true}

// englishIn is the words of a line that are neither what the user typed
// (the command line, the programme's folder and what its records say)
// nor propdeck's own names.
func englishIn(line string, args []string, dir string) []string {
	line = flagWord.ReplaceAllString(strings.ReplaceAll(line, dir, ""), "")
	typed := strings.Join(args, " ") + " " + carriedRecord + " " + strings.Join(actionVerbs, " ") + " quarter a6 poker a4 letter actions.toml"
	return texttest.EnglishWords(line, func(w string) bool { return ownWords[w] || strings.Contains(typed, w) })
}

// TestTableAlignsWideLetters: a column starts at the same terminal column
// on every line, Hangul taking two; ASCII is laid out as text/tabwriter
// lays it out.
func TestTableAlignsWideLetters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		rows [][]string
		want string
	}{
		{[][]string{{"ID", "STATUS", "TITLE"}, {"a/1", "open, overdue", "x"}}, "ID   STATUS         TITLE\na/1  open, overdue  x\n"},
		{[][]string{{"ID", "상태", "제목"}, {"a/1", "open, 기한 지남", "대시보드"}}, "ID   상태             제목\na/1  open, 기한 지남  대시보드\n"},
	} {
		var b bytes.Buffer
		table(&b, tc.rows)
		if b.String() != tc.want {
			t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
		}
	}
}
