package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// carriedRecord is a session record whose one action the next session of
// its scenario retests.
const carriedRecord = `format = 1
scenario = "eu-db-latency"
date = "2026-03-10"

[[actions]]
title = "a replica-lag panel on the on-call board"
owner = "data-platform"
due = "2026-04-30"
`

// TestRunRatesCarriedActionsLive: run --programme gives the console the
// scenario's open actions; one rated met on the console is rated met in
// the record written at the end, and sync --close-met closes it in the
// ledger with its line.
func TestRunRatesCarriedActionsLive(t *testing.T) {
	t.Parallel()
	prog := t.TempDir()
	if err := os.MkdirAll(filepath.Join(prog, "records", "live"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prog, "records", "march.toml"), []byte(carriedRecord), 0o644); err != nil {
		t.Fatal(err)
	}
	propdeck(t, "actions", prog, "sync")
	path := filepath.Join(prog, "records", "live", "s.journal.jsonl")
	stdout, stderr, stop, done := startRun(t, "eu-db-latency", "--journal", path, "--programme", prog)
	stderr.waitFor(t, "Ctrl-C stops the console", done)
	if !strings.Contains(stdout.String(), "(eu-db-latency/2026-03-10/1)") {
		t.Errorf("run does not say the carried action:\n%s", stdout)
	}
	var base, token string
	for _, line := range strings.Split(stdout.String(), "\n") {
		if b, tok, ok := strings.Cut(line, "/?token="); ok && base == "" {
			base, token = b, tok
		}
	}
	for _, tc := range []struct {
		body string
		want int
	}{
		{`{"kind":"start"}`, 200},
		{`{"kind":"rating","retest":"eu-db-latency/2026-03-10/9","rating":"met"}`, 400},
		{`{"kind":"rating","retest":"eu-db-latency/2026-03-10/1","rating":"met","note":"panel used at T+6m"}`, 200},
		{`{"kind":"end"}`, 200},
	} {
		req, _ := http.NewRequest("POST", base+"/api/events", strings.NewReader(tc.body))
		req.Header.Set("X-Token", token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		msg, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.want {
			t.Fatalf("%s: %d %s, want %d", tc.body, res.StatusCode, msg, tc.want)
		}
	}
	if code := stop(); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	record, err := os.ReadFile(filepath.Join(prog, "records", "live", "s.record.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(record), "[[retested]]\naction = \"eu-db-latency/2026-03-10/1\"\nrating = \"met\"") {
		t.Errorf("the record does not carry the live rating:\n%s", record)
	}
	out := propdeck(t, "actions", prog, "sync", "--close-met")
	if !strings.Contains(out, "eu-db-latency/2026-03-10/1: done on ") {
		t.Errorf("sync --close-met did not close it:\n%s", out)
	}
	ledger, _ := os.ReadFile(filepath.Join(prog, "actions.toml"))
	if !strings.Contains(string(ledger), "retest rated met in eu-db-latency on ") || !strings.Contains(string(ledger), "(panel used at T+6m)") {
		t.Errorf("the ledger has no closing line:\n%s", ledger)
	}
}

// propdeck runs a command that must succeed, and is its output.
func propdeck(t *testing.T, args ...string) string {
	t.Helper()
	var out, errw bytes.Buffer
	if code := Run(context.Background(), append([]string{"propdeck"}, args...), &out, &errw); code != 0 {
		t.Fatalf("propdeck %s: exit %d\n%s", strings.Join(args, " "), code, errw.String())
	}
	return out.String()
}
