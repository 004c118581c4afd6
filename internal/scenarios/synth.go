package scenarios

// The log lines and metric samples of snapshot clues are generated here,
// once, when a scenario is resolved. Everything is drawn from a random
// source seeded by the scenario's seed and the clue's id, so a rebuild
// prints the same lines and curves.

import (
	"encoding/json"
	"hash/fnv"
	"maps"
	"math"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// rng returns a random source for one purpose within a scenario.
func rng(seed int64, parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
}

// LogEntry is one line of a log snapshot.
type LogEntry struct {
	Offset   time.Duration
	Level    string
	Msg      string
	Fields   map[string]string
	Explicit bool   // given in the scenario's lines: must appear
	Raw      string // a line from an imported excerpt, printed as it is
}

// entriesOf returns a log clue's lines in time order: the imported excerpt's
// lines as they are, then the explicit and generated lines merged by time.
func entriesOf(s *written.Scenario, c written.Clue) []LogEntry {
	l := c.Log
	var out []LogEntry
	for _, raw := range l.FileLines {
		out = append(out, LogEntry{Raw: raw, Explicit: true, Level: guessLevel(raw)})
	}
	var timed []LogEntry
	for _, ln := range l.Lines {
		timed = append(timed, LogEntry{Offset: ln.Offset, Level: ln.Level, Msg: ln.Msg, Fields: ln.Fields, Explicit: true})
	}
	if g := l.Generate; g != nil && g.Count > 0 && g.Messages.Len() > 0 {
		timed = append(timed, generate(s, c, g)...)
	}
	sort.SliceStable(timed, func(i, j int) bool { return timed[i].Offset < timed[j].Offset })
	countUp(timed)
	return append(out, timed...)
}

// source is what lines draw from over a stretch of the window.
type source struct {
	from     time.Duration
	messages written.Messages
	levels   []string
	weights  []float64
}

func sourceOf(from time.Duration, m written.Messages, lv map[string]float64) source {
	levels, weights := levelTable(lv)
	if len(lv) == 0 && m.ByLevel != nil {
		levels, weights = listedLevels(m.ByLevel)
	}
	return source{from, m, levels, weights}
}

// generate draws a clue's background lines: times spread over the window,
// each line's messages from the phase its time falls in.
func generate(s *written.Scenario, c written.Clue, g *written.LogGenerate) []LogEntry {
	l := c.Log
	r := rng(s.Scenario.Seed, "log", c.ID)
	sources := []source{sourceOf(l.FromOffset, g.Messages, g.Levels)}
	for _, ph := range g.Phases {
		lv := ph.Levels
		if lv == nil {
			lv = g.Levels
		}
		sources = append(sources, sourceOf(ph.AfterOffset, ph.Messages, lv))
	}
	span := l.ToOffset - l.FromOffset
	tones := map[string]tone{} // each message read once, not once a line
	var out []LogEntry
	for i := int64(0); i < g.Count; i++ {
		at := l.FromOffset + time.Duration(r.Int64N(int64(span)+1)).Truncate(time.Millisecond)
		src := sources[0]
		for _, x := range sources[1:] {
			if at >= x.from {
				src = x
			}
		}
		lvl, msg := draw(r, src.messages, src.levels, src.weights, tones)
		out = append(out, LogEntry{Offset: at, Level: lvl, Msg: fillNumbers(r, msg)})
	}
	return out
}

var genSeqSlot = regexp.MustCompile(`\{seq(?::(\d+))?\}`)

// countUp fills {seq:A} slots, in time order: each message's counter
// starts at A and goes up by one a line ("fetched chunk 2670/4096", then
// 2671), as a reader of a log expects.
func countUp(lines []LogEntry) {
	next := map[string]int{}
	for i := range lines {
		msg := lines[i].Msg
		if !strings.Contains(msg, "{seq") {
			continue
		}
		lines[i].Msg = genSeqSlot.ReplaceAllStringFunc(msg, func(slot string) string {
			key := msg + "\x00" + slot
			n, ok := next[key]
			if !ok {
				m := genSeqSlot.FindStringSubmatch(slot)
				n, _ = strconv.Atoi(m[1])
			}
			next[key] = n + 1
			return strconv.Itoa(n)
		})
	}
}

// draw picks a level by weight and a message for it: from the level's own
// list, or from the common list, moving the level when the message plainly
// contradicts it ("GET /cart 200" is not an error).
func draw(r *rand.Rand, m written.Messages, levels []string, weights []float64, tones map[string]tone) (string, string) {
	lvl := pickWeighted(r, levels, weights)
	if m.ByLevel != nil {
		list := m.ByLevel[lvl]
		if len(list) == 0 {
			return lvl, ""
		}
		return lvl, list[r.IntN(len(list))]
	}
	msg := m.Any[r.IntN(len(m.Any))]
	t, ok := tones[msg]
	if !ok {
		t = toneOf(msg)
		tones[msg] = t
	}
	if t.contradicts(lvl) {
		var ls []string
		var ws []float64
		for i, l := range levels {
			if !t.contradicts(l) && weights[i] > 0 {
				ls, ws = append(ls, l), append(ws, weights[i])
			}
		}
		switch {
		case len(ls) > 0:
			lvl = pickWeighted(r, ls, ws)
		case t.contradicts("info"):
			lvl = "warn"
		default:
			lvl = "info"
		}
	}
	return lvl, msg
}

var (
	method = `(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+\s+`
	// Korean says how it went in a few words of its own: 완료 (done),
	// 성공 (succeeded), 정상 (normal); 실패, 오류, 에러, 시간 초과, 거부.
	saysFine  = regexp.MustCompile(`(?i)\b` + method + `[23]\d\d\b|\bstatus[=:\s]+[23]\d\d\b|\b(?:ok|success|successful|succeeded)\b|완료|성공|정상`)
	saysWrong = regexp.MustCompile(`(?i)error|fail|timeout|timed out|refused|denied|panic|no such host|unavailable|exception|\b` + method + `5\d\d\b|\bstatus[=:\s]+5\d\d\b|실패|오류|에러|시간 초과|타임아웃|거부|거절|불가|예외|응답 없음`)
)

// contradicts reports a message that a reader would not believe at level:
// a 2xx/3xx status or "ok" (완료, 성공) at warn, error or fatal, or an
// error, timeout, refusal or 5xx (실패, 오류) at debug or info.
func contradicts(msg, level string) bool { return toneOf(msg).contradicts(level) }

// tone is what a message says about how things are going.
type tone int

const (
	neutral tone = iota
	fine
	wrong
)

func toneOf(msg string) tone {
	f, w := saysFine.MatchString(msg), saysWrong.MatchString(msg)
	switch {
	case f == w:
		return neutral
	case f:
		return fine
	}
	return wrong
}

func (t tone) contradicts(level string) bool {
	switch t {
	case fine:
		// A 200 is not a warning either: "level=warn msg=GET /cart 200"
		// reads as a broken logger.
		return level == "error" || level == "fatal" || level == "warn"
	case wrong:
		return level == "debug" || level == "info"
	}
	return false
}

var genNumberSlot = regexp.MustCompile(`\{n(?::(\d+)-(\d+))?\}`)

// fillNumbers replaces {n} with a number of up to five digits and {n:A-B}
// with one from A to B.
func fillNumbers(r *rand.Rand, msg string) string {
	if !strings.Contains(msg, "{n") {
		return msg
	}
	return genNumberSlot.ReplaceAllStringFunc(msg, func(slot string) string {
		m := genNumberSlot.FindStringSubmatch(slot)
		if m[1] == "" {
			return strconv.Itoa(1000 + r.IntN(99000))
		}
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		return strconv.Itoa(lo + r.IntN(hi-lo+1))
	})
}

// listedLevels weighs every level that has a list of messages equally.
func listedLevels(by map[string][]string) ([]string, []float64) {
	var names []string
	var ws []float64
	for _, l := range vocab.Level.Values {
		if len(by[l]) > 0 {
			names, ws = append(names, l), append(ws, 1)
		}
	}
	return names, ws
}

func levelTable(m map[string]float64) ([]string, []float64) {
	if len(m) == 0 {
		return []string{"info"}, []float64{1}
	}
	var names []string
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	var ws []float64
	for _, n := range names {
		ws = append(ws, m[n])
	}
	return names, ws
}

func pickWeighted(r *rand.Rand, names []string, weights []float64) string {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return names[i]
		}
		x -= w
	}
	return names[len(names)-1]
}

