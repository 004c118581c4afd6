package cards

import (
	"errors"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

func joinErrors(errs []error) error { return errors.Join(errs...) }

// Positioned turns the cards that cannot hold their text into
// scenario errors at the line of their role, system or clue, so that they
// print like every other mistake in the file. Other errors pass unchanged.
func Positioned(s *scenarios.Session, err error) error {
	var cardErrs tomlfile.Errors
	var other []error
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var ce *cardError
		if errors.As(e, &ce) {
			cardErrs = append(cardErrs, tomlfile.Error{File: s.File(), Pos: ce.Where, Text: ce.Message(), Lang: s.Language()})
			return
		}
		other = append(other, e)
	}
	walk(err)
	if len(other) > 0 {
		return err
	}
	sorted := cardErrs.Sorted()
	return &sorted
}
