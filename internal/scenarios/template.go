package scenarios

import (
	"strings"

	"github.com/propdeck/propdeck/internal/text"
)

// Template returns the commented starter scenario propdeck init writes, in
// a language, from its text catalog. It validates and builds as it is.
func Template(lang string) string {
	return strings.ReplaceAll(string(text.Raw(lang, "template")), "{reference}", ReferenceURL)
}

// ReferenceURL is where the format reference of this version is published;
// the same file ships in the repository as docs/scenario-format.md.
const ReferenceURL = "https://github.com/propdeck/propdeck/blob/main/docs/scenario-format.md"

// TemplateID is the scenario id a template gets for a file name.
func TemplateID(fileBase string) string {
	return slug(strings.TrimSuffix(fileBase, ".toml"))
}
