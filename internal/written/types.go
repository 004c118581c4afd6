// Package written holds a scenario as its author wrote it (format 1, see
// docs/scenario-format.md): the types the strict decoder fills, with the
// format's own value forms (offsets, clocks, points, levels, messages),
// and the sums over them that the rules and the resolution share (a
// clue's mode and order, the story's clock). Fields tagged toml:"-" are
// filled by the rules (internal/rules) from the text the author wrote.
// Readers never get one: they get a scenarios.Session.
package written

import (
	"slices"
	"time"

	"github.com/propdeck/propdeck/internal/tomlfile"
)

// Scenario is one tabletop exercise as its file has it: what the decoder
// fills and the rules check (and complete: the fields tagged toml:"-").
// Readers get a Session, resolved from it.
type Scenario struct {
	Format        int64         `toml:"format" required:"true" const:"1" doc:"Scenario format version; always 1."`
	Scenario      Meta          `toml:"scenario" required:"true" doc:"What the exercise is."`
	Print         Print         `toml:"print" doc:"Print defaults; command-line flags win."`
	Roles         []Role        `toml:"roles" doc:"One badge each; at least one role, here or in an included catalog."`
	Systems       []System      `toml:"systems" doc:"One post-it card each."`
	Rounds        []Round       `toml:"rounds" doc:"The facilitator's run sheet, round by round."`
	Clues         []Clue        `toml:"clues" doc:"One card each, revealed at its time."`
	Worksheets    Worksheets    `toml:"worksheets" doc:"Which worksheets to print."`
	Premortem     Premortem     `toml:"premortem" doc:"The premortem sheet."`
	Complications Complications `toml:"complications" doc:"Complication cards the facilitator may draw."`

	// Notes are warnings validation found at a line (a wall clock that
	// could be on either day); they do not stop a build.
	Notes []tomlfile.Error `toml:"-"`

	// File is the path the scenario was read from; Dir its folder.
	File string `toml:"-"`
	Dir  string `toml:"-"`
}

// Meta is the [scenario] table.
type Meta struct {
	ID          string   `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Names output files; lower-case letters, digits and dashes."`
	Title       string   `toml:"title" required:"true" doc:"Printed on every deck."`
	Summary     string   `toml:"summary" doc:"The facilitator's synopsis: how it unfolds and what the team will have to decide. Run sheet and report only, never shown to players."`
	Briefing    string   `toml:"briefing" doc:"What players may know before it starts: the screen deck's first slide and the chat channel's purpose. Never the twist: a warning names a sealed clue's words found here or in the title."`
	Language    string   `toml:"language" vocab:"language" doc:"Language of printed labels: en (default) or ko."`
	Duration    string   `toml:"duration" format:"duration" doc:"Planned length of the session, a Go duration such as 90m."`
	Start       string   `toml:"start" format:"date-time" doc:"Wall clock of T+0 (RFC 3339)."`
	Seed        int64    `toml:"seed" doc:"Makes generated log lines and metric noise repeatable."`
	Pace        float64  `toml:"pace" doc:"Story minutes a session minute when the session runs live (propdeck run), 1 to 1440; default 1. 16 plays a 24-hour incident in 90 minutes."`
	Runbooks    string   `toml:"runbooks" doc:"Base URL for relative runbook links."`
	Difficulty  string   `toml:"difficulty" vocab:"difficulty" doc:"How hard the scenario plays: standard (default), intro or hard; build and run --difficulty play it at another level."`
	Tags        []string `toml:"tags" doc:"Words propdeck examples --tag finds it by: database, dns, security, vendor, non-technical; lower-case letters, digits and dashes."`
	Sources     []string `toml:"sources" doc:"The public postmortems or reports the story comes from (https URLs); printed on the run sheet, never on a player's card."`
	Include     []string `toml:"include" doc:"Catalog files of [[roles]] and [[systems]] shared between scenarios, relative to this file."`
	RolesOnly   []string `toml:"roles_only" doc:"Of the included roles, only these (ids); the scenario's own roles are always kept."`
	SystemsOnly []string `toml:"systems_only" doc:"Of the included systems, only these (ids); the scenario's own systems are always kept."`

	DurationValue time.Duration `toml:"-"`
	StartTime     time.Time     `toml:"-"`
}

