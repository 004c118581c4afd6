//go:build !unix

package input

import (
	"io/fs"
	"os"
)

// idOf has no file identity to give here; callers fall back to the path.
func idOf(fs.FileInfo) ID { return ID{} }

func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
