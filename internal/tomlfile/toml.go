package tomlfile

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2/unstable"
	"github.com/propdeck/propdeck/internal/text"
)

// Parse reads a TOML document in one pass: the generic tree the
// decoder fills Go types from (tables as map[string]any, [[arrays]] as
// []map[string]any, other arrays as []any, and int64, float64, string,
// bool and time.Time values), and where every key, header and array
// element was written ("clues.3.log.from" -> line and column, columns in
// characters). The TOML rules a parser leaves to its caller (a key or a
// table defined twice, a table extended after it was closed) are checked
// here, each at its line.
func Parse(data []byte) (map[string]any, map[string]Pos, *Error) {
	b := &treeBuilder{
		root:   map[string]any{},
		pos:    make(map[string]Pos, len(data)/24), // about a key a line
		counts: map[string]int{},
		state:  map[string]defined{"": headerTable},
		lines:  lineStarts(data),
		data:   data,
	}
	b.p.Reset(data)
	for b.p.NextExpression() {
		if err := b.expression(b.p.Expression()); err != nil {
			return nil, nil, err
		}
	}
	if err := b.p.Error(); err != nil {
		var pe *unstable.ParserError
		if errors.As(err, &pe) && pe.Highlight != nil {
			return nil, nil, &Error{Pos: b.at(int(b.p.Range(pe.Highlight).Offset)), Text: text.M("toml-syntax", "err", text.M("as-written", "text", pe.Message+shown(pe.Highlight)))}
		}
		return nil, nil, &Error{Text: text.M("toml-syntax", "err", text.M("as-written", "text", err.Error()))}
	}
	return b.root, b.pos, nil
}

// shown names an invisible character a syntax error is about, quoted so
// that it reaches a terminal as text: " (here: \x1b)".
func shown(highlight []byte) string {
	for _, r := range string(highlight) {
		if r != '\n' && (r < 0x20 || r == 0x7f) {
			return fmt.Sprintf(" (here: %s)", strings.Trim(strconv.QuoteRune(r), "'"))
		}
	}
	return ""
}

// defined is how a table or value came to be, for TOML's rules on
// defining things once.
type defined int

const (
	impliedTable defined = iota // a parent of a header: [a.b] implies a
	headerTable                 // [a]
	dottedTable                 // a.b = 1 defines a
	inlineTable                 // a = { … }: closed once written
	arrayTables                 // [[a]]
)

type treeBuilder struct {
	p      unstable.Parser
	data   []byte
	lines  []int
	root   map[string]any
	pos    map[string]Pos
	counts map[string]int     // entries of each [[array]], as the locator numbered them
	state  map[string]defined // how each table and value was defined, by path
	table  string             // the path of the current [table]
	cur    map[string]any     // and the table itself
}

// lineStarts are the byte offsets at which the lines of data start.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// at is the line and column (in characters) of a byte offset.
func (b *treeBuilder) at(off int) Pos {
	line := sort.Search(len(b.lines), func(i int) bool { return b.lines[i] > off }) - 1
	return Pos{Line: line + 1, Col: utf8.RuneCount(b.data[b.lines[line]:off]) + 1}
}

func (b *treeBuilder) errorf(off int, key string, nameValues ...any) *Error {
	return &Error{Pos: b.at(off), Text: text.M("toml-syntax", "err", text.M(key, nameValues...))}
}

func (b *treeBuilder) expression(e *unstable.Node) *Error {
	switch e.Kind {
	case unstable.KeyValue:
		if b.cur == nil {
			b.cur = b.root
		}
		return b.keyValue(b.table, b.cur, e)
	case unstable.Table, unstable.ArrayTable:
		return b.header(e)
	}
	return nil
}

// keys are a dotted key's parts and the offset where it starts.
func keys(it unstable.Iterator) ([]string, int) {
	var parts []string
	off := -1
	for it.Next() {
		n := it.Node()
		if off < 0 {
			off = int(n.Raw.Offset)
		}
		parts = append(parts, string(n.Data))
	}
	return parts, off
}

