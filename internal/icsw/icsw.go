// Package icsw writes iCalendar files (RFC 5545) of all-day events, with
// outside text (action titles, owners, notes) as TEXT values, never as
// syntax: a line break, ";", "," or "\" in a title cannot start a property
// or a parameter. Lines end in CRLF and fold at 75 octets, never inside a
// UTF-8 character, as the RFC asks.
package icsw

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one all-day event, or, when Start is set, a timed one in
// Start's time zone.
type Event struct {
	UID         string
	Day         time.Time // an all-day event's date; the time of day is ignored
	Summary     string
	Description string
	URL         string // an http(s) address the caller has checked

	Start    time.Time     // a timed event's start, in the organiser's zone (its Location)
	Duration time.Duration // a timed event's length
	Every    int           // months (or weeks, by Freq) between repeats of a timed event; 0: once
	Freq     string        // MONTHLY (when empty) or WEEKLY
	Count    int           // how many times it happens when it repeats
}

// Calendar is a VCALENDAR of events. stamp is DTSTAMP for every event: a
// day the caller gives, so that the same input gives the same bytes.
func Calendar(name string, stamp time.Time, events []Event) []byte {
	var b strings.Builder
	w := func(s string) { fold(&b, s) }
	w("BEGIN:VCALENDAR")
	w("VERSION:2.0")
	w("PRODID:-//propdeck//propdeck programme//EN")
	w("CALSCALE:GREGORIAN")
	w("X-WR-CALNAME:" + text(name))
	zones(w, events)
	for _, e := range events {
		w("BEGIN:VEVENT")
		w("UID:" + text(e.UID))
		w("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		when(w, e)
		w("SUMMARY:" + text(e.Summary))
		if e.Description != "" {
			w("DESCRIPTION:" + text(e.Description))
		}
		if e.URL != "" && !strings.ContainsFunc(e.URL, func(r rune) bool { return r < 0x21 || r == 0x7f }) {
			w("URL:" + e.URL)
		}
		if e.Start.IsZero() {
			w("TRANSP:TRANSPARENT")
		}
		w("END:VEVENT")
	}
	w("END:VCALENDAR")
	return []byte(b.String())
}

// text escapes s as an iCalendar TEXT value (RFC 5545 3.3.11): "\", ";"
// and "," get a backslash, a line break (CRLF, CR or LF) becomes "\n",
// and other control characters, which TEXT may not hold, are dropped.
func text(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 && r != '\t', r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold writes one content line: at most 75 octets a line, a continuation
// starting with a space, each break between two UTF-8 characters.
func fold(b *strings.Builder, line string) {
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut] + "\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line + "\r\n")
}

// when writes an event's start and end: all-day dates, or local times
// with their zone's TZID, so that a calendar keeps a 10:00 session at
// 10:00 on either side of a daylight-saving change.
func when(w func(string), e Event) {
	if e.Start.IsZero() {
		w("DTSTART;VALUE=DATE:" + e.Day.Format("20060102"))
		w("DTEND;VALUE=DATE:" + e.Day.AddDate(0, 0, 1).Format("20060102"))
		return
	}
	tz := e.Start.Location().String()
	w("DTSTART;TZID=" + paramValue(tz) + ":" + e.Start.Format(localFormat))
	w("DTEND;TZID=" + paramValue(tz) + ":" + e.Start.Add(e.Duration).Format(localFormat))
	if e.Every > 0 && e.Count > 1 {
		w(fmt.Sprintf("RRULE:FREQ=%s;INTERVAL=%d;COUNT=%d", e.freq(), e.Every, e.Count))
	}
}

// paramValue quotes a parameter value that holds a character a bare one
// may not (RFC 5545 3.2: ":", ";", ","); a zone name never holds a quote.
func paramValue(s string) string {
	if strings.ContainsAny(s, ":;,") {
		return `"` + strings.ReplaceAll(s, `"`, "") + `"`
	}
	return s
}

func (e Event) freq() string {
	if e.Freq == "WEEKLY" {
		return e.Freq
	}
	return "MONTHLY"
}

// last is when a repeating event happens for the last time.
func (e Event) last() time.Time {
	n := e.Every * max(e.Count-1, 0)
	if e.freq() == "WEEKLY" {
		return e.Start.AddDate(0, 0, 7*n)
	}
	return e.Start.AddDate(0, n, 0)
}
