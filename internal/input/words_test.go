package input

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/propdeck/propdeck/internal/text"
)

// TestReadErrorsInKorean: a failed read is said in the reader's language,
// and in English exactly as before the messages were keyed.
func TestReadErrorsInKorean(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		path, en, ko string
	}{
		{dir, "is a folder, not a file", "파일이 아니라 폴더임"},
		{filepath.Join(dir, "none.toml"), "no such file", "그런 파일이 없음"},
	} {
		_, err := Read(context.Background(), c.path, MaxBytes)
		if err == nil {
			t.Fatalf("%s: read", c.path)
		}
		if got := err.Error(); got != c.en {
			t.Errorf("%s: en %q, want %q", c.path, got, c.en)
		}
		if got := text.In(err, "ko"); got != c.ko {
			t.Errorf("%s: ko %q, want %q", c.path, got, c.ko)
		}
	}
}
