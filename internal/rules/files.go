package rules

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// parseSeriesFile reads a metric export: a Prometheus query_range response
// (JSON) or a CSV file with a header row and time,value rows.
func parseSeriesFile(name string, data []byte, start time.Time) ([]written.Sample, error) {
	trimmed := strings.TrimSpace(string(data))
	if strings.HasSuffix(strings.ToLower(name), ".json") || strings.HasPrefix(trimmed, "{") {
		return parsePrometheus(name, data, start)
	}
	return parseCSV(name, data, start)
}

func parseCSV(name string, data []byte, start time.Time) ([]written.Sample, error) {
	r := csv.NewReader(strings.NewReader(string(data)))
	r.Comma = written.SniffComma(data)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.Comment = '#'
	var out []written.Sample
	for row := 0; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, text.Fail("metric-file-at-col", "file", name, "line", pe.Line, "col", pe.Column, "err", pe.Err)
			}
			return nil, text.Fail("metric-file-error", "file", name, "err", err)
		}
		// FieldPos is only valid after a record was read without error.
		line, _ := r.FieldPos(0)
		if row == 0 {
			// The header row names the columns; a file without one would
			// lose its first sample silently, so insist on it.
			if len(rec) >= 2 {
				if _, err := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64); err == nil {
					return nil, text.Fail("metric-file-header", "file", name, "line", line)
				}
			}
			continue
		}
		if len(rec) != 2 {
			return nil, text.Fail("metric-file-columns", "file", name, "line", line, "n", len(rec))
		}
		at, err := sampleTime(strings.TrimSpace(rec[0]), start)
		if err == nil {
			err = nearStart(at, start)
		}
		if err != nil {
			return nil, text.Fail("metric-file-line", "file", name, "line", line, "err", err)
		}
		num := strings.TrimSpace(rec[1])
		if r.Comma == ';' {
			num = strings.Replace(num, ",", ".", 1) // a decimal comma, as such locales write it
		}
		val, err := strconv.ParseFloat(num, 64)
		if err != nil || math.IsNaN(val) || math.IsInf(val, 0) {
			return nil, text.Fail("metric-file-not-number", "file", name, "line", line, "value", rec[1])
		}
		out = append(out, written.Sample{Offset: at, Value: val})
	}
	if len(out) == 0 {
		return nil, text.Fail("metric-file-no-samples", "file", name)
	}
	return out, nil
}

// nearStart refuses a sample far from T+0: an export from another day, or
// a scenario whose start is not set to the export's day.
func nearStart(at time.Duration, start time.Time) error {
	if at > written.MaxOffset || at < -written.MaxOffset {
		return text.Fail("sample-past-week", "start", start.Format(time.RFC3339))
	}
	return nil
}

func sampleTime(s string, start time.Time) (time.Duration, error) {
	if strings.HasPrefix(s, "T") {
		return written.ParseOffsetValue(s)
	}
	t, ok := written.ParseTimestamp(s, start.Location())
	if !ok {
		return 0, text.Fail("sample-time-form", "value", s)
	}
	return t.Sub(start), nil
}

type promResponse struct {
	Status string `json:"status"`
	Data   struct {
		ResultType string `json:"resultType"`
		Result     []struct {
			Values [][2]any `json:"values"`
		} `json:"result"`
	} `json:"data"`
}

func parsePrometheus(name string, data []byte, start time.Time) ([]written.Sample, error) {
	var resp promResponse
	if err := json.Unmarshal(data, &resp); err != nil {
		line := 1
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line += strings.Count(string(data[:min(int(se.Offset), len(data))]), "\n")
		case errors.As(err, &te):
			line += strings.Count(string(data[:min(int(te.Offset), len(data))]), "\n")
		}
		return nil, text.Fail("prom-not-response", "file", name, "line", line, "err", err)
	}
	if resp.Status != "" && resp.Status != "success" {
		return nil, text.Fail("prom-status", "file", name, "status", resp.Status)
	}
	if resp.Data.ResultType != "matrix" || len(resp.Data.Result) == 0 {
		return nil, text.Fail("prom-not-matrix", "file", name)
	}
	if n := len(resp.Data.Result); n > 1 {
		return nil, text.Fail("prom-many-series", "file", name, "n", n)
	}
	var out []written.Sample
	for i, v := range resp.Data.Result[0].Values {
		ts, ok := v[0].(float64)
		vs, ok2 := v[1].(string)
		if !ok || !ok2 {
			return nil, text.Fail("prom-value-pair", "file", name, "i", i)
		}
		val, err := strconv.ParseFloat(vs, 64)
		if err != nil || math.IsNaN(val) || math.IsInf(val, 0) {
			return nil, text.Fail("prom-value-not-number", "file", name, "i", i, "value", vs)
		}
		if math.IsNaN(ts) || math.Abs(ts) > 1e11 {
			return nil, text.Fail("prom-not-unix-time", "file", name, "i", i, "ts", ts)
		}
		// Prometheus stamps samples to the millisecond; rounding there
		// undoes the float's error, so a written offset reads back exact.
		at := time.UnixMilli(int64(math.Round(ts * 1000))).Sub(start)
		if err := nearStart(at, start); err != nil {
			return nil, text.Fail("prom-value-error", "file", name, "i", i, "err", err)
		}
		out = append(out, written.Sample{Offset: at, Value: val})
	}
	if len(out) == 0 {
		return nil, text.Fail("prom-no-values", "file", name)
	}
	return out, nil
}