func guessLevel(raw string) string {
	u := strings.ToUpper(raw)
	switch {
	case strings.Contains(u, "FATAL"), strings.Contains(u, "PANIC"):
		return "fatal"
	case strings.Contains(u, "ERROR"), strings.Contains(u, "LEVEL=ERROR"):
		return "error"
	case strings.Contains(u, "WARN"):
		return "warn"
	}
	return "info"
}

// FormatLog prints an entry in the clue's log format, stamped with the wall
// clock: T+0 is the scenario's start, in that time's own offset.
func FormatLog(e LogEntry, format string, start time.Time) string {
	if e.Raw != "" || (e.Msg == "" && e.Raw == "" && e.Level == "") {
		return e.Raw
	}
	ts := start.Add(e.Offset).Format(time.RFC3339)
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	switch format {
	case "logfmt":
		b.WriteString("time=" + ts + " level=" + e.Level + " msg=" + logfmtValue(e.Msg))
		for _, k := range keys {
			b.WriteString(" " + k + "=" + logfmtValue(e.Fields[k]))
		}
	case "json":
		b.WriteString(`{"time":` + jsonString(ts) + `,"level":` + jsonString(e.Level) + `,"msg":` + jsonString(e.Msg))
		for _, k := range keys {
			b.WriteString("," + jsonString(k) + ":" + jsonString(e.Fields[k]))
		}
		b.WriteString("}")
	default:
		b.WriteString(ts + " " + strings.ToUpper(e.Level) + " " + e.Msg)
		for _, k := range keys {
			b.WriteString(" " + k + "=" + logfmtValue(e.Fields[k]))
		}
	}
	return b.String()
}

