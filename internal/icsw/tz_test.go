package icsw

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

// TestTimedEventsKeepLocalTimeAcrossDST writes sessions at 10:00 local
// time on both sides of daylight-saving changes (north and south, and a
// zone without any), then reads the calendar back with go-ical and places
// each start by the VTIMEZONE alone, as a calendar without Go's zone
// database would: every start must be the instant Go gives for 10:00 there.
func TestTimedEventsKeepLocalTimeAcrossDST(t *testing.T) {
	t.Parallel()
	for _, zone := range []string{"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Seoul"} {
		t.Run(zone, func(t *testing.T) {
			t.Parallel()
			loc, err := time.LoadLocation(zone)
			if err != nil {
				t.Skip(err)
			}
			var events []Event
			for m := 1; m <= 12; m++ {
				events = append(events, Event{UID: "s" + strconv.Itoa(m) + "@propdeck", Summary: "Session", Start: time.Date(2026, time.Month(m), 10, 10, 0, 0, 0, loc), Duration: 90 * time.Minute})
			}
			events = append(events, Event{UID: "review@propdeck", Summary: "Review", Start: time.Date(2026, 3, 5, 9, 30, 0, 0, loc), Duration: time.Hour, Every: 2, Count: 12})
			data := Calendar("plan", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), events)
			cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
			if err != nil {
				t.Fatalf("%v\n%s", err, data)
			}
			obs := readZone(t, cal, zone)
			for i, e := range cal.Events() {
				p := e.Props.Get(ical.PropDateTimeStart)
				if p.Params.Get(ical.ParamTimezoneID) != zone {
					t.Fatalf("event %d: TZID %q", i, p.Params.Get(ical.ParamTimezoneID))
				}
				local, err := time.Parse(localFormat, p.Value)
				if err != nil {
					t.Fatal(err)
				}
				want := events[i].Start
				if got := local.Add(-time.Duration(obs.offsetAt(local)) * time.Second); !got.Equal(want) {
					t.Errorf("event %d: the VTIMEZONE puts %s at %v UTC, Go at %v", i, p.Value, got, want.UTC())
				}
			}
			// Every repeat of the review, too: six a year at 09:30 local.
			for k := 0; k < 12; k++ {
				want := time.Date(2026, time.Month(3+2*k), 5, 9, 30, 0, 0, loc)
				local := time.Date(want.Year(), want.Month(), want.Day(), 9, 30, 0, 0, time.UTC)
				if got := local.Add(-time.Duration(obs.offsetAt(local)) * time.Second); !got.Equal(want) {
					t.Errorf("review %d: the VTIMEZONE puts it at %v UTC, Go at %v", k, got, want.UTC())
				}
			}
		})
	}
}

// zoneRules are a VTIMEZONE's observances: each local onset and the
// offset from then on.
type zoneRules []struct {
	onset    time.Time // local, in the offset it leaves
	from, to int
}

// offsetAt is the offset in effect at a local time: the latest onset not
// after it (a local time in a gap or overlap is not asked here).
func (z zoneRules) offsetAt(local time.Time) int {
	best, off := time.Time{}, 0
	for _, r := range z {
		if !r.onset.After(local) && r.onset.After(best) {
			best, off = r.onset, r.to
		}
	}
	if best.IsZero() && len(z) > 0 {
		return z[0].from
	}
	return off
}

func readZone(t *testing.T, cal *ical.Calendar, zone string) zoneRules {
	t.Helper()
	var z zoneRules
	for _, c := range cal.Children {
		if c.Name != ical.CompTimezone {
			continue
		}
		if id, _ := c.Props.Text(ical.PropTimezoneID); id != zone {
			t.Fatalf("VTIMEZONE %q, want %q", id, zone)
		}
		for _, o := range c.Children {
			from, to := parseOffset(t, o.Props.Get(ical.PropTimezoneOffsetFrom).Value), parseOffset(t, o.Props.Get(ical.PropTimezoneOffsetTo).Value)
			dates := []string{o.Props.Get(ical.PropDateTimeStart).Value}
			if rd := o.Props.Get(ical.PropRecurrenceDates); rd != nil {
				dates = append(dates, strings.Split(rd.Value, ",")...)
			}
			for _, d := range dates {
				at, err := time.Parse(localFormat, d)
				if err != nil {
					t.Fatal(err)
				}
				z = append(z, struct {
					onset    time.Time
					from, to int
				}{at, from, to})
			}
		}
		return z
	}
	t.Fatalf("no VTIMEZONE for %s", zone)
	return nil
}

func parseOffset(t *testing.T, s string) int {
	t.Helper()
	if len(s) < 5 {
		t.Fatalf("offset %q", s)
	}
	h, _ := strconv.Atoi(s[1:3])
	m, _ := strconv.Atoi(s[3:5])
	v := h*3600 + m*60
	if s[0] == '-' {
		v = -v
	}
	return v
}
