package scenarios

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/written"
)

func load(t *testing.T, name string) *Session {
	t.Helper()
	s, err := loadShipped(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func clue(t *testing.T, s *Session, kind string) written.Clue {
	t.Helper()
	for _, c := range s.Clues() {
		if c.Kind == kind && (c.Log == nil || c.Log.Generate != nil) {
			return c
		}
	}
	t.Fatalf("no %s clue", kind)
	return written.Clue{}
}

func TestGeneratedLinesFallInsideTheirWindow(t *testing.T) {
	s := load(t, "eu-db-latency")
	c := clue(t, s, "log")
	es := s.LogEntries(c)
	gen, explicit := 0, 0
	for i, e := range es {
		if e.Offset < c.Log.FromOffset || e.Offset > c.Log.ToOffset {
			t.Errorf("line %d at %v outside %v..%v", i, e.Offset, c.Log.FromOffset, c.Log.ToOffset)
		}
		if i > 0 && e.Offset < es[i-1].Offset {
			t.Errorf("line %d out of time order", i)
		}
		if e.Explicit {
			explicit++
		} else {
			gen++
			if strings.Contains(e.Msg, "{n}") {
				t.Errorf("placeholder left in %q", e.Msg)
			}
		}
	}
	if gen != int(c.Log.Generate.Count) || explicit != len(c.Log.Lines) {
		t.Errorf("%d generated (want %d), %d explicit (want %d)", gen, c.Log.Generate.Count, explicit, len(c.Log.Lines))
	}
}

func TestGenerationIsRepeatable(t *testing.T) {
	s := load(t, "eu-db-latency")
	c := clue(t, s, "log")
	a, b := s.LogEntries(c), s.LogEntries(c)
	for i := range a {
		if FormatLog(a[i], "json", s.Meta().StartTime) != FormatLog(b[i], "json", s.Meta().StartTime) {
			t.Fatalf("line %d differs between runs", i)
		}
	}
	s2 := s.w
	s2.Scenario.Seed++
	c2 := entriesOf(&s2, c)
	same := 0
	for i := range a {
		if a[i].Offset == c2[i].Offset && a[i].Msg == c2[i].Msg {
			same++
		}
	}
	if same == len(a) {
		t.Error("another seed gives the same lines")
	}
}

func TestFormats(t *testing.T) {
	start := time.Date(2026, 3, 10, 9, 0, 0, 0, time.FixedZone("", 3600))
	e := LogEntry{Offset: 2*time.Minute + 14*time.Second, Level: "error", Msg: "pq: canceling statement", Fields: map[string]string{"route": "/checkout", "a": "x y", "user": "김철수"}}
	for _, tc := range []struct{ format, want string }{
		{"plain", `2026-03-10T09:02:14+01:00 ERROR pq: canceling statement a="x y" route=/checkout user=김철수`},
		{"logfmt", `time=2026-03-10T09:02:14+01:00 level=error msg="pq: canceling statement" a="x y" route=/checkout user=김철수`},
		{"json", `{"time":"2026-03-10T09:02:14+01:00","level":"error","msg":"pq: canceling statement","a":"x y","route":"/checkout","user":"김철수"}`},
	} {
		if got := FormatLog(e, tc.format, start); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.format, got, tc.want)
		}
	}
	var m map[string]string
	if err := json.Unmarshal([]byte(FormatLog(e, "json", start)), &m); err != nil || m["user"] != "김철수" {
		t.Errorf("json line does not parse back: %v %v", err, m)
	}
	if got := FormatLog(LogEntry{Raw: "2026-03-10 09:20:01 LOG: raw line"}, "json", start); got != "2026-03-10 09:20:01 LOG: raw line" {
		t.Errorf("an imported line was changed: %q", got)
	}
}

func f(v float64) *float64 { return &v }

func TestRampsReachTheirTarget(t *testing.T) {
	sr := written.Series{Baseline: f(100), Changes: []written.Change{
		{Offset: 0, To: 500, OverValue: 4 * time.Minute},
		{Offset: 10 * time.Minute, To: 50, OverValue: 0},
	}}
	for _, tc := range []struct {
		at   time.Duration
		want float64
	}{
		{-time.Minute, 100}, {0, 100}, {2 * time.Minute, 300}, {4 * time.Minute, 500}, {9 * time.Minute, 500},
		{10 * time.Minute, 50}, {time.Hour, 50},
	} {
		if got := level(sr, tc.at); got != tc.want {
			t.Errorf("Level at %v = %v, want %v", tc.at, got, tc.want)
		}
	}
}