// header opens [a.b] or appends an entry to [[a.b]], with every parent
// implied, the position of its opening bracket recorded.
func (b *treeBuilder) header(e *unstable.Node) *Error {
	parts, off := keys(e.Key())
	open := bytes.LastIndexByte(b.data[:off], '[')
	if e.Kind == unstable.ArrayTable && open > 0 && b.data[open-1] == '[' {
		open--
	}
	path, m, err := b.parents(parts[:len(parts)-1], off)
	if err != nil {
		return err
	}
	last := parts[len(parts)-1]
	path = Join(path, last)
	if e.Kind == unstable.ArrayTable {
		return b.arrayEntry(path, m, last, open)
	}
	_, taken := m[last]
	switch st, seen := b.state[path]; {
	case !seen && !taken:
		m[last] = map[string]any{}
	case seen && st == impliedTable:
	default:
		return b.errorf(off, "toml-defined-twice", "key", Display(path))
	}
	if _, seen := b.pos[path]; !seen {
		b.pos[path] = b.at(open)
	}
	b.state[path] = headerTable
	b.table, b.cur = path, m[last].(map[string]any)
	return nil
}

// arrayEntry appends a table to the [[array]] at path.
func (b *treeBuilder) arrayEntry(path string, m map[string]any, last string, open int) *Error {
	if _, taken := m[last]; taken && b.state[path] != arrayTables {
		return b.errorf(open, "toml-not-array", "key", Display(path), "last", last)
	}
	b.state[path] = arrayTables
	entry := map[string]any{}
	list, _ := m[last].([]map[string]any)
	m[last] = append(list, entry)
	idx := b.counts[path]
	b.counts[path] = idx + 1
	path = Join(path, strconv.Itoa(idx))
	b.pos[path] = b.at(open)
	b.state[path] = headerTable
	b.table, b.cur = path, entry
	return nil
}

// parents walks a header's parent keys from the root, implying the tables
// that do not exist yet and entering the last entry of an [[array]].
func (b *treeBuilder) parents(parts []string, off int) (string, map[string]any, *Error) {
	path, m := "", b.root
	for _, k := range parts {
		path = Join(path, k)
		switch v := m[k].(type) {
		case nil:
			next := map[string]any{}
			m[k], b.state[path] = next, impliedTable
			m = next
		case map[string]any:
			if b.state[path] == inlineTable {
				return "", nil, b.errorf(off, "toml-value-extended", "key", Display(path))
			}
			m = v
		case []map[string]any:
			path = Join(path, strconv.Itoa(len(v)-1))
			m = v[len(v)-1]
		default:
			return "", nil, b.errorf(off, "toml-value-not-table", "key", Display(path))
		}
	}
	return path, m, nil
}

// keyValue sets a = v (or a.b.c = v) in table m at path.
func (b *treeBuilder) keyValue(path string, m map[string]any, e *unstable.Node) *Error {
	parts, off := keys(e.Key())
	for _, k := range parts[:len(parts)-1] {
		path = Join(path, k)
		switch v := m[k].(type) {
		case nil:
			next := map[string]any{}
			m[k], b.state[path] = next, dottedTable
			m = next
		case map[string]any:
			if b.state[path] != dottedTable {
				return b.errorf(off, "toml-defined-twice", "key", Display(path))
			}
			m = v
		default:
			return b.errorf(off, "toml-value-not-table", "key", Display(path))
		}
	}
	last := parts[len(parts)-1]
	path = Join(path, last)
	if _, taken := m[last]; taken {
		return b.errorf(off, "toml-defined-twice", "key", Display(path))
	}
	b.pos[path] = b.at(off)
	v, err := b.value(path, e.Value(), 1)
	if err != nil {
		return err
	}
	m[last] = v
	// Only tables need a state: a value's key is taken by being set.
	if _, isTable := v.(map[string]any); isTable {
		b.state[path] = inlineTable
	}
	return nil
}

// value converts a value node; depth counts the arrays and inline tables
// it is inside.
func (b *treeBuilder) value(path string, n *unstable.Node, depth int) (any, *Error) {
	switch n.Kind {
	case unstable.Array, unstable.InlineTable:
		if depth > maxDepth {
			return nil, &Error{Pos: b.at(b.start(n)), Text: text.M("too-deep", "max", maxDepth)}
		}
		if n.Kind == unstable.InlineTable {
			return b.inline(path, n, depth)
		}
		return b.array(path, n, depth)
	case unstable.String:
		return string(n.Data), nil
	case unstable.Bool:
		return string(n.Data) == "true", nil
	case unstable.Integer:
		return b.integer(n)
	case unstable.Float:
		v, err := parseFloat(string(n.Data))
		if err != nil {
			return nil, b.errorf(int(n.Raw.Offset), "toml-number-range", "value", n.Data)
		}
		return v, nil
	}
	return b.dateTime(n)
}

