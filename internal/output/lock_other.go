//go:build !unix

package output

// lockDir is a no-op where flock is missing: builds into one folder at once
// are then the user's to avoid.
func lockDir(dir string) (func(), error) { return func() {}, nil }
