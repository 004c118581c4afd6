package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/propdeck/propdeck/internal/text"
)

// TestRefusalsInKorean: a refused write is said in the reader's language,
// every refusal on its line, in English exactly as before the messages
// were keyed, and still told apart by errors.Is.
func TestRefusalsInKorean(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "a.pdf"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.toml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		write  func() error
		en, ko string
		is     error
	}{
		{"folder", func() error { return WriteAll(ctx, dir, []File{{Name: "a.pdf"}}) },
			filepath.Join(dir, "a.pdf") + " exists and is a folder, not a file; move it away",
			filepath.Join(dir, "a.pdf") + "가 이미 있는데 파일이 아니라 폴더임; 다른 곳으로 옮길 것", nil},
		{"exists", func() error { return WriteNew(ctx, dir, []File{{Name: "b.toml"}, {Name: "a.pdf"}}) },
			filepath.Join(dir, "b.toml") + " already exists; propdeck never overwrites it (choose another name)\n" +
				filepath.Join(dir, "a.pdf") + " already exists; propdeck never overwrites it (choose another name)",
			filepath.Join(dir, "b.toml") + ": 이미 있음; propdeck은 덮어쓰지 않음 (다른 이름을 고를 것)\n" +
				filepath.Join(dir, "a.pdf") + ": 이미 있음; propdeck은 덮어쓰지 않음 (다른 이름을 고를 것)", ErrExists},
	} {
		err := c.write()
		if err == nil {
			t.Fatalf("%s: written", c.name)
		}
		if got := err.Error(); got != c.en {
			t.Errorf("%s: en\n%s\nwant\n%s", c.name, got, c.en)
		}
		if got := text.In(err, "ko"); got != c.ko {
			t.Errorf("%s: ko\n%s\nwant\n%s", c.name, got, c.ko)
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: not errors.Is %v", c.name, c.is)
		}
	}
}
