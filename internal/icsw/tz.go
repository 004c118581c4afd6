package icsw

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// localFormat is a local date-time, the form DTSTART takes with a TZID.
const localFormat = "20060102T150405"

// zones writes a VTIMEZONE for each zone the timed events use, taken from
// Go's time zone database rather than from rules written by hand: every
// change of offset from a year before the first event to a year after the
// last repeat, each observance with its dates listed (DTSTART and RDATE),
// so that a reader needs no RRULE arithmetic to place any of them.
func zones(w func(string), events []Event) {
	spans := map[string]*[2]time.Time{}
	var names []string
	locs := map[string]*time.Location{}
	for _, e := range events {
		if e.Start.IsZero() {
			continue
		}
		name := e.Start.Location().String()
		end := e.last()
		if sp, ok := spans[name]; ok {
			sp[0], sp[1] = minTime(sp[0], e.Start), maxTime(sp[1], end)
			continue
		}
		spans[name], locs[name] = &[2]time.Time{e.Start, end}, e.Start.Location()
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		sp := spans[name]
		from := time.Date(sp[0].Year()-1, 1, 1, 0, 0, 0, 0, time.UTC)
		to := time.Date(sp[1].Year()+2, 1, 1, 0, 0, 0, 0, time.UTC)
		vtimezone(w, name, locs[name], from, to)
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// change is one change of a zone's offset.
type change struct {
	at       time.Time // the instant
	from, to int       // offsets east of UTC, in seconds
	abbr     string    // the name of the offset it changes to
	dst      bool      // whether it changes to daylight time
}

// observance groups the changes to one offset from one offset.
type observance struct {
	change
	dates []string // each change's local time in the offset it leaves
}

func vtimezone(w func(string), name string, loc *time.Location, from, to time.Time) {
	w("BEGIN:VTIMEZONE")
	w("TZID:" + name)
	obs := observances(loc, from, to)
	if len(obs) == 0 {
		// No change in the span: one observance from before it, at the
		// offset it keeps throughout.
		abbr, off := from.In(loc).Zone()
		obs = []observance{{change: change{from: off, to: off, abbr: abbr}, dates: []string{"19700101T000000"}}}
	}
	for _, o := range obs {
		kind := "STANDARD"
		if o.dst {
			kind = "DAYLIGHT"
		}
		w("BEGIN:" + kind)
		w("DTSTART:" + o.dates[0])
		if len(o.dates) > 1 {
			w("RDATE:" + strings.Join(o.dates[1:], ","))
		}
		w("TZOFFSETFROM:" + offset(o.from))
		w("TZOFFSETTO:" + offset(o.to))
		if o.abbr != "" && !strings.ContainsAny(o.abbr, "+-") {
			w("TZNAME:" + text(o.abbr))
		}
		w("END:" + kind)
	}
	w("END:VTIMEZONE")
}

// observances are the zone's changes in [from, to), grouped by what they
// change from and to, in the order each first happens.
func observances(loc *time.Location, from, to time.Time) []observance {
	var out []observance
	for _, c := range changes(loc, from, to) {
		local := c.at.Add(time.Duration(c.from) * time.Second).UTC().Format(localFormat)
		i := slices.IndexFunc(out, func(o observance) bool {
			return o.from == c.from && o.to == c.to && o.dst == c.dst && o.abbr == c.abbr
		})
		if i < 0 {
			out = append(out, observance{change: c})
			i = len(out) - 1
		}
		out[i].dates = append(out[i].dates, local)
	}
	return out
}

// changes finds every change of offset in [from, to): a day at a time,
// then to the second by halving, since Go's zone database is not
// enumerable but answers any instant.
func changes(loc *time.Location, from, to time.Time) []change {
	var out []change
	_, prev := from.In(loc).Zone()
	for t := from; t.Before(to); t = t.Add(24 * time.Hour) {
		next := t.Add(24 * time.Hour)
		_, off := next.In(loc).Zone()
		if off == prev {
			continue
		}
		lo, hi := t.Unix(), next.Unix() // in whole seconds: zones change on one
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if _, o := time.Unix(mid, 0).In(loc).Zone(); o == prev {
				lo = mid
			} else {
				hi = mid
			}
		}
		at := time.Unix(hi, 0).UTC()
		abbr, _ := at.In(loc).Zone()
		out = append(out, change{at: at, from: prev, to: off, abbr: abbr, dst: at.In(loc).IsDST()})
		prev = off
	}
	return out
}

// offset is an offset in seconds as +HHMM (or +HHMMSS when it has seconds).
func offset(s int) string {
	sign := "+"
	if s < 0 {
		sign, s = "-", -s
	}
	if s%60 != 0 {
		return fmt.Sprintf("%s%02d%02d%02d", sign, s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%s%02d%02d", sign, s/3600, s/60%60)
}
