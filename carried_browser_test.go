package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/propdeck/propdeck/internal/vocab"
)

// marchRecord is an earlier session of eu-db-latency with one action,
// which the ledger keeps open and the scenario's next session retests.
const marchRecord = `format = 1
scenario = "eu-db-latency"
date = "2026-03-10"

[[actions]]
title = "a replica-lag panel on the on-call board"
owner = "data-platform"
due = "2026-04-30"
`

// carriedInTheBrowser (issue 39): run --programme carries last time's
// open action onto the facilitator's page with its title, owner, due
// date and session; once this round's actions are rated by their
// buttons, key 1 rates the carried one (the page's order); the record
// written at the end says how it was retested, and sync --close-met
// closes it in the ledger.
func carriedInTheBrowser(t *testing.T, ctx context.Context, bin string) {
	prog := t.TempDir()
	live := filepath.Join(prog, "records", "live")
	if err := os.MkdirAll(live, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prog, "records", "march.toml"), []byte(marchRecord), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "actions", prog, "sync").CombinedOutput(); err != nil {
		t.Fatalf("actions sync: %v\n%s", err, out)
	}
	c := startRun(t, bin, "eu-db-latency", "--journal", filepath.Join(live, "s.journal.jsonl"), "--programme", prog)
	t.Cleanup(func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() })
	r := &room{console: c}
	// The room test's own first tab, which no other subtest navigates:
	// a tab of its own cost a renderer process more.
	tab := ctx
	item := `#region-carried .carried[data-key="carried/eu-db-latency/2026-03-10/1"]`
	do(t, tab, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(c.facilitator), chromedp.WaitVisible(chromedp.CSS(item)))
	shown := eval[string](t, tab, `document.querySelector(`+jsString(item)+`).innerText`)
	for _, want := range []string{"a replica-lag panel on the on-call board", "data-platform", "2026-04-30", "2026-03-10", "eu-db-latency/2026-03-10/1"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the carried action does not show %q:\n%s", want, shown)
		}
	}
	do(t, tab, press("#start"), waitSeq(1))
	seq := 1
	for range r.state(t).Round.Expect {
		seq++
		do(t, tab, press(`#region-round .expect[data-rated=""] button.rate[data-rating="partly"]`), waitSeq(seq))
	}
	do(t, tab, chromedp.KeyEvent("1"), waitSeq(seq+1), chromedp.WaitVisible(chromedp.CSS(item+`[data-rated="`+vocab.Rating.Values[0]+`"]`)))
	shoot(t, tab, "eu-db-latency-carried-rated", false)
	r.api(t, "POST", "/api/events", map[string]any{"kind": "end"})
	c.waitEnded(t, filepath.Join(live, "s.journal.jsonl"))
	record, err := os.ReadFile(filepath.Join(live, "s.record.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(record), "[[retested]]\naction = \"eu-db-latency/2026-03-10/1\"\nrating = \"met\"") {
		t.Errorf("the record does not say how the carried action was retested:\n%s", record)
	}
	out, err := exec.Command(bin, "actions", prog, "sync", "--close-met").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "eu-db-latency/2026-03-10/1: done on ") {
		t.Errorf("sync --close-met did not close the action (%v):\n%s", err, out)
	}
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
