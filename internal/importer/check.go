package importer

import (
	"errors"
	"fmt"
	"sort"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// checkSkeleton holds a skeleton about to be written to what validate
// checks: the size cap, the scenario rules and the cards' own (text that
// fits). A problem with a clue is the export's: it is reported at the row
// the clue came from (starts[i] is clue i's first line in the skeleton,
// rows[i] its row's line in the export).
func checkSkeleton(name string, out []byte, starts, rows []int) error {
	if err := checkSize(name, out, text.M("import-what-skeleton")); err != nil {
		return err
	}
	err := builds(name, out)
	var se *tomlfile.Errors
	if !errors.As(err, &se) {
		return err
	}
	var back tomlfile.Errors
	for _, e := range *se {
		i := sort.SearchInts(starts, e.Pos.Line+1) - 1
		if i < 0 || e.File != name+".toml" {
			// Not a row's doing: the importer's own.
			return text.Fail("import-defect", "file", name, "what", text.M("import-what-skeleton"), "nl", "\n", "err", err)
		}
		e.File, e.Pos = name, tomlfile.Pos{Line: rows[i]}
		back = append(back, e)
	}
	return back.Err()
}

// builds reads a scenario about to be written as validate does and
// builds its decks, as build would.
func builds(name string, out []byte) error {
	s, err := scenarios.Parse(name+".toml", out, nil, cards.Printing)
	if err == nil {
		_, err = documents.Build(s, documents.DefaultOptions())
	}
	return err
}

// checkCatalog holds a catalog about to be written to what validate checks.
func checkCatalog(name string, out []byte) error {
	if err := checkSize(name, out, text.M("import-what-catalog")); err != nil {
		return err
	}
	if _, err := scenarios.ParseCatalog(name, out, cards.Printing); err != nil {
		return text.Fail("import-catalog-defect", "nl", "\n", "err", err)
	}
	return nil
}

func checkSize(name string, out []byte, what text.Message) error {
	if len(out) > rules.MaxScenarioBytes {
		return failAt(name, "import-too-large", "what", what, "mb", fmt.Sprintf("%.1f", float64(len(out))/(1<<20)), "max", rules.MaxScenarioBytes>>20)
	}
	return nil
}
