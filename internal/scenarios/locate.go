package scenarios

import (
	"strconv"
	"strings"
)

// Pos is a place in a scenario file; Col is 0 when unknown.
type Pos struct {
	Line, Col int
}

// locator finds where each key of an already-parsed TOML document was
// written. The TOML library reports positions only for its own syntax
// errors, and its key paths do not number the entries of [[arrays]], so
// propdeck keeps its own index: "clues.3.log.from" -> line and column.
type locator struct {
	src    string
	i      int
	line   int
	col    int
	pos    map[string]Pos
	counts map[string]int // entries seen per array of tables
}

func locate(src string) map[string]Pos {
	l := &locator{src: src, line: 1, col: 1, pos: map[string]Pos{}, counts: map[string]int{}}
	defer func() { _ = recover() }() // a best effort index; decoding already validated the syntax
	l.document()
	return l.pos
}

func (l *locator) peek() byte {
	if l.i >= len(l.src) {
		return 0
	}
	return l.src[l.i]
}

func (l *locator) next() byte {
	c := l.src[l.i]
	l.i++
	if c == '\n' {
		l.line++
		l.col = 1
	} else if c < 0x80 || c >= 0xC0 {
		l.col++
	}
	return c
}

func (l *locator) here() Pos { return Pos{l.line, l.col} }

func (l *locator) skipSpace(newlines bool) {
	for l.i < len(l.src) {
		switch c := l.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			l.next()
		case c == '\n' && newlines:
			l.next()
		case c == '#':
			for l.i < len(l.src) && l.peek() != '\n' {
				l.next()
			}
		default:
			return
		}
	}
}

func (l *locator) document() {
	table := ""
	for {
		l.skipSpace(true)
		if l.i >= len(l.src) {
			return
		}
		if l.peek() == '[' {
			at := l.here()
			l.next()
			array := l.peek() == '['
			if array {
				l.next()
			}
			keys := l.key()
			l.skipSpace(false)
			for l.i < len(l.src) && l.peek() == ']' {
				l.next()
			}
			table = l.resolve(keys, array)
			if _, seen := l.pos[table]; !seen || array {
				l.pos[table] = at
			}
			continue
		}
		start := l.i
		l.keyValue(table)
		if l.i == start {
			l.next() // never stall on input this scanner does not understand
		}
	}
}

// resolve turns a header's dotted key into a path with array indexes.
func (l *locator) resolve(keys []string, array bool) string {
	path := ""
	for n, k := range keys {
		path = join(path, k)
		if n == len(keys)-1 && array {
			idx := l.counts[path]
			l.counts[path] = idx + 1
			return join(path, strconv.Itoa(idx))
		}
		if c, ok := l.counts[path]; ok {
			path = join(path, strconv.Itoa(c-1))
		}
	}
	return path
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

func (l *locator) key() []string {
	var keys []string
	for {
		l.skipSpace(false)
		switch c := l.peek(); c {
		case '"', '\'':
			keys = append(keys, l.quoted())
		default:
			start := l.i
			for l.i < len(l.src) {
				c := l.peek()
				if c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
					l.next()
					continue
				}
				break
			}
			keys = append(keys, l.src[start:l.i])
		}
		l.skipSpace(false)
		if l.peek() != '.' {
			return keys
		}
		l.next()
	}
}

func (l *locator) quoted() string {
	q := l.next()
	var b strings.Builder
	for l.i < len(l.src) {
		c := l.next()
		if c == q {
			break
		}
		if c == '\\' && q == '"' && l.i < len(l.src) {
			b.WriteByte(c)
			b.WriteByte(l.next())
			continue
		}
		b.WriteByte(c)
	}
	if q == '"' {
		// A basic string's escapes are Go's too ("cop\u0069es"); the key
		// is what they spell.
		if u, err := strconv.Unquote(`"` + b.String() + `"`); err == nil {
			return u
		}
	}
	return b.String()
}

func (l *locator) keyValue(table string) {
	at := l.here()
	keys := l.key()
	path := table
	for _, k := range keys {
		path = join(path, k)
	}
	l.pos[path] = at
	l.skipSpace(false)
	if l.peek() == '=' {
		l.next()
	}
	l.skipSpace(false)
	l.value(path)
}

func (l *locator) value(path string) {
	switch c := l.peek(); c {
	case '"', '\'':
		if strings.HasPrefix(l.src[l.i:], string([]byte{c, c, c})) {
			l.next()
			l.next()
			l.next()
			for l.i < len(l.src) {
				if strings.HasPrefix(l.src[l.i:], string([]byte{c, c, c})) {
					l.next()
					l.next()
					l.next()
					for l.i < len(l.src) && l.peek() == c { // up to two quotes may close the content
						l.next()
					}
					return
				}
				if l.next() == '\\' && c == '"' && l.i < len(l.src) {
					l.next()
				}
			}
			return
		}
		l.quoted()
	case '[':
		l.next()
		for n := 0; ; n++ {
			l.skipSpace(true)
			if l.i >= len(l.src) {
				return
			}
			if l.peek() == ']' {
				l.next()
				return
			}
			el := join(path, strconv.Itoa(n))
			l.pos[el] = l.here()
			start := l.i
			l.value(el)
			if l.i == start && l.peek() != ',' && l.peek() != ']' {
				l.next()
			}
			l.skipSpace(true)
			if l.peek() == ',' {
				l.next()
			}
		}
	case '{':
		l.next()
		for {
			l.skipSpace(true)
			if l.i >= len(l.src) {
				return
			}
			if l.peek() == '}' {
				l.next()
				return
			}
			if l.peek() == ',' {
				l.next()
				continue
			}
			start := l.i
			l.keyValue(path)
			if l.i == start {
				l.next()
			}
		}
	default:
		for l.i < len(l.src) {
			switch l.peek() {
			case ',', ']', '}', '\n', '#':
				return
			}
			l.next()
		}
	}
}
