//go:build race

package export

// raced: the race step of CI checks the concurrent code, not the
// renderers again; the full comparison runs in the step without it.
const raced = true
