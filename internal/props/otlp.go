package props

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// OTLP's JSON encoding: lowerCamelCase names, 64-bit integers as strings,
// enums as numbers (opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding).

type otlpValue struct {
	StringValue string `json:"stringValue"`
}

type otlpAttr struct {
	Key   string    `json:"key"`
	Value otlpValue `json:"value"`
}

type otlpResource struct {
	Attributes []otlpAttr `json:"attributes"`
}

type otlpScope struct {
	Name string `json:"name"`
}

type otlpMetrics struct {
	ResourceMetrics []otlpResourceMetrics `json:"resourceMetrics"`
}

type otlpResourceMetrics struct {
	Resource     otlpResource       `json:"resource"`
	ScopeMetrics []otlpScopeMetrics `json:"scopeMetrics"`
}

type otlpScopeMetrics struct {
	Scope   otlpScope    `json:"scope"`
	Metrics []otlpMetric `json:"metrics"`
}

type otlpMetric struct {
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Unit        string    `json:"unit,omitempty"`
	Gauge       otlpGauge `json:"gauge"`
}

type otlpGauge struct {
	DataPoints []otlpPoint `json:"dataPoints"`
}

type otlpPoint struct {
	Attributes   []otlpAttr `json:"attributes"`
	TimeUnixNano string     `json:"timeUnixNano"`
	AsDouble     float64    `json:"asDouble"`
}

type otlpLogs struct {
	ResourceLogs []otlpResourceLogs `json:"resourceLogs"`
}

type otlpResourceLogs struct {
	Resource  otlpResource    `json:"resource"`
	ScopeLogs []otlpScopeLogs `json:"scopeLogs"`
}

type otlpScopeLogs struct {
	Scope      otlpScope    `json:"scope"`
	LogRecords []otlpRecord `json:"logRecords"`
}

type otlpRecord struct {
	TimeUnixNano         string     `json:"timeUnixNano"`
	ObservedTimeUnixNano string     `json:"observedTimeUnixNano"`
	SeverityNumber       int        `json:"severityNumber"`
	SeverityText         string     `json:"severityText"`
	Body                 otlpValue  `json:"body"`
	Attributes           []otlpAttr `json:"attributes"`
}

// severityNumbers are OTLP's numbers for propdeck's log levels, the first
// of each range (DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21).
var severityNumbers = map[string]int{"debug": 5, "info": 9, "warn": 13, "error": 17, "fatal": 21}

func attrs(kv ...string) []otlpAttr {
	out := make([]otlpAttr, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, otlpAttr{kv[i], otlpValue{kv[i+1]}})
	}
	return out
}

// otlpUnit is a metric's UCUM unit; none when the card has none.
func otlpUnit(unit string) string {
	if unit == "" {
		return ""
	}
	return ucum(unit)
}

func nanos(t time.Time) string { return strconv.FormatInt(t.UnixNano(), 10) }

// otlp is the telemetry as OTLP file-exporter JSON lines, one signal per
// file: a MetricsData line per metric clue (a gauge, a point attribute per
// series) and a LogsData line per log clue.
func otlp(st story) []named {
	var metrics []otlpMetrics
	var logs []otlpLogs
	for _, c := range st.telemetry {
		res := otlpResource{attrs("service.name", serviceName(c), "propdeck.clue", c.ID)}
		scope := otlpScope{Name: "propdeck"}
		if c.Metric != nil {
			m := otlpMetric{Name: metricName(c), Description: unitWords(c.Title, c.Metric.Unit), Unit: otlpUnit(c.Metric.Unit)}
			for i, sr := range c.Metric.Series {
				for _, sm := range st.s.Samples(*c, i) {
					m.Gauge.DataPoints = append(m.Gauge.DataPoints, otlpPoint{attrs("series", sr.Name), nanos(st.at(sm.Offset)), sm.Value})
				}
			}
			metrics = append(metrics, otlpMetrics{[]otlpResourceMetrics{{res, []otlpScopeMetrics{{scope, []otlpMetric{m}}}}}})
		}
		if c.Log != nil {
			logs = append(logs, otlpLogs{[]otlpResourceLogs{{res, []otlpScopeLogs{{scope, records(st, c)}}}}})
		}
	}
	var out []named
	if len(metrics) > 0 {
		data, err := jsonLines(metrics)
		out = append(out, named{"otlp-metrics.jsonl", data, err})
	}
	if len(logs) > 0 {
		data, err := jsonLines(logs)
		out = append(out, named{"otlp-logs.jsonl", data, err})
	}
	return out
}

func records(st story, c *written.Clue) []otlpRecord {
	var out []otlpRecord
	for _, l := range logLines(st, c) {
		body := l.entry.Msg
		var kv []string
		if l.entry.Raw != "" {
			body = l.entry.Raw
		}
		for _, k := range slices.Sorted(maps.Keys(l.entry.Fields)) {
			kv = append(kv, k, l.entry.Fields[k])
		}
		lvl := l.entry.Level
		if !vocab.Level.Has(lvl) {
			lvl = "info"
		}
		out = append(out, otlpRecord{TimeUnixNano: nanos(l.at), ObservedTimeUnixNano: nanos(l.at), SeverityNumber: severityNumbers[lvl],
			SeverityText: strings.ToUpper(lvl), Body: otlpValue{body}, Attributes: attrs(kv...)})
	}
	return out
}
