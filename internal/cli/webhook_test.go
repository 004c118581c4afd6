package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestWebhookURLIsNeverEchoed: a mistyped --webhook is a usage error whose
// stderr holds neither the URL's path, nor its query, nor its password.
func TestWebhookURLIsNeverEchoed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Cancelled: a URL taken by mistake ends the console at once instead
	// of serving until the test times out.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, raw := range []string{
		"https://chat.example.com/hooks/%zzs3cr3t", "https://chat.example.com/hooks/s3cr3t x", "https://chat.example.com:0/hooks/s3cr3t",
		"https://chat.example.com:65536/hooks/s3cr3t", "https://chat.example.com:abc/hooks/s3cr3t", "chat.example.com/hooks/s3cr3t",
		"ftp://chat.example.com/hooks/s3cr3t", "https://u:pw5ecret@chat.example.com:99999/hooks/s3cr3t?q5ecret",
		"https://chat.example.com/hooks/s3cr3t\x01",
	} {
		var stdout, stderr bytes.Buffer
		code := Run(ctx, []string{"propdeck", "run", "eu-db-latency", "--webhook", raw, "--journal", filepath.Join(dir, "j.jsonl")}, &stdout, &stderr)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d", raw, code, exitUsage)
		}
		for _, secret := range []string{"s3cr3t", "pw5ecret", "q5ecret"} {
			if strings.Contains(stderr.String()+stdout.String(), secret) {
				t.Errorf("%q: the output shows %q: %s", raw, secret, stderr.String())
			}
		}
	}
}