func (b *treeBuilder) array(path string, n *unstable.Node, depth int) (any, *Error) {
	out := []any{}
	it := n.Children()
	for i := 0; it.Next(); i++ {
		el := it.Node()
		elPath := Join(path, strconv.Itoa(i))
		b.pos[elPath] = b.at(b.start(el))
		v, err := b.value(elPath, el, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (b *treeBuilder) inline(path string, n *unstable.Node, depth int) (any, *Error) {
	m := map[string]any{}
	it := n.Children()
	for it.Next() {
		if err := b.keyValue(path, m, it.Node()); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// start is where a value node begins: its own bytes, or for an array
// (which the parser gives no range) the bracket before its first element.
func (b *treeBuilder) start(n *unstable.Node) int {
	if n.Raw.Length > 0 || n.Kind != unstable.Array {
		return int(n.Raw.Offset)
	}
	it := n.Children()
	if it.Next() {
		first := b.start(it.Node())
		if open := bytes.LastIndexByte(b.data[:first], '['); open >= 0 {
			return open
		}
		return first
	}
	return 0
}

func (b *treeBuilder) integer(n *unstable.Node) (any, *Error) {
	v, err := strconv.ParseInt(string(n.Data), 0, 64)
	if err != nil {
		return nil, b.errorf(int(n.Raw.Offset), "toml-integer-range", "value", n.Data)
	}
	return v, nil
}

// parseFloat reads a TOML float, inf and nan included (the decoder then
// refuses those); a number too large for a float is an error.
func parseFloat(s string) (float64, error) {
	switch strings.TrimLeft(s, "+-") {
	case "inf":
		if strings.HasPrefix(s, "-") {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case "nan":
		return math.NaN(), nil
	}
	return strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
}

// The zones of TOML's date-times without an offset: each prints as UTC,
// as the date-time the author wrote.
var (
	localDateTime = time.FixedZone("datetime-local", 0)
	localDate     = time.FixedZone("date-local", 0)
	localTime     = time.FixedZone("time-local", 0)
)

// dateTimeForms are TOML's date-time forms, digit for digit: Go's time
// layouts would take a one-digit hour.
var dateTimeForms = map[unstable.Kind]*regexp.Regexp{
	unstable.DateTime:      regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`),
	unstable.LocalDateTime: regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$`),
	unstable.LocalDate:     regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`),
	unstable.LocalTime:     regexp.MustCompile(`^\d{2}:\d{2}:\d{2}(\.\d+)?$`),
}

func (b *treeBuilder) dateTime(n *unstable.Node) (any, *Error) {
	s := strings.ToUpper(string(n.Data))
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') {
		s = s[:10] + "T" + s[11:]
	}
	if form := dateTimeForms[n.Kind]; form != nil && !form.MatchString(s) {
		return nil, b.errorf(int(n.Raw.Offset), "toml-not-date-time", "value", n.Data)
	}
	var t time.Time
	var err error
	switch n.Kind {
	case unstable.DateTime:
		t, err = time.Parse("2006-01-02T15:04:05.999999999Z07:00", s)
	case unstable.LocalDateTime:
		t, err = time.ParseInLocation("2006-01-02T15:04:05.999999999", s, localDateTime)
	case unstable.LocalDate:
		t, err = time.ParseInLocation("2006-01-02", s, localDate)
	case unstable.LocalTime:
		t, err = time.ParseInLocation("15:04:05.999999999", s, localTime)
	default:
		return nil, b.errorf(int(n.Raw.Offset), "toml-unexpected", "kind", n.Kind)
	}
	if err != nil {
		return nil, b.errorf(int(n.Raw.Offset), "toml-not-date-time", "value", n.Data)
	}
	return t, nil
}

// Join is the path of key b inside a, the top level for a "".
func Join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}
