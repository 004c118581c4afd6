package tomlfile

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
)

// Decoder fills a file kind's Go types from the generic tree Parse
// produced, so that every unknown key and every wrong type in a file is
// reported in one run (the library's own typed decoding stops at the
// first). The file kind's own rules add their messages to it.
type Decoder struct {
	File string
	Tree map[string]any
	// Routes sends the paths of entries merged in from an included file
	// ("roles.5") to that file's decoder and path ("roles.0"), so that
	// every message about them is at the included file's line.
	Routes    map[string]Route
	Positions map[string]Pos
	Errs      Errors
	// order is each reordered list's places as written (Reorder), for
	// the messages that name an entry by its number.
	order map[string][]int
}

// Route is where an included entry came from.
type Route struct {
	D    *Decoder
	Path string
}

// Routed returns the decoder and path that hold path: an included file's,
// or this one's.
func (d *Decoder) Routed(path string) (*Decoder, string) {
	parts := strings.SplitN(path, ".", 3)
	if len(parts) >= 2 {
		if r, ok := d.Routes[parts[0]+"."+parts[1]]; ok {
			if len(parts) == 3 {
				return r.D, r.Path + "." + parts[2]
			}
			return r.D, r.Path
		}
	}
	return d, path
}

// Reorder follows a sort of list's decoded entries (perm[new] is an
// entry's index before it): the tree and the positions move with them, so
// that a message about an entry after the sort is still at its line.
func (d *Decoder) Reorder(list string, perm []int) {
	at := make(map[int]int, len(perm)) // index before -> index now
	for n, o := range perm {
		if n != o {
			at[o] = n
		}
	}
	if len(at) == 0 {
		return
	}
	if d.order == nil {
		d.order = map[string][]int{}
	}
	written := slices.Clone(perm)
	if before := d.order[list]; len(before) == len(perm) {
		for n, o := range perm {
			written[n] = before[o]
		}
	}
	d.order[list] = written
	if entries, ok := d.Tree[list].([]map[string]any); ok && len(entries) == len(perm) {
		sorted := make([]map[string]any, len(entries))
		for n, o := range perm {
			sorted[n] = entries[o]
		}
		d.Tree[list] = sorted
	}
	moved := map[string]Pos{}
	for k, p := range d.Positions {
		rest, ok := strings.CutPrefix(k, list+".")
		if !ok {
			continue
		}
		idx, tail, _ := strings.Cut(rest, ".")
		o, err := strconv.Atoi(idx)
		n, again := at[o]
		if err != nil || !again {
			continue
		}
		delete(d.Positions, k)
		moved[list+"."+strconv.Itoa(n)+strings.TrimSuffix("."+tail, ".")] = p
	}
	maps.Copy(d.Positions, moved)
}

// AsWritten is path with its entry's number as the author wrote it:
// "rounds.1.setup" is "rounds.0.setup" when Reorder moved that round.
func (d *Decoder) AsWritten(path string) string {
	list, rest, _ := strings.Cut(path, ".")
	idx, tail, more := strings.Cut(rest, ".")
	n, err := strconv.Atoi(idx)
	order := d.order[list]
	if err != nil || n < 0 || n >= len(order) {
		return path
	}
	if more {
		tail = "." + tail
	}
	return list + "." + strconv.Itoa(order[n]) + tail
}

// Errorf records the message key with its named values at path.
func (d *Decoder) Errorf(path string, key string, nameValues ...any) {
	rd, rp := d.Routed(path)
	d.Errs = append(d.Errs, Error{File: rd.File, Pos: rd.At(rp), Text: text.M(key, nameValues...)})
}

// At finds the position of path, or of its nearest parent that has one.
func (d *Decoder) At(path string) Pos {
	if rd, rp := d.Routed(path); rd != d {
		return rd.At(rp)
	}
	for {
		if p, ok := d.Positions[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Pos{}
		}
		path = path[:i]
	}
}

