package convert

import (
	"bytes"
	"encoding/json"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// IcebergJSON is the IcebergTTX scenario file: indented JSON, its text as
// it is (no HTML escapes), and the notes of what moved.
func IcebergJSON(s *scenarios.Session) ([]byte, []text.Message, error) {
	sc, notes := icebergScenario(s)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sc); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), notes, nil
}
