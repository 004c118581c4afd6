package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTemplateNamesReference: the starter init writes points at the format
// reference by a path that exists in the repository.
func TestTemplateNamesReference(t *testing.T) {
	for _, lang := range []string{"en", "ko"} {
		text := templateFor(lang, "x.toml")
		if !strings.Contains(text, referenceURL) {
			t.Errorf("%s template does not link %s", lang, referenceURL)
		}
	}
	path := strings.TrimPrefix(referenceURL, "https://github.com/propdeck/propdeck/blob/main/")
	if _, err := os.Stat(filepath.Join("..", "..", path)); err != nil {
		t.Errorf("reference link %s: %v", referenceURL, err)
	}
}
