package suggest

import "testing"

func TestClosest(t *testing.T) {
	levels := []string{"debug", "info", "warn", "error", "fatal"}
	tests := []struct {
		name  string
		known []string
		want  string
	}{
		{"warning", levels, "warn"},
		{"err", levels, "error"},
		{"WARN", levels, "warn"},
		{"A6", []string{"quarter", "a6", "poker"}, "a6"},
		{"alret", []string{"alert", "observation"}, "alert"},
		{"eu-db-latenc", []string{"dns-change-ko", "eu-db-latency", "leaked-credential"}, "eu-db-latency"},
		{"long", []string{"none", "long-edge", "short-edge"}, "long-edge"},
		{"zzz", levels, ""},
		{"in", levels, ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.name, tt.known); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
