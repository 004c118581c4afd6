package programme

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/icsw"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// Next is a scenario's next session, as --next on build and run puts it on
// the programme's plan.
type Next struct {
	Scenario *scenarios.Session
	Start    string // a wall clock, YYYY-MM-DDTHH:MM, in the plan's zone
}

// noPlanError is a programme folder without a plan to put a session on:
// the plan holds the organiser's time zone, which --next's wall clock needs.
type noPlanError struct{ Dir string }

func (e *noPlanError) Error() string { return e.Message().String() }

// Message is the error's words, to be said in the reader's language.
func (e *noPlanError) Message() text.Message {
	return text.M("next-no-plan", "dir", e.Dir, "file", planFile)
}

// NextCalendar is n as a calendar of one event, in the plan of dir's time
// zone, after checking that the plan reads and n's start is a wall clock
// there. It writes nothing: PutNext does.
func NextCalendar(ctx context.Context, dir string, n Next, stamp time.Time) ([]byte, error) {
	p, _, err := planText(ctx, dir)
	if err != nil {
		return nil, err
	}
	e, err := p.nextEvent(n)
	if err != nil {
		return nil, err
	}
	return icsw.Calendar(e.Summary, stamp, []icsw.Event{e}), nil
}

// nextEvent is n as the plan's calendars show it.
func (p *plan) nextEvent(n Next) (icsw.Event, error) {
	start, err := time.ParseInLocation(wallClock, n.Start, p.loc)
	if err != nil {
		return icsw.Event{}, text.Fail("next-not-a-clock", "value", n.Start, "zone", p.TimeZone)
	}
	id := n.Scenario.ID()
	f := &Folder{Scenarios: map[string]*scenarios.Session{id: n.Scenario}}
	return p.session(f, next{Scenario: id, Start: n.Start, start: start, length: 90 * time.Minute}, wordsIn(n.Scenario.Language())), nil
}

// planText is dir's plan, read and checked, and its text.
func planText(ctx context.Context, dir string) (*plan, []byte, error) {
	path := filepath.Join(dir, planFile)
	data, err := input.Read(ctx, path, input.MaxBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, &noPlanError{Dir: dir}
	}
	if err != nil {
		return nil, nil, text.Fail("file-error", "file", path, "err", err)
	}
	p, err := parsePlan(path, data)
	return p, data, err
}

// PutNext puts n on dir's plan under the folder's write lock, all or
// nothing: the scenario's [[next]] entry without a team gets n's start
// (its other lines kept), or a new entry is added at the end. Every other
// byte of the file stays as it was, and the new text is read back before
// it is written.
func PutNext(ctx context.Context, dir string, n Next) error {
	return output.Update(ctx, dir, func() ([]output.File, error) {
		p, data, err := planText(ctx, dir)
		if err != nil {
			return nil, err
		}
		if _, err := p.nextEvent(n); err != nil {
			return nil, err
		}
		edited, want := withNext(p, data, n.Scenario.ID(), n.Start)
		back, err := parsePlan(filepath.Join(dir, planFile), edited)
		if err != nil || !sameNext(back.Next, want) {
			return nil, text.Fail("next-not-edited", "path", filepath.Join(dir, planFile), "id", n.Scenario.ID(), "err", fmt.Sprint(err))
		}
		return []output.File{{Name: planFile, Data: edited}}, nil
	})
}

var (
	nextHeader = regexp.MustCompile(`^\s*\[\[\s*next\s*\]\]\s*(#.*)?$`)
	anyHeader  = regexp.MustCompile(`^\s*\[`)
	// startLine is a start key, its value quoted either way, and what
	// follows the value (a comment, the line end), which stays.
	startLine = regexp.MustCompile(`^(\s*start\s*=\s*)("[^"\\]*"|'[^']*')(.*\r?\n?)$`)
)

// withNext is the plan's text with scenario's next session at start, and
// the [[next]] list the text must read back as.
func withNext(p *plan, data []byte, scenario, start string) ([]byte, []next) {
	want := slices.Clone(p.Next)
	lines := strings.SplitAfter(string(data), "\n")
	eol := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		eol = "\r\n"
	}
	entry := -1
	for i, l := range lines {
		if nextHeader.MatchString(strings.TrimRight(l, "\r\n")) {
			entry++
			if entry < len(want) && want[entry].Scenario == scenario && want[entry].Team == "" {
				want[entry].Start = start
				replaceStart(lines, i+1, start)
				return []byte(strings.Join(lines, "")), want
			}
		}
	}
	text := string(data)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += eol
	}
	text += eol + "[[next]]" + eol + "scenario = " + tomlw.Quote(scenario) + eol + "start = " + tomlw.Quote(start) + eol
	return []byte(text), append(want, next{Scenario: scenario, Start: start})
}

// replaceStart sets the start line of the entry whose lines begin at from.
func replaceStart(lines []string, from int, start string) {
	for i := from; i < len(lines) && !anyHeader.MatchString(lines[i]); i++ {
		if m := startLine.FindStringSubmatch(lines[i]); m != nil {
			lines[i] = m[1] + tomlw.Quote(start) + m[3]
			return
		}
	}
}

// sameNext reports whether two [[next]] lists say the same.
func sameNext(a, b []next) bool {
	return slices.EqualFunc(a, b, func(x, y next) bool {
		return x.Scenario == y.Scenario && x.Team == y.Team && x.Start == y.Start && x.Duration == y.Duration && x.Where == y.Where
	})
}
