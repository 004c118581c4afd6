package ledger

import (
	"bytes"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// header starts a new ledger: what the file is and how to edit it, for
// whoever opens it first in an editor rather than in propdeck.
const header = `#:schema actions.schema.json
# The programme's action ledger: one [[action]] per action item. propdeck
# actions DIR sync adds the items of new session records; propdeck actions
# DIR close ID --note "…" closes one. Edit it by hand too: keep each id
# (never renumber), status is open, in-progress, done or wont-do, and a
# done or wont-do item has a closed date. propdeck edits the lines of one
# entry and never reorders the file, so it merges like any text.
format = 1
`

// keys are an entry's keys in the order propdeck writes them.
var keys = []string{"id", "title", "owner", "due", "status", "opened", "closed", "link", "note", "retest", "retest_action"}

// value is an item's value of key, as text.
func value(it Item, key string) string {
	rv := reflect.ValueOf(it)
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		if rt.Field(i).Tag.Get("toml") == key {
			return rv.Field(i).String()
		}
	}
	panic("ledger: no key " + key)
}

// dateKey: a date left empty is left out rather than written "" (which is
// no date for an editor's schema).
func dateKey(key string) bool { return key == "due" || key == "opened" || key == "closed" }

// line is key = value, the value quoted by tomlw so that no outside text
// ends the string.
func line(key, v string) string { return key + " = " + tomlw.Quote(v) }

// entry is a new [[action]] table, after a comment saying where it came
// from (a record's file name: outside text, so made safe for a comment).
func entry(it Item, from string) string {
	var b strings.Builder
	b.WriteString("\n")
	if from != "" {
		b.WriteString("# from " + tomlw.Comment(from) + "\n")
	}
	b.WriteString("[[action]]\n")
	for _, k := range keys {
		v := value(it, k)
		if v == "" && dateKey(k) {
			continue
		}
		b.WriteString(line(k, v) + "\n")
	}
	return b.String()
}

// New is an item to add and the file it came from.
type New struct {
	Item Item
	From string
}

// Append is the ledger's text with items added at its end, and nothing
// else changed; a new ledger starts with its header. The text is read
// back and must hold exactly the old items and the new.
func (l *Ledger) Append(items []New) ([]byte, error) {
	text := l.data
	if len(bytes.TrimSpace(text)) == 0 {
		text = []byte(header)
	}
	out := bytes.Clone(text)
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	want := slices.Clone(l.Items)
	for _, n := range items {
		if err := checkItem(n.Item); err != nil {
			return nil, err
		}
		out = append(out, entry(n.Item, n.From)...)
		want = append(want, n.Item)
	}
	return out, l.verify(out, want)
}

// Set is the ledger's text with item i changed to it: each key whose
// value changed has its lines rewritten, or a line added at the end of
// the entry; no other line moves.
func (l *Ledger) Set(i int, it Item) ([]byte, error) {
	if err := checkItem(it); err != nil {
		return nil, err
	}
	lines := strings.SplitAfter(string(l.data), "\n")
	old := l.Items[i]
	p := "action." + strconv.Itoa(i)
	// Edit from the bottom up, so that the line numbers above stay true.
	type change struct {
		from, to int // 0-based, to exclusive
		text     string
	}
	var changes []change
	end := l.entryEnd(i, lines)
	var added []string
	for _, k := range keys {
		v := value(it, k)
		if v == value(old, k) {
			continue
		}
		at, ok := l.pos[p+"."+k]
		switch {
		case ok && v == "" && dateKey(k):
			changes = append(changes, change{at.Line - 1, l.spanEnd(at.Line, lines), ""})
		case ok:
			changes = append(changes, change{at.Line - 1, l.spanEnd(at.Line, lines), line(k, v) + eol(lines[at.Line-1])})
		case v != "":
			added = append(added, line(k, v)+eol(lines[end-1]))
		}
	}
	if len(added) > 0 {
		changes = append(changes, change{end, end, strings.Join(added, "")})
	}
	slices.SortFunc(changes, func(a, b change) int { return b.from - a.from })
	for _, c := range changes {
		lines = slices.Replace(lines, c.from, c.to, c.text)
	}
	out := []byte(strings.Join(lines, ""))
	want := slices.Clone(l.Items)
	want[i] = it
	return out, l.verify(out, want)
}

// eol is the line ending a line has, so that a file with CRLF keeps it.
func eol(s string) string {
	if strings.HasSuffix(s, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// spanEnd is where the value that starts on line (1-based) ends: before
// the next line that holds a key or header, less the blank lines and
// comments that precede it (they belong to what follows). A multi-line
// string ends on a line of its own closing quotes, which is neither.
func (l *Ledger) spanEnd(line int, lines []string) int {
	next := len(lines)
	for _, at := range l.pos {
		if at.Line > line && at.Line-1 < next {
			next = at.Line - 1
		}
	}
	for next > line && filler(lines[next-1]) {
		next--
	}
	return next
}

// entryEnd is the 0-based line after item i's last key.
func (l *Ledger) entryEnd(i int, lines []string) int {
	p := "action." + strconv.Itoa(i)
	last := l.pos[p].Line
	for path, at := range l.pos {
		if strings.HasPrefix(path, p+".") && at.Line > last {
			last = at.Line
		}
	}
	return l.spanEnd(last, lines)
}

// filler is a line that holds no TOML: blank, or a comment.
func filler(s string) bool {
	t := strings.TrimSpace(s)
	return t == "" || strings.HasPrefix(t, "#")
}

// verify reads text back and holds it to want: an edit that would change
// anything else, or write what does not decode, is propdeck's defect and
// writes nothing.
func (l *Ledger) verify(edited []byte, want []Item) error {
	back, err := parse(l.Path, edited, l.printing)
	if err != nil {
		return text.Fail("ledger-edit-unreadable", "path", l.Path, "err", err)
	}
	if len(back.Items) != len(want) {
		return text.Fail("ledger-edit-count", "path", l.Path, "got", len(back.Items), "want", len(want))
	}
	for i := range want {
		for _, k := range keys {
			if value(back.Items[i], k) != value(want[i], k) {
				return text.Fail("ledger-edit-value", "path", l.Path, "id", want[i].ID, "key", k, "got", value(back.Items[i], k), "want", value(want[i], k))
			}
		}
	}
	return nil
}

// checkItem holds an item about to be written to the ledger's rules, so that
// a wrong link or date given on the command line is said as such.
func checkItem(it Item) error {
	var msgs []text.Message
	check(&it, func(_, key string, nameValues ...any) {
		if len(msgs) > 0 {
			msgs = append(msgs, text.M("list-semicolon"))
		}
		msgs = append(msgs, text.M(key, nameValues...))
	})
	if len(msgs) > 0 {
		return &invalidError{Msgs: msgs}
	}
	return nil
}

// invalidError is an item that breaks the ledger's rules.
type invalidError struct{ Msgs []text.Message }

func (e *invalidError) Error() string { return e.Message().String() }

// Message is every rule the item breaks, to be said in the reader's
// language.
func (e *invalidError) Message() text.Message { return text.M("as-list", "items", e.Msgs) }

// Reread is the ledger holding text, as an edit of l returned it: the next
// edit of one command works on the text the last one made.
func (l *Ledger) Reread(text []byte) (*Ledger, error) { return parse(l.Path, text, l.printing) }