// Display turns "clues.3.log.from" into "clues[3].log.from": a path with
// no entry of a top-level list in it, or one whose entry has no name.
func Display(path string) string {
	parts := strings.Split(path, ".")
	var b strings.Builder
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil && i > 0 {
			b.WriteString("[" + p + "]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// Owner splits a path into the entry it belongs to, named the way its author
// knows it (clue "c2", role "ic", round "T+10m Customers notice"), and the
// rest of the path inside that entry ("metric.from"). Paths outside the
// top-level lists have no owner.
func (d *Decoder) Owner(path string) (owner text.Message, rest string) {
	if rd, rp := d.Routed(path); rd != d {
		return rd.Owner(rp)
	}
	parts := strings.SplitN(path, ".", 3)
	if len(parts) < 2 {
		return text.Message{}, path
	}
	i, err := strconv.Atoi(parts[1])
	if err != nil {
		return text.Message{}, path
	}
	if len(parts) == 3 {
		rest = Display(parts[2])
	}
	list, _ := d.Tree[parts[0]].([]map[string]any)
	var entry map[string]any
	if i < len(list) {
		entry = list[i]
	}
	noun := EntryNoun(parts[0])
	if id, ok := entry["id"].(string); ok && id != "" {
		return text.M("entry", "noun", noun, "id", id), rest
	}
	if parts[0] == "rounds" {
		at, _ := entry["at"].(string)
		title, _ := entry["title"].(string)
		if name := strings.TrimSpace(at + " " + title); name != "" {
			return text.M("entry", "noun", noun, "id", name), rest
		}
	}
	if title, ok := entry["title"].(string); ok && title != "" {
		if r := []rune(title); len(r) > 40 {
			title = string(r[:39]) + "…"
		}
		return text.M("entry", "noun", noun, "id", title), rest
	}
	return text.M("entry-number", "noun", noun, "n", i+1), rest
}

// EntryNoun is what one entry of a top-level list is called: a clue of
// clues. A list with no word of its own in the catalogs is named by its
// key, as written.
func EntryNoun(list string) text.Message {
	if key, ok := nouns[list]; ok {
		return text.M(key)
	}
	return text.M("as-written", "text", strings.TrimSuffix(list, "s"))
}

// nouns are the message keys of the lists' entries, by list.
var nouns = map[string]string{
	"roles": "noun-roles", "systems": "noun-systems", "clues": "noun-clues", "rounds": "noun-rounds",
	"actions": "noun-actions", "complications": "noun-complications",
	"ideas": "noun-ideas", "groups": "noun-groups", "polls": "noun-polls",
}

// Name is how a message names path: `clue "c2": metric.from`.
func (d *Decoder) Name(path string) text.Message {
	owner, rest := d.Owner(path)
	switch {
	case owner.Key == "":
		return text.M("as-written", "text", rest)
	case rest == "":
		return owner
	}
	return text.M("entry-key", "entry", owner, "key", rest)
}

// Where is how a message places something inside path: `in log of clue "c2"`.
func (d *Decoder) Where(path string) text.Message {
	if path == "" {
		return text.M("where-top")
	}
	owner, rest := d.Owner(path)
	switch {
	case owner.Key == "":
		return text.M("where-in", "place", text.M("as-written", "text", rest))
	case rest == "":
		return text.M("where-in", "place", owner)
	}
	return text.M("where-in-entry", "key", rest, "entry", owner)
}

// FieldName is the key a struct field is written as.
func FieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}

// KindName says what kind of TOML value v is, for a message.
func KindName(v any) text.Message {
	switch v.(type) {
	case string:
		return text.M("kind-string")
	case int64:
		return text.M("kind-integer")
	case float64:
		return text.M("kind-number")
	case bool:
		return text.M("kind-boolean")
	case []any, []map[string]any:
		return text.M("kind-list")
	case map[string]any:
		return text.M("kind-table")
	case time.Time:
		return text.M("kind-date-time")
	}
	return text.M("as-written", "text", fmt.Sprintf("%T", v))
}

// Unmarshaler is a type of a file kind that reads itself from its value
// in the tree, a form the generic decoding does not know (a point of a
// series written as a pair, a list or a table of lists). It reports what
// is wrong through d, at path.
type Unmarshaler interface {
	UnmarshalTOML(d *Decoder, path string, v any)
}

var (
	unmarshalerType = reflect.TypeOf((*Unmarshaler)(nil)).Elem()
	posType         = reflect.TypeOf(Pos{})
)

func (d *Decoder) value(path string, v any, rv reflect.Value) {
	if rv.CanAddr() && reflect.PointerTo(rv.Type()).Implements(unmarshalerType) {
		rv.Addr().Interface().(Unmarshaler).UnmarshalTOML(d, path, v)
		return
	}
	switch rv.Kind() {
	case reflect.Pointer:
		nv := reflect.New(rv.Type().Elem())
		d.value(path, v, nv.Elem())
		rv.Set(nv)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			d.Errorf(path, "not-a-table", "name", d.Name(path), "kind", KindName(v))
			return
		}
		d.table(path, m, rv)
	case reflect.Slice:
		items := reflect.ValueOf(v)
		if items.Kind() != reflect.Slice {
			d.Errorf(path, "not-a-list", "name", d.Name(path), "kind", KindName(v))
			return
		}
		out := reflect.MakeSlice(rv.Type(), items.Len(), items.Len())
		for i := 0; i < items.Len(); i++ {
			d.value(path+"."+strconv.Itoa(i), items.Index(i).Interface(), out.Index(i))
		}
		rv.Set(out)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			d.Errorf(path, "not-a-table", "name", d.Name(path), "kind", KindName(v))
			return
		}
		out := reflect.MakeMapWithSize(rv.Type(), len(m))
		for _, k := range sortedKeys(m) {
			ev := reflect.New(rv.Type().Elem()).Elem()
			d.value(path+"."+k, m[k], ev)
			out.SetMapIndex(reflect.ValueOf(k), ev)
		}
		rv.Set(out)
	case reflect.String, reflect.Int64, reflect.Float64, reflect.Bool:
		d.scalar(path, v, rv)
	default:
		panic("scenarios: no Decoder for " + rv.Type().String())
	}
}

