package props

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/testenv"
)

// buildMmetl builds the mmetl pinned in testdata/mmetl, a module of its
// own, so that the test runs Mattermost's converter itself and not a
// reading of it. A first build downloads and compiles about 80 modules.
func buildMmetl(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds mmetl")
	}
	bin := filepath.Join(t.TempDir(), "mmetl")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/mattermost/mmetl")
	cmd.Dir = filepath.Join("testdata", "mmetl")
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		testenv.Missing(t, "mmetl (go build in testdata/mmetl: "+err.Error()+"\n"+string(out)+")")
	}
	return bin
}

// mmetlCommand is the command ID-props.txt gives for the Slack export.
func mmetlCommand(t *testing.T, readme []byte) []string {
	t.Helper()
	for line := range strings.Lines(string(readme)) {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "mmetl" && f[1] == "transform" {
			return f
		}
	}
	t.Fatalf("no mmetl command in:\n%s", readme)
	return nil
}

// TestMmetlTransformsTheSlackExport runs the exact mmetl command of
// ID-props.txt on every example's Slack export: it must succeed and keep
// every message, each by a user with an email.
func TestMmetlTransformsTheSlackExport(t *testing.T) {
	t.Parallel()
	bin := buildMmetl(t)
	for name, s := range shipped(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			files := propFiles(t, s, Options{})
			id := s.Meta().ID
			dir := t.TempDir()
			zipName := id + "-slack-export.zip"
			if err := os.WriteFile(filepath.Join(dir, zipName), files[zipName], 0o644); err != nil {
				t.Fatal(err)
			}
			args := mmetlCommand(t, files[id+"-props.txt"])
			cmd := exec.Command(bin, args[1:]...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
			}
			out, err := os.ReadFile(filepath.Join(dir, id+"-slack-mattermost.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			if posts, want := countMmetl(t, out), slackMessages(t, files, zipName); posts != want {
				t.Errorf("mmetl wrote %d posts of the export's %d messages", posts, want)
			}
		})
	}
}

// countMmetl counts the posts of mmetl's import file, and checks that each
// user has an email and none is a bot.
func countMmetl(t *testing.T, jsonl []byte) int {
	t.Helper()
	posts := 0
	sc := bufio.NewScanner(bytes.NewReader(jsonl))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			Type string `json:"type"`
			User struct {
				Username string `json:"username"`
				Email    string `json:"email"`
			} `json:"user"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		switch line.Type {
		case "post":
			posts++
		case "bot":
			t.Errorf("mmetl made a bot: %s", sc.Bytes())
		case "user":
			if !strings.HasSuffix(line.User.Email, "@example.com") {
				t.Errorf("user %s has email %q", line.User.Username, line.User.Email)
			}
		}
	}
	return posts
}

// slackMessages counts the messages of a Slack export's day files.
func slackMessages(t *testing.T, files map[string][]byte, zipName string) int {
	t.Helper()
	n := 0
	for path, data := range files {
		rest, ok := strings.CutPrefix(path, zipName+"/")
		if !ok || !strings.Contains(rest, "/") {
			continue
		}
		var msgs []slackMessage
		mustJSON(t, data, &msgs)
		n += len(msgs)
	}
	return n
}
