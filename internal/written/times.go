package written

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/text"
)

// parseOffset reads a time relative to the start of the incident:
// "T+0", "T+10m", "T-5m", "T+1h30m", "T+2m14s".
func parseOffset(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "T" || t == "T+0" || t == "T-0" {
		return 0, nil
	}
	if len(t) < 3 || (t[0] != 'T' && t[0] != 't') || (t[1] != '+' && t[1] != '-') {
		return 0, text.Fail("offset-form", "value", s)
	}
	d, err := time.ParseDuration(t[2:])
	if err != nil || strings.ContainsAny(t[2:], "+-") {
		if _, nerr := strconv.Atoi(t[2:]); nerr == nil {
			return 0, text.Fail("offset-no-unit", "value", s, "minutes", t+"m")
		}
		return 0, text.Fail("offset-duration", "value", s)
	}
	if d > MaxOffset {
		return 0, text.Fail("offset-past-week", "value", s)
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
// start. A time after start on its day stays on that day (an incident
// that ends at 22:00 after starting at 09:00 lasted 13 hours); a time
// before it is read on that day when within twelve hours, else on the
// next day (a session past midnight). When the other day is as likely,
// because the time is more than twelve hours from start on its day, note
// says how it was read, for a warning at its line.
func ClockOffset(start time.Time, s string) (off time.Duration, note text.Message, err error) {
	m := clockPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, note, text.Fail("clock-form", "value", s)
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	sec := 0
	if m[3] != "" {
		sec, _ = strconv.Atoi(m[3])
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, note, text.Fail("clock-not-time-of-day", "value", s)
	}
	y, mo, d := start.Date()
	off = time.Date(y, mo, d, h, mi, sec, 0, start.Location()).Sub(start)
	switch {
	case off > 12*time.Hour:
		note = text.M("clock-read-later", "value", s, "offset", FormatOffset(off), "start", start.Format("15:04"), "full", start.Add(off-24*time.Hour).Format(time.RFC3339))
	case off < -12*time.Hour:
		off += 24 * time.Hour
		note = text.M("clock-read-next-day", "value", s, "offset", FormatOffset(off), "start", start.Format("15:04"), "full", start.Add(off-24*time.Hour).Format(time.RFC3339))
	}
	return off, note, nil
}

// ParseDuration reads a plain, non-negative Go duration such as "90m".
func ParseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, text.Fail("duration-form", "value", s)
	}
	if d < 0 {
		return 0, text.Fail("duration-negative", "value", s)
	}
	if d > MaxOffset {
		return 0, text.Fail("duration-past-week", "value", s)
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

// ParseTimestamp reads a moment as exports write it: RFC 3339; a date and
// time with a zone name or offset ("2018-10-21 22:54:12 UTC"); a date and
// time without one, as Grafana's CSV writes it ("2018-10-21 22:24:00"),
// read in loc; or Unix epoch seconds, as Slack exports write them
// ("1540162452.000200"), or milliseconds.
func ParseTimestamp(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, layout := range []string{"2006-01-02 15:04:05 MST", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05.000"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return epoch(s)
}

var epochPattern = regexp.MustCompile(`^(\d{9,13})(?:\.(\d{1,9}))?$`)

func epoch(s string) (time.Time, bool) {
	m := epochPattern.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	if len(m[1]) >= 12 { // milliseconds
		return time.UnixMilli(n).UTC(), true
	}
	frac := 0
	if m[2] != "" {
		frac, _ = strconv.Atoi((m[2] + "000000000")[:9])
	}
	return time.Unix(n, int64(frac)).UTC(), true
}

// SniffComma is the field separator of a CSV export: a comma, or the
// semicolon (or tab) that spreadsheets in many locales write, whichever
// the header line holds most of outside quotes.
func SniffComma(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data) {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '\n' && !quoted:
			return pick(counts)
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	return pick(counts)
}

func pick(counts map[rune]int) rune {
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// ParseOffsetValue reads an offset such as T+12m, for files and requests
// beside the scenario (a journal's observed time).
func ParseOffsetValue(s string) (time.Duration, error) { return parseOffset(s) }