// Print is the [print] table.
type Print struct {
	Paper    string `toml:"paper" vocab:"paper" doc:"a4 (default) or letter."`
	CutMarks *bool  `toml:"cut_marks" doc:"Print cut marks outside the cards (default true)."`
	Duplex   string `toml:"duplex" vocab:"duplex" doc:"none (default), long-edge or short-edge."`
	LogTheme string `toml:"log_theme" vocab:"theme" doc:"Log snapshots as a dark terminal (default) or light, for black-and-white printers."`
}

// Role is one [[roles]] entry: a badge.
type Role struct {
	ID               string   `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Unique among roles; used in clues' to and in packet file names."`
	Name             string   `toml:"name" required:"true" doc:"Printed large on the badge."`
	Holder           string   `toml:"holder" doc:"Who plays it; a blank line to write on when empty."`
	Mission          string   `toml:"mission" doc:"What the role is there for."`
	Responsibilities []string `toml:"responsibilities" doc:"What the role owns."`
	Decides          []string `toml:"decides" doc:"Decisions this role has authority to make."`
	EscalatesTo      string   `toml:"escalates_to" doc:"Whom the role escalates to."`
	Runbook          string   `toml:"runbook" doc:"Absolute URL or path below scenario.runbooks."`

	RunbookURL string       `toml:"-"`
	Where      tomlfile.Pos `toml:"-"`                   // where the entry starts, for messages
	Base       string       `toml:"-"`                   // the runbook base of the catalog it came from
	In         string       `toml:"-" json:",omitempty"` // the catalog file Where is in; "" for the scenario's own
}

// System is one [[systems]] entry: a post-it card.
type System struct {
	ID          string   `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Unique among systems."`
	Name        string   `toml:"name" required:"true" doc:"Printed large on the card."`
	Description string   `toml:"description" doc:"What it is."`
	Owner       string   `toml:"owner" doc:"The owning team."`
	DependsOn   []string `toml:"depends_on" doc:"Ids of other systems."`
	Runbook     string   `toml:"runbook" doc:"Absolute URL or path below scenario.runbooks."`

	RunbookURL string       `toml:"-"`
	Where      tomlfile.Pos `toml:"-"`                   // where the entry starts, for messages
	Base       string       `toml:"-"`                   // the runbook base of the catalog it came from
	In         string       `toml:"-" json:",omitempty"` // the catalog file Where is in; "" for the scenario's own
}

// Round is one [[rounds]] entry of the run sheet.
type Round struct {
	At        string   `toml:"at" required:"true" format:"offset" doc:"When the round starts, e.g. T+10m."`
	Title     string   `toml:"title" required:"true" doc:"The round's name."`
	Setup     string   `toml:"setup" doc:"Read aloud at the start of the round."`
	Questions []string `toml:"questions" doc:"Questions the facilitator asks."`
	Expect    []Expect `toml:"expect" doc:"Expected actions: for the facilitator and evaluator only, never on a player's card."`
	Clock     string   `toml:"clock" format:"offset" doc:"The story's time at the round's start, e.g. T+6h: from here the story's clock runs on from there, so a long incident fits the session. Never earlier than the story's time already reached."`
	Only      Levels   `toml:"only" doc:"Play the round only at these difficulties: one (\"hard\") or a list."`
	Polls     []Poll   `json:",omitempty" toml:"polls" doc:"Polls prepared for the round (see polls.go): opened from the console, printed on the run sheet."`

	Offset time.Duration `toml:"-"`
	// Story is the story's time at the round's start: Clock, or Offset
	// when the round moves no clock.
	Story time.Duration `toml:"-"`
}

