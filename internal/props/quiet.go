package props

import (
	"strings"
	"unicode"
)

// unlink is the zero-width space put after an @ or a < that a chat would
// read as a mention: invisible, and a word break to Mattermost (its mention
// parser splits words at any rune that is not a letter, a number or one
// of :.-_@) and to Slack's linking of names.
const unlink = "\u200b"

// quiet is s, text of the scenario's, with no mention in it for any chat:
// each @ that starts a word and is followed by a letter or a number
// (Mattermost's @here, @channel, @all and @user, Slack's linked @names)
// and each <! (Mattermost's webhooks turn <!here>, <!channel> and <!all>
// into announcements) gets an unlink after it. An @ inside a word, as in
// an address, mentions no one in either chat and is left as it is.
func quiet(s string) string {
	if !strings.ContainsAny(s, "@<") {
		return s
	}
	var b strings.Builder
	prev := rune(' ')
	for i, r := range s {
		b.WriteRune(r)
		switch {
		case r == '@' && !wordRune(prev) && startsName(s[i+1:]):
			b.WriteString(unlink)
		case r == '<' && strings.HasPrefix(s[i+1:], "!"):
			b.WriteString(unlink)
		}
		prev = r
	}
	return b.String()
}

// wordRune is a rune that keeps an @ after it inside a word for
// Mattermost: a letter or a number it does not strip from messages.
func wordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && !stripped(r)
}

// startsName reports whether s starts with a letter or a number once the
// runes a chat may drop or ignore (format characters, combining marks,
// Mattermost's stripped runes) are skipped: the @ before it would mention.
func startsName(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me) || stripped(r) {
			continue
		}
		return unicode.IsLetter(r) || unicode.IsNumber(r)
	}
	return false
}

// stripped are the runes Mattermost's model.SanitizeUnicode removes, so
// that what they separate is joined again.
func stripped(r rune) bool {
	switch r {
	case '\u0340', '\u0341', '\u17A3', '\u17D3', '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
		'\u206A', '\u206B', '\u206C', '\u206D', '\u206E', '\u206F', '\uFFF9', '\uFFFA', '\uFFFB', '\uFEFF', '\uFFFC':
		return true
	}
	return r >= 0x1D173 && r <= 0x1D17A || r >= 0xE0000 && r <= 0xE007F
}
