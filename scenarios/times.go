package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ParseOffset reads a time relative to the start of the incident:
// "T+0", "T+10m", "T-5m", "T+1h30m", "T+2m14s".
func ParseOffset(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "T" || t == "T+0" || t == "T-0" {
		return 0, nil
	}
	if len(t) < 3 || (t[0] != 'T' && t[0] != 't') || (t[1] != '+' && t[1] != '-') {
		return 0, fmt.Errorf("time %q must look like T+10m, T-5m or T+1h30m", s)
	}
	d, err := time.ParseDuration(t[2:])
	if err != nil || strings.ContainsAny(t[2:], "+-") {
		if _, nerr := strconv.Atoi(t[2:]); nerr == nil {
			return 0, fmt.Errorf("time %q has no unit: did you mean %q?", s, t+"m")
		}
		return 0, fmt.Errorf("time %q must look like T+10m, T-5m or T+1h30m (a Go duration after T+ or T-)", s)
	}
	if d > MaxOffset {
		return 0, fmt.Errorf("time %q is more than a week from T+0; a tabletop's times lie within a week of the incident", s)
	}
	if t[1] == '-' {
		d = -d
	}
	return d, nil
}

// Limits on times, so that no arithmetic on them can overflow and no chart
// or log window can ask for more samples than a card can show.
const (
	MaxOffset  = 7 * 24 * time.Hour // any time, either side of T+0
	MaxWindow  = 24 * time.Hour     // a metric or log window, from..to
	MaxSamples = 5000               // samples in one metric series
)

var clockPattern = regexp.MustCompile(`^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$`)

// IsClock reports whether s is written as a wall clock, "HH:MM" or "HH:MM:SS".
func IsClock(s string) bool { return clockPattern.MatchString(s) }

// ClockOffset turns a wall clock on the day of start into an offset from
// start. A session that runs past midnight is read the natural way: the
// clock time nearest to start, within twelve hours either side.
func ClockOffset(start time.Time, s string) (time.Duration, error) {
	m := clockPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("time %q must look like 09:45 or 09:45:30", s)
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	sec := 0
	if m[3] != "" {
		sec, _ = strconv.Atoi(m[3])
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, fmt.Errorf("time %q is not a time of day", s)
	}
	y, mo, d := start.Date()
	t := time.Date(y, mo, d, h, mi, sec, 0, start.Location())
	off := t.Sub(start)
	switch {
	case off > 12*time.Hour:
		off -= 24 * time.Hour
	case off < -12*time.Hour:
		off += 24 * time.Hour
	}
	return off, nil
}

// ParseDuration reads a plain, non-negative Go duration such as "90m".
func ParseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("duration %q must be a Go duration such as 90m, 30s or 1h30m", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("duration %q must not be negative", s)
	}
	if d > MaxOffset {
		return 0, fmt.Errorf("duration %q is longer than a week", s)
	}
	return d, nil
}

// FormatOffset prints an offset the way authors write them: T+0, T+10m,
// T-5m, T+1h30m, T+2m14s.
func FormatOffset(d time.Duration) string {
	if d == 0 {
		return "T+0"
	}
	sign := "+"
	if d < 0 {
		sign, d = "-", -d
	}
	return "T" + sign + FormatDuration(d)
}

// FormatDuration prints a duration without zero units: 1h30m, 10m, 2m14s.
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// DefaultStart is T+0 when a scenario gives no scenario.start: a fixed time,
// so that builds stay repeatable.
var DefaultStart = time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("+01:00", 3600))