// Levels are the difficulties an element is played at: written as one
// ("hard") or a list (["standard", "hard"]); none means every one.
type Levels []string

// At reports whether an element with these levels is played at level.
func (l Levels) At(level string) bool { return len(l) == 0 || slices.Contains(l, level) }

// Expect is one expected action of a round: what a good response does, by
// when, and which role does it.
type Expect struct {
	Role   string `toml:"role" required:"true" doc:"The role id expected to act."`
	Action string `toml:"action" required:"true" doc:"What a good response does."`
	By     string `toml:"by" format:"offset" doc:"By when, e.g. T+5m."`

	ByOffset time.Duration `toml:"-"`
	HasBy    bool          `toml:"-"`
}

// The clue kinds the format treats apart (vocab.Kind lists them all).
const (
	KindLog    = "log"
	KindMetric = "metric"
)

// Clue is one [[clues]] entry: a card revealed at its time.
type Clue struct {
	ID       string   `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Unique among clues; printed on the card."`
	At       string   `toml:"at" format:"offset" doc:"Reveal time, e.g. T+10m; required unless the clue is on request (ask), where it means not before."`
	Ask      string   `toml:"ask" doc:"On request: handed out when a player asks for this."`
	When     string   `toml:"when" doc:"Contingent: at its time, handed out only if this holds. Run sheet only."`
	Replaces string   `toml:"instead_of" doc:"Contingent: the timed clue this one replaces when used."`
	System   string   `toml:"system" doc:"The system the clue is about (a system id)."`
	Kind     string   `toml:"kind" vocab:"kind" doc:"What the card is."`
	To       []string `toml:"to" doc:"Role ids who receive it; omitted means everyone."`
	Title    string   `toml:"title" required:"true" doc:"The card's headline."`
	Body     string   `toml:"body" doc:"The card's text."`
	Mono     bool     `toml:"mono" doc:"Print the body in a fixed-width face, so that command output keeps its columns."`
	Runbook  string   `toml:"runbook" doc:"Absolute URL or path below scenario.runbooks."`
	Note     string   `toml:"note" doc:"For the run sheet only; never printed on the card."`
	Log      *Log     `toml:"log" doc:"A log snapshot; required when kind is log."`
	Metric   *Metric  `toml:"metric" doc:"A metric snapshot; required when kind is metric."`
	Severity string   `toml:"severity" vocab:"severity" doc:"An alert's severity as a pager sees it (propdeck props): critical (default), error, warning or info."`

	StatusPage *StatusPage `toml:"status_page" doc:"A status clue that is a status page draft: its place on the page (propdeck props)."`
	Only       Levels      `toml:"only" doc:"Hand the clue out only at these difficulties: one (\"hard\") or a list."`

	Offset     time.Duration `toml:"-"`
	Mode       Mode          `toml:"-"`
	RunbookURL string        `toml:"-"`
	Where      tomlfile.Pos  `toml:"-"` // where the entry starts, for messages
}

// StatusPage is [clues.status_page]: what a status page shows while the
// draft is up, for the props a sandbox page is seeded with.
type StatusPage struct {
	Status     string   `toml:"status" required:"true" vocab:"page-status" doc:"investigating, identified, monitoring or resolved."`
	Impact     string   `toml:"impact" vocab:"impact" doc:"none, minor, major or critical; default none."`
	Components []string `toml:"components" doc:"System ids the incident affects; default the clue's system."`
}

// Complications is the [complications] table: cards the facilitator draws
// when the team is ahead of plan or stuck on one idea.
type Complications struct {
	Sets  []string           `toml:"sets" doc:"Built-in sets, printed in the scenario's language: people, vendors, comms, tooling, compliance."`
	Pick  []string           `toml:"pick" doc:"Single built-in cards by id (people-3, tooling-1), beside whole sets; propdeck complications lists them."`
	Draw  string             `toml:"draw" doc:"When to draw one; printed on the run sheet."`
	Cards []ComplicationCard `toml:"cards" doc:"The scenario's own complication cards."`
}

