//go:build !unix

package input

// NoFollow has no flag here; OpenJournal's regular-file check remains.
const NoFollow = 0
