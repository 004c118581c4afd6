//go:build !unix

package output

import "os"

// lockDir is a no-op where flock is missing: builds into one folder at once
// are then the user's to avoid.
func lockDir(dir string) (func(), error) { return func() {}, nil }

// TryLock is a no-op where flock is missing: two consoles on one journal
// are then the user's to avoid.
func TryLock(f *os.File) error { return nil }
