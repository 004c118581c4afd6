package tomlfile

import (
	"bytes"
	"reflect"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/text"
)

// Decode is the one strict decoder for every file kind (scenario,
// catalog, record, roster, premortem record, ledger, plan): UTF-8, not
// empty, not nested too deep, valid TOML, then every key into dst with
// every unknown key and wrong type reported at its line and column in
// name. Errors it can go on past stay in the decoder for the file kind's
// own rules to add to; the others end it here.
func Decode(name string, data []byte, dst any, emptyHint text.Message) (*Decoder, error) {
	if !utf8.Valid(data) {
		at := firstInvalid(data)
		before := data[:at]
		line := 1 + bytes.Count(before, []byte("\n"))
		col := 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
		return nil, &Errors{{File: name, Pos: Pos{line, col}, Text: text.M("not-utf8", "byte", data[at])}}
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		return nil, &Errors{{File: name, Pos: Pos{1, 1}, Text: text.M("file-empty", "hint", emptyHint)}}
	}
	// A byte-order mark is an editor's way to start a UTF-8 file, not a
	// character of the first key.
	tree, pos, perr := Parse(bytes.TrimPrefix(data, []byte("\ufeff")))
	if perr != nil {
		// The parser refuses nesting past 10,000 levels with a message of
		// its own; the file's first level too deep is the better place.
		if at, deep := tooDeep(string(data)); deep {
			return nil, &Errors{{File: name, Pos: at, Text: text.M("too-deep", "max", maxDepth)}}
		}
		perr.File = name
		return nil, &Errors{*perr}
	}
	d := &Decoder{File: name, Tree: tree, Positions: pos}
	d.table("", tree, reflect.ValueOf(dst).Elem())
	return d, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
