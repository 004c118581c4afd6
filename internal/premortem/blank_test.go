package premortem

import (
	"errors"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/scenarios"
)

// uncomment turns the commented examples of an empty record into TOML:
// every "# " line from an example's header to the blank line after it.
func uncomment(record string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.SplitAfter(record, "\n") {
		switch {
		case strings.HasPrefix(line, "# [["):
			in = true
		case strings.TrimSpace(line) == "":
			in = false
		}
		if in {
			line = strings.TrimPrefix(line, "# ")
		}
		b.WriteString(line)
	}
	return b.String()
}

// TestEmptyRecord: the empty record decodes but for its missing ideas;
// with its commented examples taken in, it is a valid record whose pick
// becomes a starter that validates, in both languages.
func TestEmptyRecord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang   string
		themes []string
	}{
		{"en", []string{"Monitoring gaps", "Vendors"}},
		{"ko", nil},
		{"en", []string{"line\nbreak = true", `"""`, "# hash", "\u001b[31mred"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			empty := string(EmptyRecord(Blank{Lang: tc.lang, Date: "2026-12-06", Prompt: "Six months on: how did it fail?", Themes: tc.themes}))
			if !strings.HasPrefix(empty, "#:schema "+RecordSchemaFile+"\n") {
				t.Errorf("first line: %q", strings.SplitN(empty, "\n", 2)[0])
			}
			_, err := parseRecord("pm.toml", []byte(empty))
			var es *scenarios.Errors
			if !errors.As(err, &es) || len(*es) != 1 || !strings.Contains(err.Error(), `"ideas"`) {
				t.Fatalf("empty record: %v", err)
			}
			full := uncomment(empty)
			r, err := parseRecord("pm.toml", []byte(full))
			if err != nil {
				t.Fatalf("%v\n%s", err, full)
			}
			if r.lang() != tc.lang || r.Date != "2026-12-06" || len(r.Picks()) != 1 || len(r.Groups) != 1 {
				t.Errorf("record %+v", r)
			}
			files, err := Starters(StarterRequest{Record: "pm.toml", Data: []byte(full), Dir: t.TempDir()})
			if err != nil || len(files) != 2 {
				t.Fatalf("starters %v: %v", files, err)
			}
		})
	}
}