func TestSamplesStayNearTheLevel(t *testing.T) {
	s := load(t, "eu-db-latency")
	c := clue(t, s, "metric")
	for _, sr := range c.Metric.Series {
		samples := samplesOf(&s.w, c, sr)
		want := int((c.Metric.ToOffset-c.Metric.FromOffset)/c.Metric.StepValue) + 1
		if len(samples) != want {
			t.Errorf("%s: %d samples, want %d", sr.Name, len(samples), want)
		}
		for _, p := range samples {
			level := level(sr, p.Offset)
			if d := (p.Value - level) / level; d > 3*sr.Noise+1e-9 || d < -3*sr.Noise-1e-9 {
				t.Errorf("%s at %v: %v is too far from %v", sr.Name, p.Offset, p.Value, level)
			}
		}
		again := samplesOf(&s.w, c, sr)
		for i := range samples {
			if samples[i] != again[i] {
				t.Fatal("samples differ between runs")
			}
		}
	}
}

func TestContradicts(t *testing.T) {
	for _, tc := range []struct {
		msg, level string
		want       bool
	}{
		{"GET /cart 200", "error", true},
		{"GET /cart 200", "info", false},
		{"POST /pay 302", "fatal", true},
		{"upstream timeout", "info", true},
		{"lookup db.internal: no such host", "info", true},
		{"connection refused", "debug", true},
		{"connection refused", "error", false},
		{"GET /pay 503", "info", true},
		{"status=500", "info", true},
		{"cache miss key=cart:1234", "error", false},
		{"took 250ms", "error", false},
		{"health check ok", "error", true},
	} {
		if got := contradicts(tc.msg, tc.level); got != tc.want {
			t.Errorf("Contradicts(%q, %s) = %v, want %v", tc.msg, tc.level, got, tc.want)
		}
	}
}

// TestGeneratedLinesAgreeWithTheirLevel: no generated line of a shipped
// example, nor of a scenario that asks for every level, contradicts its level.
func TestGeneratedLinesAgreeWithTheirLevel(t *testing.T) {
	src := `format = 1
[scenario]
id = "t"
title = "t"
[[roles]]
id = "ic"
name = "IC"
[[clues]]
id = "c1"
at = "T+0"
title = "logs"
  [clues.log]
  [clues.log.generate]
  count = 400
  levels = { debug = 1, info = 1, warn = 1, error = 1, fatal = 1 }
  messages = ["GET /cart 200", "upstream timeout", "partition {n:0-11} rebalanced", "cache miss"]
[[clues]]
id = "c2"
at = "T+0"
title = "by level"
  [clues.log]
  [clues.log.generate]
  count = 100
  messages = { info = ["GET / 200"], error = ["upstream timeout after {n:100-200}ms"] }
`
	s, err := Parse("t.toml", []byte(src), rules.DirSource("."), nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range s.Clues() {
		for _, e := range s.LogEntries(c) {
			if contradicts(e.Msg, e.Level) {
				t.Errorf("%s: %q at %s", c.ID, e.Msg, e.Level)
			}
			seen[c.ID+" "+e.Level] = true
			if m := regexp.MustCompile(`partition (\d+)`).FindStringSubmatch(e.Msg); m != nil {
				if n, _ := strconv.Atoi(m[1]); n > 11 {
					t.Errorf("{n:0-11} gave %d", n)
				}
			}
			if m := regexp.MustCompile(`after (\d+)ms`).FindStringSubmatch(e.Msg); m != nil {
				if n, _ := strconv.Atoi(m[1]); n < 100 || n > 200 || e.Level != "error" {
					t.Errorf("by level: %q at %s", e.Msg, e.Level)
				}
			}
			if e.Msg == "GET / 200" && e.Level != "info" {
				t.Errorf("by level: %q at %s", e.Msg, e.Level)
			}
		}
	}
	for _, want := range []string{"c1 debug", "c1 fatal", "c2 info", "c2 error"} {
		if !seen[want] {
			t.Errorf("no line for %s", want)
		}
	}
	for _, ex := range shippedExamples() {
		s, err := loadShipped(ex.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range s.Clues() {
			if c.Log == nil {
				continue
			}
			for _, e := range s.LogEntries(c) {
				if !e.Explicit && contradicts(e.Msg, e.Level) {
					t.Errorf("%s %s: %q at %s", ex.Name, c.ID, e.Msg, e.Level)
				}
			}
		}
	}
}
