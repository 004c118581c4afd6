// Package tomlw is the one way propdeck writes outside text (scenario and
// catalog text, Backstage descriptors, timelines, premortem ideas, file
// names) into a TOML file, so that no such text can end a string or a
// comment and become TOML of its own.
package tomlw

import (
	"fmt"
	"strings"
	"unicode"
)

// Quote is s as a TOML basic string. Control characters, and characters
// that are invisible or reorder text (U+202E), are escaped: they survive
// a round trip but cannot hide anything in the file.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case hidden(r):
			escape(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Strings is list as a TOML array of basic strings, each quoted by
// Quote: ["a", "b"], and [] for none.
func Strings(list []string) string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = Quote(x)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// Comment is s made safe to write after "# " on one line: a line break or
// any other control character would end the comment and start TOML, so
// each is written as its escape (\n, \u001B), visible and inert.
func Comment(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteByte(' ')
		case hidden(r):
			escape(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hidden: TOML refuses control characters raw; format characters (bidi
// overrides, zero-width joiners), private-use and non-characters would
// print as nothing or as something else.
func hidden(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Co, r) ||
		r&0xfffe == 0xfffe || (r >= 0xfdd0 && r <= 0xfdef)
}

func escape(b *strings.Builder, r rune) {
	if r > 0xffff {
		fmt.Fprintf(b, `\U%08X`, r)
		return
	}
	fmt.Fprintf(b, `\u%04X`, r)
}
