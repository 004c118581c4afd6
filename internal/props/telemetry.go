package props

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// metricName is the Prometheus name of a metric clue's series: a metric
// name may hold letters, digits and underscores only.
func metricName(c *written.Clue) string {
	return "propdeck_" + strings.ReplaceAll(c.ID, "-", "_")
}

type promAnswer struct {
	Status string   `json:"status"`
	Data   promData `json:"data"`
}

type promData struct {
	ResultType string       `json:"resultType"`
	Result     []promSeries `json:"result"`
}

type promSeries struct {
	Metric map[string]string `json:"metric"`
	Values [][2]any          `json:"values"`
}

// prometheus is each series of each metric clue as a query_range answer
// of one series, the shape propdeck's own metric import reads back:
// CLUE-N.json for series N.
func prometheus(st story) []named {
	var out []named
	for _, c := range st.telemetry {
		if c.Metric == nil {
			continue
		}
		for i, sr := range c.Metric.Series {
			// job is OTLP's service.name, as Prometheus maps one to the
			// other; unit is OTLP's UCUM unit: the name stays the clue's,
			// as a unit suffix would need values rescaled to base units.
			labels := map[string]string{"__name__": metricName(c), "series": sr.Name, "clue": c.ID, "job": serviceName(c)}
			if u := otlpUnit(c.Metric.Unit); u != "" {
				labels["unit"] = u
			}
			var values [][2]any
			for _, sm := range st.s.Samples(*c, i) {
				values = append(values, [2]any{promTime(st.at(sm.Offset)), strconv.FormatFloat(sm.Value, 'f', -1, 64)})
			}
			data, err := indented(promAnswer{"success", promData{"matrix", []promSeries{{labels, values}}}})
			out = append(out, named{fmt.Sprintf("prometheus-%s-%d.json", c.ID, i+1), data, err})
		}
	}
	return out
}

// promTime is a Prometheus timestamp: Unix seconds with milliseconds.
func promTime(t time.Time) json.Number {
	ms := t.UnixMilli()
	sec, frac := ms/1000, ms%1000
	if frac < 0 {
		sec, frac = sec-1, frac+1000
	}
	if frac == 0 {
		return json.Number(strconv.FormatInt(sec, 10))
	}
	return json.Number(strings.TrimRight(fmt.Sprintf("%d.%03d", sec, frac), "0"))
}

type lokiAnswer struct {
	Status string   `json:"status"`
	Data   lokiData `json:"data"`
}

type lokiData struct {
	ResultType string       `json:"resultType"`
	Result     []lokiStream `json:"result"`
}

type lokiStream struct {
	Stream map[string]string `json:"stream"`
	Values [][2]string       `json:"values"`
}

// logLine is one line of a log clue with its wall clock.
type logLine struct {
	at    time.Time
	entry scenarios.LogEntry
	text  string
}

// logLines are a log clue's lines as the card prints them. Lines of a
// real excerpt carry no time of their own: they stand at the window's
// start, a millisecond apart, in their order.
func logLines(st story, c *written.Clue) []logLine {
	var out []logLine
	raw := 0
	for _, e := range st.s.LogEntries(*c) {
		at := st.at(e.Offset)
		if e.Raw != "" {
			at = st.at(c.Log.FromOffset + time.Duration(raw)*time.Millisecond)
			raw++
		}
		e.Offset = st.s.Story(e.Offset)
		out = append(out, logLine{at, e, scenarios.FormatLog(e, c.Log.Format, st.start)})
	}
	return out
}

// loki is each log clue as a Loki query_range answer: a stream per level,
// oldest line first (direction=forward).
func loki(st story) []named {
	var out []named
	for _, c := range st.telemetry {
		if c.Log == nil {
			continue
		}
		byLevel := map[string][][2]string{}
		for _, l := range logLines(st, c) {
			byLevel[l.entry.Level] = append(byLevel[l.entry.Level], [2]string{strconv.FormatInt(l.at.UnixNano(), 10), l.text})
		}
		var streams []lokiStream
		for _, lvl := range slices.Sorted(maps.Keys(byLevel)) {
			labels := map[string]string{"service_name": serviceName(c), "level": lvl, "clue": c.ID}
			streams = append(streams, lokiStream{labels, byLevel[lvl]})
		}
		data, err := indented(lokiAnswer{"success", lokiData{"streams", streams}})
		out = append(out, named{"loki-" + c.ID + ".json", data, err})
	}
	return out
}

// serviceName is who logged or measured: the log's source, else the
// clue's system, else the clue.
func serviceName(c *written.Clue) string {
	switch {
	case c.Log != nil && c.Log.Source != "":
		return c.Log.Source
	case c.System != "":
		return c.System
	}
	return c.ID
}
