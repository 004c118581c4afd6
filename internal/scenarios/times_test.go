package scenarios

import (
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/written"
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
		got, err := written.ParseOffsetValue(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseOffset(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if s := written.FormatOffset(got); s != tc.out {
			t.Errorf("FormatOffset(%v) = %q, want %q", got, s, tc.out)
		}
	}
	for _, bad := range []string{"", "10m", "T+", "T+10", "T+ten", "T+-5m", "X+5m", "T*5m"} {
		if _, err := written.ParseOffsetValue(bad); err == nil {
			t.Errorf("ParseOffset(%q) accepted", bad)
		}
	}
	for _, bad := range []string{"", "90", "-5m", "soon"} {
		if _, err := written.ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
}

func TestClockOffset(t *testing.T) {
	start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("", 3600))
	late := time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC)
	tests := []struct {
		start     time.Time
		in        string
		want      time.Duration
		ambiguous bool
	}{
		{start, "09:45", 45 * time.Minute, false},
		{start, "08:50", -10 * time.Minute, false},
		{start, "9:00:30", 30 * time.Second, false},
		{late, "00:15", 45 * time.Minute, true},
		{late, "23:00", -30 * time.Minute, false},
		// After T+0 on its day, a time stays on that day: 22:00 after a
		// 09:00 start ends the incident, it does not precede it.
		{start, "22:00", 13 * time.Hour, true},
		{start, "21:00", 12 * time.Hour, false},
		{start, "20:59", 11*time.Hour + 59*time.Minute, false},
		// Before T+0 by more than twelve hours: the next day, said.
		{late, "11:00", 11*time.Hour + 30*time.Minute, true},
	}
	for _, tt := range tests {
		got, note, err := written.ClockOffset(tt.start, tt.in)
		if err != nil || got != tt.want || (note.Key != "") != tt.ambiguous {
			t.Errorf("ClockOffset(%s, %q) = %v, %q, %v; want %v (ambiguous %v)", tt.start.Format("15:04"), tt.in, got, note, err, tt.want, tt.ambiguous)
		}
	}
	for _, bad := range []string{"24:00", "09:60", "9h", "09:45:99"} {
		if _, _, err := written.ClockOffset(start, bad); err == nil {
			t.Errorf("ClockOffset(%q) accepted", bad)
		}
	}
}

func TestWallClockTimesInAScenario(t *testing.T) {
	src := `format = 1
[scenario]
id = "t"
title = "t"
start = "2026-03-10T09:00:00+01:00"
[[roles]]
id = "ic"
name = "IC"
[[rounds]]
at = "09:10"
title = "r"
[[clues]]
id = "c1"
at = "09:45"
title = "x"
`
	s, err := Parse("t.toml", []byte(src), rules.DirSource("."), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Clues()[0].Offset != 45*time.Minute || s.Rounds()[0].Offset != 10*time.Minute {
		t.Errorf("offsets %v, %v; want 45m, 10m", s.Clues()[0].Offset, s.Rounds()[0].Offset)
	}
}