// ComplicationCard is one complication.
type ComplicationCard struct {
	ID    string `toml:"id" required:"true" pattern:"^[a-z0-9][a-z0-9-]{0,62}$" doc:"Unique among complications."`
	Title string `toml:"title" required:"true" doc:"The card's headline."`
	Body  string `toml:"body" doc:"The card's text."`

	Where tomlfile.Pos `toml:"-"` // where the entry starts, for messages
}
type Log struct {
	Source   string       `toml:"source" doc:"Service name shown as the window title."`
	Format   string       `toml:"format" vocab:"log-format" doc:"plain (default), logfmt or json."`
	From     string       `toml:"from" format:"offset" doc:"Start of the window generated lines fall in."`
	To       string       `toml:"to" format:"offset" doc:"End of that window."`
	Lines    []LogLine    `toml:"lines" doc:"Lines that must appear, in time order."`
	File     string       `toml:"file" doc:"A real excerpt, relative to the scenario file."`
	Generate *LogGenerate `toml:"generate" doc:"Background lines, repeatable by seed."`

	FromOffset time.Duration `toml:"-"`
	ToOffset   time.Duration `toml:"-"`
	FileLines  []string      `toml:"-"`
}

// LogLine is one line that must appear.
type LogLine struct {
	At     string            `toml:"at" required:"true" format:"offset" doc:"When it was logged."`
	Level  string            `toml:"level" vocab:"level" doc:"debug, info (default), warn, error or fatal."`
	Msg    string            `toml:"msg" required:"true" doc:"The message."`
	Fields map[string]string `toml:"fields" doc:"Extra key=value pairs."`

	Offset time.Duration `toml:"-"`
}

// LogGenerate is [clues.log.generate].
type LogGenerate struct {
	Count    int64              `toml:"count" doc:"How many background lines."`
	Levels   map[string]float64 `toml:"levels" doc:"Relative weights of levels, e.g. { info = 6, warn = 3, error = 1 }."`
	Messages Messages           `toml:"messages" doc:"Messages to draw from: a list, or a table of lists by level; {n} becomes a number, {n:0-11} one from 0 to 11, {seq:2670} a counter that goes up line by line."`
	Phases   []LogPhase         `toml:"phases" doc:"Later messages: from each phase's after on, lines draw from its messages (and levels) instead."`
}

// LogPhase is what generated lines say from a moment on: failure lines
// that must not appear before the failure.
type LogPhase struct {
	After    string             `toml:"after" required:"true" format:"offset" doc:"From when, e.g. T+8m."`
	Levels   map[string]float64 `toml:"levels" doc:"Relative weights of levels from then on; default the generator's."`
	Messages Messages           `toml:"messages" required:"true" doc:"Messages to draw from from then on, as generate.messages."`

	AfterOffset time.Duration `toml:"-"`
}

// Messages are the messages generated log lines draw from: one list for
// every level, or a list per level so that no line contradicts its level.
type Messages struct {
	Any     []string
	ByLevel map[string][]string
}

// Len is how many messages there are in all.
func (m Messages) Len() int {
	n := len(m.Any)
	for _, l := range m.ByLevel {
		n += len(l)
	}
	return n
}

// Metric is [clues.metric].
type Metric struct {
	Unit        string       `toml:"unit" doc:"Unit of the value axis."`
	From        string       `toml:"from" required:"true" format:"offset" doc:"Start of the time axis."`
	To          string       `toml:"to" required:"true" format:"offset" doc:"End of the time axis."`
	Step        string       `toml:"step" format:"duration" doc:"Sample spacing (default 30s)."`
	Threshold   *float64     `toml:"threshold" doc:"Drawn as a dashed line."`
	YMin        *float64     `toml:"y_min" doc:"Bottom of the value axis (default: 0 for a unit starting with %, else from the data); a value below it widens the axis."`
	YMax        *float64     `toml:"y_max" doc:"Top of the value axis (default: from the data); a value above it widens the axis."`
	Annotations []Annotation `toml:"annotations" doc:"Vertical markers with text."`
	Series      []Series     `toml:"series" required:"true" doc:"At least one series."`

	FromOffset time.Duration `toml:"-"`
	ToOffset   time.Duration `toml:"-"`
	StepValue  time.Duration `toml:"-"`
}

