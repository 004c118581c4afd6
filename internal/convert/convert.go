package convert

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Targets are the formats a scenario converts to, the default first.
var Targets = []string{"iceberg", "openaev", "hseep"}

// Dropped says, per target, what of a scenario its format has no place
// for; the reference says the same.
var Dropped = map[string]string{
	"iceberg": "clue kinds, systems and runbooks; log and metric snapshots become their text; print settings, worksheets, complications and the premortem",
	"openaev": "systems and runbooks; log and metric snapshots become their text; print settings, worksheets, complications and the premortem",
	"hseep":   "runbooks; log and metric snapshots become their text; print settings, worksheets, complications and the premortem",
}

// Extension is the file a target writes: JSON for IcebergTTX, a workbook
// for OpenAEV, and for HSEEP a workbook or, named .csv, the CSV of msel
// --hseep.
func Extension(target, path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	want := map[string][]string{"iceberg": {".json"}, "openaev": {".xlsx"}, "hseep": {".xlsx", ".csv"}}[target]
	for _, w := range want {
		if ext == w || (path == "" && w != ".xlsx") {
			return w, nil
		}
	}
	if path == "" {
		return "", fmt.Errorf("--to %s writes a workbook: give -o FILE%s", target, want[0])
	}
	return "", fmt.Errorf("--to %s writes %s, not %q; name the file FILE%s", target, strings.Join(want, " or "), ext, want[0])
}

// File is the scenario in a target's format with that extension, and the
// notes of what moved.
func File(s *scenarios.Session, target, ext string) ([]byte, []string, error) {
	switch {
	case target == "iceberg":
		return IcebergJSON(s)
	case target == "openaev":
		return openAEV(s)
	case target == "hseep" && ext == ".csv":
		return report.HSEEPMSEL(s), nil, nil
	case target == "hseep":
		data, err := hseepWorkbook(s)
		return data, nil, err
	}
	return nil, nil, fmt.Errorf("no converter to %q", target)
}
