// Package docs holds the format reference, so that the binary prints the
// same text the repository shows (propdeck reference).
package docs

import _ "embed"

// Reference is docs/scenario-format.md.
//
//go:embed scenario-format.md
var Reference string