// Annotation is a vertical marker on a metric snapshot.
type Annotation struct {
	At   string `toml:"at" required:"true" format:"offset" doc:"Where the marker stands."`
	Text string `toml:"text" required:"true" doc:"Its label."`

	Offset time.Duration `toml:"-"`
}

// Series is one line of a metric snapshot.
type Series struct {
	Name     string   `toml:"name" required:"true" doc:"Legend entry."`
	Baseline *float64 `toml:"baseline" doc:"Steady value before any change."`
	Noise    float64  `toml:"noise" doc:"Relative jitter, repeatable by seed (0.08 = 8%)."`
	Changes  []Change `toml:"changes" doc:"Ramps (or steps with over = 0s) away from the baseline."`
	Points   []Point  `toml:"points" doc:"Explicit [time, value] pairs."`
	File     string   `toml:"file" doc:"A CSV (time,value) or Prometheus query_range JSON file."`

	Samples []Sample `toml:"-"`
}

// Change is a ramp from the current value to To, starting At, lasting Over.
type Change struct {
	At   string  `toml:"at" required:"true" format:"offset" doc:"When the change begins."`
	To   float64 `toml:"to" required:"true" doc:"The value reached."`
	Over string  `toml:"over" format:"duration" doc:"How long the ramp lasts; 0s is a step."`

	Offset    time.Duration `toml:"-"`
	OverValue time.Duration `toml:"-"`
}

// Point is one explicit [time, value] pair.
type Point struct {
	At    string
	Value float64
}

// Sample is a resolved metric value at an offset from T+0.
type Sample struct {
	Offset time.Duration
	Value  float64
}

// Worksheets is the [worksheets] table.
type Worksheets struct {
	Scribe    *bool    `toml:"scribe" doc:"Print the scribe timeline and findings (default true)."`
	Debrief   *bool    `toml:"debrief" doc:"Print the debrief sheet (default true)."`
	Premortem *bool    `toml:"premortem" doc:"Print the premortem sheet (default true)."`
	Copies    int64    `toml:"copies" doc:"How many times the whole set is printed (default 1)."`
	Questions []string `toml:"questions" doc:"Extra debrief prompts."`
}

// Premortem is the [premortem] table.
type Premortem struct {
	Prompt string   `toml:"prompt" doc:"The question the premortem opens with."`
	Themes []string `toml:"themes" doc:"Headings to cluster ideas under."`
}

// On reports a switch that defaults to true.
func On(b *bool) bool { return b == nil || *b }

// Reaches reports whether the clue is handed to a role: to it by id, or
// to everyone (to omitted). The shared screen, role "", is reached by the
// clues for everyone only, since no role id is empty.
func (c Clue) Reaches(role string) bool {
	return c.To == nil || slices.Contains(c.To, role)
}

// Poll is a poll prepared for a round: the facilitator opens it from the
// console with a tap, and the run sheet prints it for the paper fallback
// (a show of hands). Expected, when given, is the option the plan
// expects: shown once the poll closes, and in the report.
type Poll struct {
	ID        string   `toml:"id" required:"true" doc:"The poll's id: lower-case letters, digits and dashes, unique in the scenario."`
	Question  string   `toml:"question" required:"true" doc:"The question, as the room reads it."`
	Options   []string `toml:"options" required:"true" doc:"2 to 10 different options, in order."`
	Expected  string   `toml:"expected" doc:"The option the plan expects, word for word; shown only once the poll closes."`
	Anonymous bool     `toml:"anonymous" doc:"Open it to every device of every role's page, one vote a device, no role kept (default: one vote a role)."`
}
