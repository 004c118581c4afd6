//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEveryReadIsGuarded feeds every command that reads a file, in every
// place it reads one, a device that never ends, a FIFO nobody writes to
// and a file over the cap. Each must refuse it by name, exit 1 (not hang),
// and write nothing.
func TestEveryReadIsGuarded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	big := filepath.Join(dir, "big.toml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(17 << 20)
	f.Close()
	hostile := []struct{ path, want string }{
		{"/dev/zero", "is not a regular file (a device)"},
		{fifo, "is not a regular file (a FIFO)"},
		{big, "is larger than 16 MB"},
	}
	commands := [][]string{
		{"build", "FILE", "-o", "OUT"},
		{"validate", "FILE"},
		{"worksheets", "FILE", "-o", "OUT"},
		{"record", "FILE", "-o", "OUT/r.toml"},
		{"record", "eu-db-latency", "--journal", "FILE", "-o", "OUT/r.toml"},
		{"run", "eu-db-latency", "--journal", "FILE"},
		{"report", "FILE", "OUT/r.toml", "-o", "OUT"},
		{"report", "eu-db-latency", "FILE", "-o", "OUT"},
		{"msel", "FILE", "-o", "OUT/m.csv"},
		{"export", "FILE", "-o", "OUT"},
		{"links", "FILE"},
		{"premortem", "FILE", "-o", "OUT"},
		{"premortem", "-o", "OUT", "--cards", "FILE"},
		{"import", "backstage", "FILE", "-o", "OUT/c.toml"},
		{"import", "timeline", "FILE", "--t0", "2026-03-10T09:00:00Z", "-o", "OUT/s.toml"},
		{"init", "--from-premortem", "FILE", "-o", "OUT"},
		{"build", "INCLUDES", "-o", "OUT"},
		{"build", "DATA", "-o", "OUT"},
	}
	for _, h := range hostile {
		includes := filepath.Join(dir, "inc-"+filepath.Base(h.path)+".toml")
		writeScenario(t, includes, `include = [`+quote(rel(t, dir, h.path))+`]`, "")
		data := filepath.Join(dir, "data", "data-"+filepath.Base(h.path)+".toml")
		os.MkdirAll(filepath.Join(dir, "data"), 0o755)
		// A data file lies inside the scenario's folder: a hard link to
		// the FIFO or the big file, a symlink to /dev/zero (refused as
		// outside the folder before anything is opened).
		link := filepath.Join(dir, "data", "file-"+filepath.Base(h.path))
		if err := os.Link(h.path, link); err != nil {
			os.Symlink(h.path, link)
		}
		writeScenario(t, data, "", "\n[clues.log]\nformat = \"plain\"\nfile = "+quote(filepath.Base(link))+"\n")
		for _, c := range commands {
			out := filepath.Join(t.TempDir(), "out")
			args := []string{"propdeck"}
			for _, a := range c {
				a = strings.ReplaceAll(a, "OUT", out)
				switch a {
				case "FILE":
					a = h.path
				case "INCLUDES":
					a = includes
				case "DATA":
					a = data
				}
				args = append(args, a)
			}
			t.Run(strings.Join(c, " ")+" "+filepath.Base(h.path), func(t *testing.T) {
				code, stderr := runFor(t, args)
				want := h.want
				if c[1] == "DATA" && h.path == "/dev/zero" {
					// Outside the folder: refused before it is opened.
					want = "outside the scenario's folder"
				}
				if code != 1 || !strings.Contains(stderr, want) {
					t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
				}
				if _, err := os.Stat(out); err == nil {
					t.Errorf("%s was written", out)
				}
			})
		}
	}
}

// runFor runs a command in-process and waits for it to end. A read that
// blocks for ever (a FIFO opened without the guard) is what the test looks
// for, so the wait is bounded, but by go test's own deadline, less a minute
// to say which command hung, not by a guess of how long a loaded machine
// takes; without a deadline (-timeout 0) it waits.
func runFor(t *testing.T, args []string) (int, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(context.Background(), args, &stdout, &stderr) }()
	var hung <-chan time.Time
	if deadline, ok := t.Deadline(); ok {
		hung = time.After(time.Until(deadline) - time.Minute)
	}
	select {
	case code := <-done:
		return code, stderr.String()
	case <-hung:
		t.Fatalf("%v still running as go test's deadline nears", args)
	}
	return 0, ""
}

func writeScenario(t *testing.T, path, include, clue string) {
	t.Helper()
	text := "format = 1\n[scenario]\nid = \"t\"\ntitle = \"T\"\nstart = \"2026-03-10T09:00:00Z\"\n" + include + "\n" +
		"[[roles]]\nid = \"ic\"\nname = \"IC\"\n\n[[clues]]\nid = \"c1\"\nat = \"T+5m\"\nto = [\"ic\"]\ntitle = \"A\"\nbody = \"B\"\n" + clue
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rel(t *testing.T, dir, path string) string {
	r, err := filepath.Rel(dir, path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `\`, `\\`) + `"` }

// TestValidateStopsOnCtrlC: an interrupted validate of many files stops
// and says so, exit 1, instead of going on through the list.
func TestValidateStopsOnCtrlC(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"propdeck", "validate", "eu-db-latency", "dns-change-ko"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "interrupted") || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// TestStarterTooBigIsRefused: an idea so long that its starter would be
// over the cap a scenario is read under is refused, nothing written.
func TestStarterTooBigIsRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rec := filepath.Join(dir, "pm.toml")
	idea := strings.Repeat("the database fell over again and ", 9<<20/33)
	os.WriteFile(rec, []byte("format = 1\n[[ideas]]\nid = \"i1\"\ntext = \""+idea+"\"\npick = true\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, stderr := runFor(t, []string{"propdeck", "init", "--from-premortem", rec, "-o", out})
	if code != 1 || !strings.Contains(stderr, "the starter for idea i1 would be") {
		t.Errorf("exit %d, stderr %.300s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("something was written")
	}
}
