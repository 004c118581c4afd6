package scenarios

import (
	"testing"
	"time"
)

func TestOffsets(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		out  string
	}{
		{"T+0", 0, "T+0"},
		{"T+10m", 10 * time.Minute, "T+10m"},
		{"T-5m", -5 * time.Minute, "T-5m"},
		{"T+1h30m", 90 * time.Minute, "T+1h30m"},
		{"T+2m14s", 2*time.Minute + 14*time.Second, "T+2m14s"},
		{"T+2h", 2 * time.Hour, "T+2h"},
		{" T+30s ", 30 * time.Second, "T+30s"},
	} {
		got, err := ParseOffset(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseOffset(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if s := FormatOffset(got); s != tc.out {
			t.Errorf("FormatOffset(%v) = %q, want %q", got, s, tc.out)
		}
	}
	for _, bad := range []string{"", "10m", "T+", "T+10", "T+ten", "T+-5m", "X+5m", "T*5m"} {
		if _, err := ParseOffset(bad); err == nil {
			t.Errorf("ParseOffset(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"", "90", "-5m", "soon"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
}
