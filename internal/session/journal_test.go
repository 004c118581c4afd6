package session

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/report"
)

// TestReadNeverWrites: a reader (record --journal) leaves a journal whose
// last line a crash cut short exactly as it was, bytes and mtime, even
// when it could write it; it says what it left out. Only Open repairs.
func TestReadNeverWrites(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	for _, mode := range []os.FileMode{0o444, 0o600} {
		j, path := newJournal(t, s, c)
		mustAppend(t, j, Event{Kind: start})
		j.Close()
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString(`{"seq":2,"at":"2026-12-01T14:01:00Z","t":60,"kind":"rev`)
		f.Close()
		old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
		os.Chtimes(path, old, old)
		os.Chmod(path, mode)
		before, _ := os.ReadFile(path)
		st, note, err := Read(s, path)
		if err != nil {
			t.Fatal(err)
		}
		after, _ := os.ReadFile(path)
		info, _ := os.Stat(path)
		if !bytes.Equal(before, after) || !info.ModTime().Equal(old) {
			t.Errorf("mode %v: Read changed the journal: %d bytes before, %d after, mtime %v", mode, len(before), len(after), info.ModTime())
		}
		if st.Seq != 1 || !strings.Contains(note, "line 2 was cut short") {
			t.Errorf("mode %v: seq %d, note %q", mode, st.Seq, note)
		}
	}
}

// recordOf is a state's record as record --journal and run write it,
// read back by the record checks and made into a report.
func recordOf(t *testing.T, st *State) (string, string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "r.toml")
	os.WriteFile(file, st.Record(), 0o644)
	r, err := records.LoadRecord(file, st.s)
	if err != nil {
		t.Fatalf("the record does not read: %v\n%s", err, st.Record())
	}
	return string(st.Record()), string(report.Markdown(st.s, r))
}

// TestClockNeverRunsBackwards: a wall clock stepped back (NTP, a journal
// moved between machines) or forward by a year never gives an event a t
// below the last one, a negative offset, or one that overflows, in the
// state, the record or the report; the session resumes after it.
func TestClockNeverRunsBackwards(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	for _, tc := range []struct {
		name string
		jump time.Duration
		pace float64
	}{
		{"back two hours", -2 * time.Hour, 0},
		{"back a week", -7 * 24 * time.Hour, 16},
		{"forward a year at pace 1440", 365 * 24 * time.Hour, 1440},
		{"forward forty years", 40 * 365 * 24 * time.Hour, 1440},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
			j, path := newJournal(t, s, c)
			mustAppend(t, j, Event{Kind: start, Pace: tc.pace})
			c.add(10 * time.Minute)
			mustAppend(t, j, Event{Kind: reveal, Clue: "c01"})
			c.add(tc.jump)
			if got, last := j.State().Clock(c.now), j.State().T; got < last || got > maxSessionSeconds {
				t.Errorf("the clock reads %v s after the jump, the last event %v s", got, last)
			}
			mustAppend(t, j, Event{Kind: note, Tag: "confusion", Text: "after the jump"})
			j.Close()
			again, err := Open(s, path, c.Now)
			if err != nil {
				t.Fatalf("the journal does not replay: %v", err)
			}
			defer again.Close()
			c.add(time.Minute)
			e := mustAppend(t, again, Event{Kind: note, Text: "after the restart"})
			st := again.State()
			prev := 0.0
			for _, e := range st.Events {
				if e.T < prev || e.T > maxSessionSeconds {
					t.Errorf("event %d at t=%v, after %v", e.Seq, e.T, prev)
				}
				prev = e.T
			}
			if e.T < 600 {
				t.Errorf("a new event at t=%v, before the last (600)", e.T)
			}
			rec, md := recordOf(t, st)
			if strings.Contains(rec, "T-") || strings.Contains(md, "T-") {
				t.Errorf("a negative offset in the record or report:\n%s", rec)
			}
			if f := st.Facilitator(c.now); strings.HasPrefix(f.Offset, "T-") || f.T < 0 {
				t.Errorf("the facilitator's clock reads %s (%v s)", f.Offset, f.T)
			}
		})
	}
}

// TestStoredTimesAreChecked: a hand-edited t that is negative, past the
// bound or below the previous event's is an error at its line, all at
// once; a journal whose at runs backwards replays on t.
func TestStoredTimesAreChecked(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	line := func(seq int, at string, t float64, rest string) string {
		return fmt.Sprintf(`{"seq":%d,"at":"2026-12-01T%sZ","t":%v,"kind":%s}`+"\n", seq, at, t, rest)
	}
	good := line(1, "14:00:00", 0, `"start"`) + line(2, "13:00:00", 60, `"reveal","clue":"c01"`) +
		line(3, "12:00:00", 60, `"pause"`) + line(4, "11:00:00", 60, `"resume"`)
	dir := t.TempDir()
	path := filepath.Join(dir, "ok.journal.jsonl")
	os.WriteFile(path, []byte(good), 0o600)
	st, _, err := Read(s, path)
	if err != nil {
		t.Fatalf("a journal whose at runs backwards: %v", err)
	}
	if st.T != 60 || st.Clock(time.Date(2026, 12, 1, 11, 0, 30, 0, time.UTC)) != 90 {
		t.Errorf("replayed on wall time: T %v, clock %v", st.T, st.Clock(time.Date(2026, 12, 1, 11, 0, 30, 0, time.UTC)))
	}
	start := line(1, "14:00:00", 0, `"start"`) + line(2, "14:01:00", 120, `"note","text":"a"`)
	for name, bad := range map[string]string{
		"negative":       line(3, "14:02:00", -5, `"note","text":"b"`),
		"past the bound": line(3, "14:02:00", 1e12, `"note","text":"b"`),
		"below the last": line(3, "14:02:00", 100, `"note","text":"b"`),
		"over a float64": strings.Replace(line(3, "14:02:00", 1, `"note","text":"b"`), `"t":1`, `"t":1e999`, 1),
	} {
		path := filepath.Join(dir, "bad.journal.jsonl")
		os.WriteFile(path, []byte(start+bad), 0o600)
		if _, _, err := Read(s, path); err == nil || !strings.Contains(err.Error(), "bad.journal.jsonl:3:") {
			t.Errorf("%s: want an error at line 3, got %v", name, err)
		}
	}
}

