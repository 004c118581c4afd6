package props

import (
	"regexp"
	"strings"
)

// ucumUnits are the card units that are UCUM codes, or one word away
// (opentelemetry.io/docs/specs/semconv/general/metrics/#instrument-units:
// OTLP's unit is UCUM's case-sensitive code).
var ucumUnits = map[string]string{
	"%": "%", "1": "1", "ms": "ms", "s": "s", "min": "min", "h": "h",
	"B": "By", "kB": "kBy", "KB": "kBy", "MB": "MBy", "GB": "GBy", "TB": "TBy",
	"B/s": "By/s", "kB/s": "kBy/s", "MB/s": "MBy/s", "GB/s": "GBy/s", "MB/min": "MBy/min",
	"W": "W", "kW": "kW", "MW": "MW", "Hz": "Hz",
}

// countUnit is a count of things in ASCII words, as "req/s", "k req/s" or
// "machines": a UCUM annotation, scaled by 10*3 or 10*6, per second,
// minute or hour.
var countUnit = regexp.MustCompile(`^(?:(k|M) ?)?([A-Za-z][A-Za-z_.-]*)(?:/(s|min|h))?$`)

// ucum is a card's unit as a UCUM code: the code when the words are one,
// an annotated count for counted things, else "1" (dimensionless), the
// words then said in the description.
func ucum(unit string) string {
	unit = strings.TrimSpace(unit)
	if u, ok := ucumUnits[unit]; ok {
		return u
	}
	m := countUnit.FindStringSubmatch(unit)
	if m == nil {
		return "1"
	}
	code := map[string]string{"": "", "k": "10*3", "M": "10*6"}[m[1]] + "{" + m[2] + "}"
	if m[3] != "" {
		code += "/" + m[3]
	}
	return code
}

// unitWords is a metric's description: its title and, unless its UCUM
// code is the card's unit as written, the card's words for the unit.
func unitWords(title, unit string) string {
	if unit == "" || ucum(unit) == unit {
		return title
	}
	return title + " (" + unit + ")"
}
