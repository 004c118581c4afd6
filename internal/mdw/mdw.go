// Package mdw puts outside text (a record's findings, names, notes; a
// scenario's titles) into a Markdown file as text, in whichever place it
// stands: inline, a heading, a list item or a table cell. Nothing of it
// can become Markdown or HTML: no heading, list, link, emphasis, comment
// or element.
package mdw

import (
	"regexp"
	"strings"
)

// special are the ASCII characters that start Markdown or HTML inline
// (emphasis, code, links, images, autolinks, raw HTML, entities, tables,
// strikethrough); each is written with CommonMark's backslash escape.
const special = "\\`*_[]<>!|~&"

// blockStart matches what would open a block at the start of a line: a
// heading, a quote, a list item (bullet or numbered), a thematic break.
var blockStart = regexp.MustCompile(`^(#|>|[-+*=]|\d{1,9}[.)])`)

// Inline is s as one line of text: line breaks fold to spaces.
func Inline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	if m := blockStart.FindString(s); m != "" {
		// Escape the marker's last character: "\#", "1\.", "\-".
		b.WriteString(m[:len(m)-1] + `\` + m[len(m)-1:])
		s = s[len(m):]
	}
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Heading is s as the text of a heading.
func Heading(s string) string { return Inline(s) }

// Item is s as the text of a list item.
func Item(s string) string { return Inline(s) }

// Cell is s as a table cell of GitHub and GitLab: its line breaks are
// kept as <br>, the one element a cell has for them.
func Cell(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = Inline(l)
	}
	return strings.Join(lines, "<br>")
}