func logfmtValue(v string) string {
	if v == "" || strings.ContainsAny(v, " =\"\t") {
		return strconv.Quote(v)
	}
	return v
}

// jsonString encodes s as JSON, keeping UTF-8 and <>& as they are.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// level returns a generated series' value at offset t without noise:
// the baseline, moved by each change in turn along a straight ramp.
func level(sr written.Series, t time.Duration) float64 {
	if sr.Baseline == nil {
		return 0
	}
	v := *sr.Baseline
	for _, ch := range sr.Changes {
		switch {
		case t < ch.Offset:
			return v
		case ch.OverValue == 0 || t >= ch.Offset+ch.OverValue:
			v = ch.To
		default:
			f := float64(t-ch.Offset) / float64(ch.OverValue)
			return v + (ch.To-v)*f
		}
	}
	return v
}

// samplesOf returns a series' samples within the metric's window: given
// points or file samples as they are, or the baseline and changes sampled
// every step with repeatable noise.
func samplesOf(s *written.Scenario, c written.Clue, sr written.Series) []written.Sample {
	m := c.Metric
	if sr.Baseline == nil {
		var out []written.Sample
		for _, p := range sr.Samples {
			if p.Offset >= m.FromOffset && p.Offset <= m.ToOffset {
				out = append(out, p)
			}
		}
		return out
	}
	r := rng(s.Scenario.Seed, "metric", c.ID, sr.Name)
	var out []written.Sample
	n := int((m.ToOffset - m.FromOffset) / m.StepValue)
	for i := 0; i <= min(n, written.MaxSamples); i++ {
		t := m.FromOffset + time.Duration(i)*m.StepValue
		v := level(sr, t)
		if sr.Noise > 0 {
			v *= 1 + sr.Noise*clamp(r.NormFloat64(), -3, 3)
		}
		out = append(out, written.Sample{Offset: t, Value: v})
	}
	return out
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

func (e LogEntry) clone() LogEntry {
	e.Fields = maps.Clone(e.Fields)
	return e
}