// Value decodes v, the tree's value at path, into rv.
func (d *Decoder) Value(path string, v any, rv reflect.Value) { d.value(path, v, rv) }

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (d *Decoder) table(path string, m map[string]any, rv reflect.Value) {
	t := rv.Type()
	sh := shapeOf(t)
	// A misspelt required key is one mistake, not two: it is reported at
	// the misspelling and not again as missing.
	misspelt := map[string]bool{}
	for _, k := range sortedKeys(m) {
		kp := Join(path, k)
		i, ok := sh.index[k]
		if !ok {
			var hint text.Message
			if s := suggest.Closest(k, sh.known); s != "" {
				if _, present := m[s]; !present && sh.fields[sh.index[s]].required {
					misspelt[s] = true
					hint = text.M("hint-required", "name", s)
				} else {
					hint = text.M("hint-did-you-mean", "name", s)
				}
			} else {
				hint = text.M("hint-known-keys", "names", strings.Join(sh.known, ", "))
			}
			d.Errs = append(d.Errs, Error{File: d.File, Pos: d.At(kp), Text: text.M("unknown-key", "key", k, "where", d.Where(path), "hint", hint)})
			continue
		}
		d.value(kp, m[k], rv.Field(i))
		// A required name, title or id that is there but empty is as
		// good as missing.
		if f := sh.fields[i]; f.required && f.text {
			if str, ok := m[k].(string); ok && strings.TrimSpace(str) == "" {
				d.Errorf(kp, "empty", "name", d.Name(kp))
			}
		}
	}
	for i, f := range sh.fields {
		if f.required {
			if _, ok := m[f.name]; !ok && !misspelt[f.name] {
				d.Errorf(path, "missing-key", "key", f.name, "where", d.Where(path))
			}
		}
		if f.pos {
			rv.Field(i).Set(reflect.ValueOf(d.At(path)))
		}
	}
}

// shape is what table needs of a struct type's fields, worked out once
// per type: a programme reads thousands of records of the same types,
// and reading struct tags anew for each table was a tenth of its time.
type shape struct {
	index  map[string]int // a key's field
	known  []string       // the keys, in the fields' order
	fields []fieldShape   // by field index
}

type fieldShape struct {
	name           string
	required, text bool // required; a string
	pos            bool // the table's own position (a Pos field named "-")
}

var shapes sync.Map // reflect.Type -> *shape

func shapeOf(t reflect.Type) *shape {
	if sh, ok := shapes.Load(t); ok {
		return sh.(*shape)
	}
	sh := &shape{index: map[string]int{}, fields: make([]fieldShape, t.NumField())}
	for i := range sh.fields {
		f := t.Field(i)
		name := FieldName(f)
		sh.fields[i] = fieldShape{name: name, required: f.Tag.Get("required") == "true", text: f.Type.Kind() == reflect.String, pos: f.Type == posType && name == "-"}
		if name == "" || name == "-" {
			continue
		}
		sh.index[name] = i
		sh.known = append(sh.known, name)
	}
	v, _ := shapes.LoadOrStore(t, sh)
	return v.(*shape)
}

// scalar sets a string, whole number, number or boolean, or says what the
// value should have been.
func (d *Decoder) scalar(path string, v any, rv reflect.Value) {
	switch rv.Kind() {
	case reflect.String:
		switch x := v.(type) {
		case string:
			rv.SetString(x)
		case time.Time:
			// An unquoted TOML date-time is what the author meant too.
			rv.SetString(x.Format(time.RFC3339Nano))
		case int64, float64, bool:
			d.Errorf(path, "not-a-string-quote", "name", d.Name(path), "kind", KindName(v))
		default:
			d.Errorf(path, "not-a-string", "name", d.Name(path), "kind", KindName(v))
		}
	case reflect.Int64:
		switch x := v.(type) {
		case int64:
			rv.SetInt(x)
		default:
			d.Errorf(path, "not-an-integer", "name", d.Name(path), "kind", KindName(v))
		}
	case reflect.Float64:
		switch x := v.(type) {
		case int64:
			rv.SetFloat(float64(x))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				d.Errorf(path, "not-finite", "name", d.Name(path), "value", x)
				return
			}
			rv.SetFloat(x)
		default:
			d.Errorf(path, "not-a-number", "name", d.Name(path), "kind", KindName(v))
		}
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			rv.SetBool(x)
		default:
			d.Errorf(path, "not-a-boolean", "name", d.Name(path), "kind", KindName(v))
		}
	}
}