// TestPaceAndWho: a start's pace below 1 is refused (0 or none is the
// default, 1); a decision's free-text who reaches the record and the
// report as text, and a role's name becomes the role's id.
func TestPaceAndWho(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	for _, tc := range []struct {
		json string
		ok   bool
	}{
		{`{"kind":"start","pace":0.5}`, false}, {`{"kind":"start","pace":0.01}`, false}, {`{"kind":"start","pace":-1}`, false},
		{`{"kind":"start","pace":1441}`, false}, {`{"kind":"start","pace":0}`, true}, {`{"kind":"start"}`, true},
		{`{"kind":"start","pace":1}`, true}, {`{"kind":"start","pace":1440}`, true},
	} {
		_, err := Decode(s, []byte(tc.json), false)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.json, err)
		}
	}
	c := &clock{time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC)}
	j, _ := newJournal(t, s, c)
	mustAppend(t, j, Event{Kind: start})
	mustAppend(t, j, Event{Kind: decision, Text: "Page the DBA", Who: "Dana from the VP's office"})
	mustAppend(t, j, Event{Kind: decision, Text: "Post a status", Who: "ic"})
	rec, md := recordOf(t, j.State())
	for _, want := range []string{"Dana from the VP", `who = "ic"`} {
		if !strings.Contains(rec, want) {
			t.Errorf("the record does not say %q:\n%s", want, rec)
		}
	}
	if !strings.Contains(md, "Dana from the VP") {
		t.Errorf("the report does not say who decided:\n%s", md)
	}
}

// TestDefaultJournal: without --journal, run resumes the scenario's newest
// journal beside it when its session has not ended, whatever day it is;
// else it starts a new one named with today's date, numbered when an
// ended session of today has the name.
func TestDefaultJournal(t *testing.T) {
	t.Parallel()
	s := example(t, "eu-db-latency")
	c := &clock{time.Date(2026, 12, 1, 23, 50, 0, 0, time.UTC)}
	dir := t.TempDir()
	write := func(name string, ended bool) {
		j, err := Open(s, filepath.Join(dir, name), c.Now)
		if err != nil {
			t.Fatal(err)
		}
		mustAppend(t, j, Event{Kind: start})
		if ended {
			mustAppend(t, j, Event{Kind: End})
		}
		j.Close()
	}
	os.WriteFile(filepath.Join(dir, "other-2026-12-09.journal.jsonl"), []byte("not ours"), 0o600)
	write("eu-db-latency-2026-11-30.journal.jsonl", false)
	write("eu-db-latency-2026-12-01.journal.jsonl", false)
	today := time.Date(2026, 12, 2, 0, 10, 0, 0, time.UTC)
	for _, tc := range []struct {
		add     string
		ended   bool
		want    string
		resumed bool
	}{
		{"", false, "eu-db-latency-2026-12-01.journal.jsonl", true},
		{"eu-db-latency-2026-12-02.journal.jsonl", true, "eu-db-latency-2026-12-02-2.journal.jsonl", false},
		{"eu-db-latency-2026-12-02-2.journal.jsonl", false, "eu-db-latency-2026-12-02-2.journal.jsonl", true},
		{"eu-db-latency-2026-12-02-3.journal.jsonl", true, "eu-db-latency-2026-12-02-4.journal.jsonl", false},
	} {
		if tc.add != "" {
			write(tc.add, tc.ended)
		}
		path, resumed := DefaultJournal(s, dir, today)
		if filepath.Base(path) != tc.want || resumed != tc.resumed {
			t.Errorf("after %s: %s (resumed %v), want %s (%v)", tc.add, filepath.Base(path), resumed, tc.want, tc.resumed)
		}
	}
	f := FilesOf(filepath.Join("d", "x-2026-12-02.journal.jsonl"))
	if f.Tokens != filepath.Join("d", "x-2026-12-02.journal.tokens") || f.Record != filepath.Join("d", "x-2026-12-02.record.toml") ||
		f.Report != filepath.Join("d", "x-2026-12-02-report") || f.Holder != filepath.Join("d", "x-2026-12-02.journal.holder") {
		t.Errorf("the companions: %+v", f)
	}
}
