package layouts

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/fonts"
)

// Measure returns the printed width of s in millimetres.
type Measure func(s string) float64

// FaceMeasure measures with one embedded face at one size.
func FaceMeasure(f fonts.Face, size float64) Measure {
	return func(s string) float64 { return f.Width(s, size) }
}

// Wrapped is one line of broken text. Text keeps the spaces it was broken
// at, so that joining the lines (with "\n" after each line that ends a
// paragraph) gives back the input exactly: no rune is ever lost.
type Wrapped struct {
	Text         string
	EndParagraph bool
}

// Visible is the line as printed, without the trailing spaces it broke at.
func (w Wrapped) Visible() string { return strings.TrimRightFunc(w.Text, unicode.IsSpace) }

// join puts wrapped lines back together; Join(Wrap(s, ...)) == s.
func join(lines []Wrapped) string {
	var b strings.Builder
	for i, l := range lines {
		b.WriteString(l.Text)
		if l.EndParagraph && i < len(lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Wrap breaks text into lines no wider than width. It breaks at spaces,
// keeps words whole (Korean is set keep-all: a word of Hangul is never
// split), and breaks inside a word only when that word alone is wider than
// the line. Explicit newlines start new paragraphs.
func Wrap(text string, width float64, measure Measure) []Wrapped {
	return wrap(text, width, measure, "")
}

// WrapAfter is Wrap that may also break after any of the runes in after,
// with no space there: a log line of JSON or logfmt breaks after a comma,
// between two fields, rather than inside "level":"error".
func WrapAfter(text string, width float64, measure Measure, after string) []Wrapped {
	return wrap(text, width, measure, after)
}

func wrap(text string, width float64, measure Measure, after string) []Wrapped {
	var out []Wrapped
	for _, p := range strings.Split(text, "\n") {
		lines := wrapParagraph(p, width, measure, after)
		lines[len(lines)-1].EndParagraph = true
		out = append(out, lines...)
	}
	return out
}

type lineBuilder struct {
	out     []Wrapped
	line    strings.Builder
	width   float64 // of what the line holds, trailing spaces included
	hasWord bool
}

func (b *lineBuilder) add(s string, w float64, word bool) {
	b.line.WriteString(s)
	b.width += w
	b.hasWord = b.hasWord || word
}

func (b *lineBuilder) flush() {
	b.out = append(b.out, Wrapped{Text: b.line.String()})
	b.line.Reset()
	b.width, b.hasWord = 0, false
}

func wrapParagraph(p string, width float64, measure Measure, after string) []Wrapped {
	const eps = 1e-9
	b := &lineBuilder{}
	pending := ""
	for tok := range tokens(p, after) {
		if isSpaceToken(tok) {
			pending += tok
			continue
		}
		w := measure(tok)
		sw := 0.0
		if pending != "" {
			sw = measure(pending)
		}
		switch {
		case b.width+sw+w <= width+eps:
			b.add(pending, sw, false)
			b.add(tok, w, true)
		case !b.hasWord:
			// Nothing to break before: the word (after any indentation) is
			// wider than the line, so it is split by runes.
			b.add(pending, sw, false)
			splitWord(b, tok, width, measure)
		default:
			// Break before the word; the spaces stay at the end of this line.
			b.add(pending, sw, false)
			b.flush()
			if w <= width+eps {
				b.add(tok, w, true)
			} else {
				splitWord(b, tok, width, measure)
			}
		}
		pending = ""
	}
	b.add(pending, 0, false)
	b.flush()
	return b.out
}

// splitWord adds a too-wide word rune by rune, starting new lines as needed;
// every line gets at least one rune so that progress is certain.
func splitWord(b *lineBuilder, word string, width float64, measure Measure) {
	for _, r := range word {
		rs := string(r)
		rw := measure(rs)
		if b.width+rw > width+1e-9 && b.hasWord {
			b.flush()
		}
		b.add(rs, rw, true)
	}
}

func isSpaceToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return r == ' ' || r == '\t'
}

// tokens splits a paragraph into runs of spaces and runs of anything else,
// and those after any rune of after. It yields them rather than listing
// them: every line of every card is wrapped, and the lists were 6% of the
// bytes a build allocates.
func tokens(p, after string) iter.Seq[string] {
	return func(yield func(string) bool) {
		breaks := runeSetOf(after)
		start := 0
		prevSpace, prevBreak := false, false
		for i, r := range p {
			sp := r == ' ' || r == '\t'
			if i > start && (sp != prevSpace || prevBreak && !sp) {
				if !yield(p[start:i]) {
					return
				}
				start = i
			}
			prevSpace = sp
			prevBreak = breaks.has(r)
		}
		if start < len(p) {
			yield(p[start:])
		}
	}
}

// runeSet is a set of runes, ASCII ones in a bitmap: tokens asks it of
// every rune of every log line, at each size a card tries, and looking
// each up in a string was a third of the time spent wrapping.
type runeSet struct {
	ascii [2]uint64
	other string // the runes past ASCII
}

func runeSetOf(s string) runeSet {
	var set runeSet
	for _, r := range s {
		if r < utf8.RuneSelf {
			set.ascii[r>>6] |= 1 << (r & 63)
		} else {
			set.other += string(r)
		}
	}
	return set
}

func (s *runeSet) has(r rune) bool {
	if r < utf8.RuneSelf {
		return s.ascii[r>>6]&(1<<(r&63)) != 0
	}
	return s.other != "" && strings.ContainsRune(s.other, r)
}

// WrapURL breaks a link into lines no wider than width, preferring breaks
// after "/", ".", "-", "?", "&" and "=", so that a person copying it by hand
// sees whole path segments. Joining the lines gives the link back.
func WrapURL(url string, width float64, measure Measure) []string {
	var parts []string
	start := 0
	for i, r := range url {
		if strings.ContainsRune("/.-?&=", r) {
			parts = append(parts, url[start:i+utf8.RuneLen(r)])
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(url) {
		parts = append(parts, url[start:])
	}
	var lines []string
	cur := ""
	for _, p := range parts {
		if measure(cur+p) <= width+1e-9 {
			cur += p
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		for _, r := range p {
			if cur != "" && measure(cur+string(r)) > width+1e-9 {
				lines = append(lines, cur)
				cur = ""
			}
			cur += string(r)
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}
