package icsw

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

// TestCalendarsReadBackInAnotherParser: go-ical, a parser that is not this
// writer, reads every event back with its text as given, whatever the
// text holds; every line is CRLF-ended, at most 75 octets, valid UTF-8.
func TestCalendarsReadBackInAnotherParser(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("복제 지연 패널을 주문 DB 대시보드에 추가한다, ", 6)
	cases := []struct{ name, summary, desc string }{
		{"plain", "Add a replica lag panel", "Owner: data-platform"},
		{"syntax", "a;b,c\\d:e", "line one\r\nDTSTART:19700101\nEND:VEVENT\rBEGIN:VALARM"},
		{"korean folded", long, long + "\n" + long},
		{"control", "bell\x07 and tab\tkept", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			day := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
			data := Calendar(c.summary, day, []Event{{UID: "eu/2026-03-10/1@propdeck", Day: day, Summary: c.summary, Description: c.desc, URL: "https://tracker.example/ops/42?a=1;b=2"}})
			lines := strings.Split(string(data), "\r\n")
			for i, l := range lines[:len(lines)-1] {
				if len(l) > 75 || strings.ContainsAny(l, "\r\n") || !utf8.ValidString(l) {
					t.Errorf("line %d is %d octets or breaks UTF-8 or holds a bare line end: %q", i+1, len(l), l)
				}
			}
			cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			events := cal.Events()
			if len(events) != 1 {
				t.Fatalf("%d events, want 1", len(events))
			}
			e := events[0]
			want := func(s string) string { // what a TEXT value can hold of s
				s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
				return strings.ReplaceAll(s, "\x07", "")
			}
			if got, _ := e.Props.Text(ical.PropSummary); got != want(c.summary) {
				t.Errorf("summary %q, want %q", got, want(c.summary))
			}
			if got, _ := e.Props.Text(ical.PropDescription); got != want(c.desc) {
				t.Errorf("description %q, want %q", got, want(c.desc))
			}
			if start, err := e.DateTimeStart(time.UTC); err != nil || !start.Equal(day) {
				t.Errorf("start %v (%v), want %v", start, err, day)
			}
			if p := e.Props.Get(ical.PropDateTimeStart); p.ValueType() != ical.ValueDate {
				t.Errorf("DTSTART is %s, want an all-day DATE", p.ValueType())
			}
			if uid, _ := e.Props.Text(ical.PropUID); uid != "eu/2026-03-10/1@propdeck" {
				t.Errorf("uid %q", uid)
			}
			if e.Props.Get(ical.PropDateTimeStamp) == nil || len(e.Props.Values(ical.PropDateTimeStart)) != 1 {
				t.Errorf("DTSTAMP missing or a second DTSTART was injected")
			}
		})
	}
}
