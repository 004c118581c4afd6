package rules

import (
	"reflect"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/written"
)

// Check is what a file kind's own rules are given by DecodeFileKeyed and
// Scenario.Decode: the scenario's rules for places, names, vocabularies,
// times and ids, each message placed at a key path of the file
// ("ideas.2.due") and said in the file's language.
type Check struct{ v *validator }

// Report places m at path.
func (c Check) Report(path string, m text.Message) {
	rd, rp := c.v.Routed(path)
	c.v.Errs = append(c.v.Errs, tomlfile.Error{File: rd.File, Pos: rd.At(rp), Text: m})
}

// Errorf places the message key with its named values at path.
func (c Check) Errorf(path, key string, nameValues ...any) { c.v.Errorf(path, key, nameValues...) }

// Name is path as a message names it (idea "i3": due).
func (c Check) Name(path string) text.Message { return c.v.Name(path) }

// At is where path was written.
func (c Check) At(path string) tomlfile.Pos { return c.v.At(path) }

// Has reports whether the file writes path.
func (c Check) Has(path string) bool { return c.v.has(path) }

// Enum holds value at path to one of allowed, with the nearest suggested.
func (c Check) Enum(path, value string, allowed ...string) { c.v.enum(path, value, allowed...) }

// Offset reads a time of the scenario's session (T+4m, or a wall clock on
// the day of its start) into dst, and reports whether it could.
func (c Check) Offset(path, value string, dst *time.Duration) bool {
	return c.v.offset(path, value, dst)
}

// UnknownRef reports id at path as no kind ("role") of the scenario's,
// with the nearest of known suggested.
func (c Check) UnknownRef(path, kind, id string, known []string) {
	c.v.unknownRef(path, kind, id, known)
}

// Date reads a YYYY-MM-DD date.
func (c Check) Date(path, value string) (time.Time, bool) { return c.v.date(path, value) }

// Decode decodes another file kind read against a scenario w (a session
// record): strictly, its text held to what p prints, then check adds the
// kind's own rules; every error at once, at its line, in the scenario's
// language. w is read, never changed.
func Decode(w *written.Scenario, p Printing, name string, data []byte, dst any, emptyHint text.Message, check func(Check)) error {
	d, err := tomlfile.Decode(name, data, dst, emptyHint)
	if err != nil {
		return errorsIn(err, w.Scenario.Language)
	}
	v := &validator{Decoder: d, s: w, printing: p}
	v.text("", reflect.ValueOf(dst).Elem(), text.Message{})
	if check != nil {
		check(Check{v})
	}
	d.Errs = d.Errs.In(w.Scenario.Language)
	return d.Errs.Err()
}

// date reads a YYYY-MM-DD date.
func (v *validator) date(path, value string) (time.Time, bool) {
	d, err := time.Parse("2006-01-02", strings.TrimSpace(value))
	if err != nil {
		v.Errorf(path, "not-a-date", "name", v.Name(path), "value", value)
		return time.Time{}, false
	}
	return d, true
}
