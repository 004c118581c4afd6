package examples

import (
	"strings"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
)

// Template returns the commented starter scenario propdeck init writes, in
// a language, from its text catalog. It validates and builds as it is.
func Template(lang string) string {
	return strings.ReplaceAll(string(text.Raw(lang, "template")), "{reference}", rules.ReferenceURL)
}

// TemplateID is the scenario id a template gets for a file name.
func TemplateID(fileBase string) string {
	return rules.SafeID(strings.TrimSuffix(fileBase, ".toml"), "my-scenario")
}
