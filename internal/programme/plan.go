package programme

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	// The organiser's zone must resolve on a machine without a zone
	// database (a container, Windows): the calendars' times depend on it.
	_ "time/tzdata"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/icsw"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
)

// planFile is the programme's plan, beside its ledger.
const planFile = "programme.toml"

// plan is what comes next: the sessions planned and the ledger's review.
type plan struct {
	Format   int64  `toml:"format" required:"true" const:"1" doc:"Programme plan format version; always 1."`
	TimeZone string `toml:"timezone" required:"true" doc:"The organiser's time zone, an IANA name such as Europe/Berlin or Asia/Seoul: every time in the plan is a wall clock there."`
	Review   review `toml:"review" doc:"The review of the action ledger, repeating."`
	Next     []next `toml:"next" doc:"The next session of a scenario or a team, one entry each."`

	loc *time.Location
}

type review struct {
	First    string `toml:"first" doc:"The first review, a wall clock YYYY-MM-DDTHH:MM in the plan's time zone."`
	Every    string `toml:"every" doc:"How often: N weeks or N months, e.g. \"2 months\" (the default)."`
	Duration string `toml:"duration" format:"duration" doc:"How long a review takes, e.g. 60m (the default)."`
	Count    int64  `toml:"count" doc:"How many reviews the calendar holds; default 6."`

	start    time.Time
	interval int
	freq     string
	length   time.Duration
}

type next struct {
	Scenario string `toml:"scenario" doc:"The id of the scenario the session plays; scenario, team or both."`
	Team     string `toml:"team" doc:"The team that plays it, as records name it."`
	Start    string `toml:"start" required:"true" doc:"When, a wall clock YYYY-MM-DDTHH:MM in the plan's time zone."`
	Duration string `toml:"duration" format:"duration" doc:"How long, e.g. 90m (the default)."`
	Where    string `toml:"where" doc:"The room or the call's address."`

	start  time.Time
	length time.Duration
}

const wallClock = "2006-01-02T15:04"

var every = regexp.MustCompile(`^([1-9][0-9]?) (week|month)s?$`)

// PlanSchema is the JSON Schema of programme plans, for editors.
func PlanSchema() []byte {
	return rules.SchemaOf(reflect.TypeOf(plan{}), "programme-format-1", "propdeck programme plan, format 1",
		"What comes next in an exercise programme: the next session of each scenario or team and the review of the action ledger, in the organiser's time zone.")
}

// readPlan reads DIR/programme.toml, strictly; nil without one.
func readPlan(ctx context.Context, dir string) (*plan, error) {
	p, _, err := planText(ctx, dir)
	var none *noPlanError
	if errors.As(err, &none) {
		return nil, nil
	}
	return p, err
}

// parsePlan decodes a plan's text, strictly, with its rules.
func parsePlan(path string, data []byte) (*plan, error) {
	var p plan
	err := rules.DecodeFileKeyed(path, data, &p, cards.Printing, text.M("plan-empty"), func(c rules.Check) {
		if p.Format != 1 && p.Format != 0 {
			c.Errorf("format", "format-unsupported", "format", p.Format, "kind", text.M("format-plan"))
		}
		loc, lerr := time.LoadLocation(p.TimeZone)
		if lerr != nil || p.TimeZone == "" || p.TimeZone == "Local" {
			c.Errorf("timezone", "plan-bad-timezone", "value", p.TimeZone)
			loc = time.UTC
		}
		p.loc = loc
		p.checkReview(c)
		for i := range p.Next {
			p.checkNext(i, c)
		}
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

func (p *plan) checkReview(c rules.Check) {
	r := &p.Review
	r.interval, r.freq, r.length = 2, "MONTHLY", time.Hour
	if r.First == "" {
		return
	}
	var err error
	if r.start, err = time.ParseInLocation(wallClock, r.First, p.loc); err != nil {
		c.Errorf("review.first", "plan-not-a-clock", "key", "review.first", "value", r.First)
	}
	if r.Every != "" {
		m := every.FindStringSubmatch(r.Every)
		if m == nil {
			c.Errorf("review.every", "plan-bad-every", "value", r.Every)
		} else {
			r.interval, _ = strconv.Atoi(m[1])
			r.freq = map[string]string{"week": "WEEKLY", "month": "MONTHLY"}[m[2]]
		}
	}
	if r.Duration != "" {
		r.length, _ = time.ParseDuration(r.Duration)
	}
	if r.Count < 0 || r.Count > 100 {
		c.Errorf("review.count", "plan-bad-count", "value", r.Count)
	}
}

func (p *plan) checkNext(i int, c rules.Check) {
	n := &p.Next[i]
	at := "next." + strconv.Itoa(i)
	if n.Scenario == "" && n.Team == "" {
		c.Errorf(at, "plan-next-unnamed")
	}
	if n.Scenario != "" && !rules.IDPattern.MatchString(n.Scenario) {
		c.Errorf(at+".scenario", "plan-bad-scenario", "value", n.Scenario)
	}
	var err error
	if n.start, err = time.ParseInLocation(wallClock, n.Start, p.loc); err != nil {
		c.Errorf(at+".start", "plan-not-a-clock", "key", "start", "value", n.Start)
	}
	n.length = 90 * time.Minute
	if n.Duration != "" {
		n.length, _ = time.ParseDuration(n.Duration)
	}
}

// calendars are the plan's files: next.ics with every planned session,
// next-NAME.ics each alone, and review.ics; all-day due dates stay in
// actions.ics.
func (p *plan) calendars(f *Folder, stamp time.Time, w words) []output.File {
	var files []output.File
	var all []icsw.Event
	seen := map[string]bool{}
	for _, n := range p.Next {
		e := p.session(f, n, w)
		all = append(all, e)
		files = append(files, output.File{Name: "next-" + slug(strings.Trim(n.Scenario+"-"+n.Team, "-"), seen) + ".ics", Data: icsw.Calendar(e.Summary, stamp, []icsw.Event{e})})
	}
	if len(all) > 0 {
		files = append(files, output.File{Name: "next.ics", Data: icsw.Calendar(w.NextCalendar, stamp, all)})
	}
	if r := p.Review; !r.start.IsZero() {
		count := int(r.Count)
		if count == 0 {
			count = 6
		}
		e := icsw.Event{UID: "review@" + p.TimeZone + ".propdeck", Summary: w.ReviewSummary, Description: w.ReviewDescription,
			Start: r.start, Duration: r.length, Every: r.interval, Freq: r.freq, Count: count}
		files = append(files, output.File{Name: "review.ics", Data: icsw.Calendar(w.ReviewCalendar, stamp, []icsw.Event{e})})
	}
	return files
}

// session is a planned session as an event: its scenario's title and the
// open actions it will retest in the description.
func (p *plan) session(f *Folder, n next, w words) icsw.Event {
	title := n.Scenario
	if s := f.Scenarios[n.Scenario]; s != nil {
		title = s.Title()
	}
	summary := fmt.Sprintf(w.NextSummary, title)
	if n.Team != "" {
		summary = fmt.Sprintf(w.NextTeam, summary, n.Team)
	}
	if title == "" {
		summary = fmt.Sprintf(w.NextSummary, n.Team)
	}
	desc := fmt.Sprintf(w.NextScenario, orText(n.Scenario, w.ToBeChosen))
	if n.Where != "" {
		desc += "\n" + fmt.Sprintf(w.Where, n.Where)
	}
	return icsw.Event{UID: n.Start + "/" + n.Scenario + "/" + n.Team + "@propdeck", Summary: summary, Description: desc, Start: n.start, Duration: n.length}
}
