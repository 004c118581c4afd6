package premortem

import (
	"strings"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// RecordSchemaFile is the name of the schema propdeck premortem --record
// writes beside a record, as its first line names it.
const RecordSchemaFile = "premortem.schema.json"

// Blank asks for an empty record to fill in from the paper kit: its
// language, the day of the session (YYYY-MM-DD), and the prompt and
// themes the kit printed.
type Blank struct {
	Lang, Date, Prompt string
	Themes             []string
}

// EmptyRecord is a commented premortem record with no ideas yet, in the
// language of b: the prompt and the day filled in, and a commented
// example of an idea and of a group. It decodes as a valid record once
// an idea with pick = true is added.
func EmptyRecord(b Blank) []byte {
	words := text.Load[starterWords](b.Lang, "starter")
	var themes string
	if len(b.Themes) > 0 {
		// The kit's themes are the scenario author's text: a comment, never TOML.
		themes = "# " + tomlw.Comment(words.ThemesLabel+": "+strings.Join(b.Themes, " · ")) + "\n"
	}
	r := strings.NewReplacer(
		"{reference}", rules.ReferenceURL,
		"{date}", b.Date,
		"{lang}", b.Lang,
		"{prompt}", tomlw.Quote(b.Prompt),
		"{themes}", themes,
	)
	return []byte(strings.TrimPrefix(r.Replace(words.RecordTemplate), "\n"))
}
