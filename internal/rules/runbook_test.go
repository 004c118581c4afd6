package rules

import (
	"strings"
	"testing"
)

func TestRunbookJoin(t *testing.T) {
	for _, tc := range []struct{ base, link, want string }{
		{"https://rb.example/ops", "/db/failover", "https://rb.example/ops/db/failover"},
		{"https://rb.example/ops/", "db/failover", "https://rb.example/ops/db/failover"},
		{"https://rb.example/ops//", "//db/failover", "https://rb.example/ops/db/failover"},
		{"https://rb.example/ops", "https://other.example/x", "https://other.example/x"},
		{"", "http://plain.example/x", "http://plain.example/x"},
	} {
		got, err := runbook(tc.base, tc.link)
		if err != nil || got != tc.want {
			t.Errorf("Runbook(%q, %q) = %q, %v; want %q", tc.base, tc.link, got, err, tc.want)
		}
	}
	for _, bad := range []string{"ftp://x/y", "mailto:a@b", "javascript:alert(1)", "relative/no/base"} {
		if _, err := runbook("", bad); err == nil {
			t.Errorf("Runbook(%q) accepted", bad)
		}
	}
}

func TestRunbooksWithInvisibleCharacters(t *testing.T) {
	for _, link := range []string{"https://rb.example/a b", "https://rb.example/a\u3164", "https://rb.example/\u200bx", "roles/i c"} {
		if _, err := runbook("https://rb.example/", link); err == nil || !strings.Contains(err.Error(), "invisible") {
			t.Errorf("%q: %v", link, err)
		}
	}
	if u, err := runbook("https://wiki.example.kr/", "런북/결제"); err != nil || u != "https://wiki.example.kr/런북/결제" {
		t.Errorf("a Korean path: %q, %v", u, err)
	}
}
