package output

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWritePrivateNeverFollowsALink: a symlink at the name is replaced by
// the new file; its target is left as it was; the file is the user's
// alone, and no temporary file is left.
func TestWritePrivateNeverFollowsALink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target, path := filepath.Join(dir, "target"), filepath.Join(dir, "x.tokens")
	os.WriteFile(target, []byte("keep me"), 0o644)
	if err := os.Symlink(target, path); err != nil {
		t.Skip(err)
	}
	if err := WritePrivate(path, []byte("secret")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Lstat(path)
	if data, _ := os.ReadFile(target); string(data) != "keep me" || !info.Mode().IsRegular() || info.Mode().Perm() != 0o600 {
		t.Errorf("target %q, the file %v", data, info.Mode())
	}
	if list, _ := os.ReadDir(dir); len(list) != 2 {
		t.Errorf("left in the folder: %v", list)
	}
}
