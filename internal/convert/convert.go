package convert

import (
	"path/filepath"
	"strings"

	"github.com/propdeck/propdeck/internal/report"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// Targets are the formats a scenario converts to, the default first.
var Targets = []string{"iceberg", "openaev", "hseep"}

// Dropped says, per target, what of a scenario its format has no place
// for; the reference says the same.
var Dropped = map[string]text.Message{
	"iceberg": text.M("convert-dropped-iceberg"),
	"openaev": text.M("convert-dropped-openaev"),
	"hseep":   text.M("convert-dropped-hseep"),
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
		return "", text.Fail("convert-workbook", "target", target, "want", want[0])
	}
	return "", text.Fail("convert-extension", "target", target, "exts", text.OrList(want), "ext", ext, "want", want[0])
}

// File is the scenario in a target's format with that extension, and the
// notes of what moved.
func File(s *scenarios.Session, target, ext string) ([]byte, []text.Message, error) {
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
	return nil, nil, text.Fail("convert-no-converter", "target", target)
}
