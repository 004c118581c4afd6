package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
)

// decoder fills the format's Go types from the generic tree the TOML library
// produced, so that every unknown key and every wrong type in a file is
// reported in one run (the library's own typed decoding stops at the first).
type decoder struct {
	file string
	tree map[string]any
	// routes sends the paths of entries merged in from an included file
	// ("roles.5") to that file's decoder and path ("roles.0"), so that
	// every message about them is at the included file's line.
	routes map[string]route
	pos    map[string]Pos
	errs   Errors
}

// route is where an included entry came from.
type route struct {
	d    *decoder
	path string
}

// routed returns the decoder and path that hold path: an included file's,
// or this one's.
func (d *decoder) routed(path string) (*decoder, string) {
	parts := strings.SplitN(path, ".", 3)
	if len(parts) >= 2 {
		if r, ok := d.routes[parts[0]+"."+parts[1]]; ok {
			if len(parts) == 3 {
				return r.d, r.path + "." + parts[2]
			}
			return r.d, r.path
		}
	}
	return d, path
}

// errorf records the message key with its named values at path.
func (d *decoder) errorf(path string, key string, nameValues ...any) {
	rd, rp := d.routed(path)
	d.errs = append(d.errs, Error{File: rd.file, Pos: rd.at(rp), Text: text.M(key, nameValues...)})
}

// at finds the position of path, or of its nearest parent that has one.
func (d *decoder) at(path string) Pos {
	if rd, rp := d.routed(path); rd != d {
		return rd.at(rp)
	}
	for {
		if p, ok := d.pos[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Pos{}
		}
		path = path[:i]
	}
}

// display turns "clues.3.log.from" into "clues[3].log.from": a path with
// no entry of a top-level list in it, or one whose entry has no name.
func display(path string) string {
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

// owner splits a path into the entry it belongs to, named the way its author
// knows it (clue "c2", role "ic", round "T+10m Customers notice"), and the
// rest of the path inside that entry ("metric.from"). Paths outside the
// top-level lists have no owner.
func (d *decoder) owner(path string) (owner text.Message, rest string) {
	if rd, rp := d.routed(path); rd != d {
		return rd.owner(rp)
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
		rest = display(parts[2])
	}
	list, _ := d.tree[parts[0]].([]map[string]any)
	var entry map[string]any
	if i < len(list) {
		entry = list[i]
	}
	noun := entryNoun(parts[0])
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

// entryNoun is what one entry of a top-level list is called: a clue of
// clues. A list with no word of its own in the catalogs is named by its
// key, as written.
func entryNoun(list string) text.Message {
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

// name is how a message names path: `clue "c2": metric.from`.
func (d *decoder) name(path string) text.Message {
	owner, rest := d.owner(path)
	switch {
	case owner.Key == "":
		return text.M("as-written", "text", rest)
	case rest == "":
		return owner
	}
	return text.M("entry-key", "entry", owner, "key", rest)
}

// where is how a message places something inside path: `in log of clue "c2"`.
func (d *decoder) where(path string) text.Message {
	if path == "" {
		return text.M("where-top")
	}
	owner, rest := d.owner(path)
	switch {
	case owner.Key == "":
		return text.M("where-in", "place", text.M("as-written", "text", rest))
	case rest == "":
		return text.M("where-in", "place", owner)
	}
	return text.M("where-in-entry", "key", rest, "entry", owner)
}

func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}

func kindName(v any) text.Message {
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

var (
	pointType    = reflect.TypeOf(Point{})
	messagesType = reflect.TypeOf(Messages{})
	levelsType   = reflect.TypeOf(Levels{})
	posType      = reflect.TypeOf(Pos{})
)

func (d *decoder) value(path string, v any, rv reflect.Value) {
	switch rv.Type() {
	case pointType:
		d.point(path, v, rv)
		return
	case messagesType:
		d.messages(path, v, rv)
		return
	case levelsType:
		if one, ok := v.(string); ok {
			v = []any{one} // one level, written as a string
		}
	}
	switch rv.Kind() {
	case reflect.Pointer:
		nv := reflect.New(rv.Type().Elem())
		d.value(path, v, nv.Elem())
		rv.Set(nv)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			d.errorf(path, "not-a-table", "name", d.name(path), "kind", kindName(v))
			return
		}
		d.table(path, m, rv)
	case reflect.Slice:
		items := reflect.ValueOf(v)
		if items.Kind() != reflect.Slice {
			d.errorf(path, "not-a-list", "name", d.name(path), "kind", kindName(v))
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
			d.errorf(path, "not-a-table", "name", d.name(path), "kind", kindName(v))
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
		panic("scenarios: no decoder for " + rv.Type().String())
	}
}

func (d *decoder) point(path string, v any, rv reflect.Value) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		d.errorf(path, "not-a-point", "name", d.name(path))
		return
	}
	p := Point{}
	switch x := arr[0].(type) {
	case string:
		p.At = x
	default:
		d.errorf(path, "point-time-not-string", "name", d.name(path), "kind", kindName(arr[0]))
	}
	switch x := arr[1].(type) {
	case int64:
		p.Value = float64(x)
	case float64:
		p.Value = x // checked finite and in range by the validator
	default:
		d.errorf(path, "point-value-not-number", "name", d.name(path), "kind", kindName(arr[1]))
	}
	rv.Set(reflect.ValueOf(p))
}

// messages reads a list of strings, or a table of such lists by level.
func (d *decoder) messages(path string, v any, rv reflect.Value) {
	var m Messages
	switch x := v.(type) {
	case []any:
		d.value(path, x, reflect.ValueOf(&m.Any).Elem())
	case map[string]any:
		d.value(path, x, reflect.ValueOf(&m.ByLevel).Elem())
	default:
		d.errorf(path, "not-messages", "name", d.name(path), "kind", kindName(v))
	}
	rv.Set(reflect.ValueOf(m))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (d *decoder) table(path string, m map[string]any, rv reflect.Value) {
	t := rv.Type()
	fields := map[string]int{}
	var known []string
	for i := 0; i < t.NumField(); i++ {
		name := tomlName(t.Field(i))
		if name == "" || name == "-" {
			continue
		}
		fields[name] = i
		known = append(known, name)
	}
	// A misspelt required key is one mistake, not two: it is reported at
	// the misspelling and not again as missing.
	misspelt := map[string]bool{}
	for _, k := range sortedKeys(m) {
		kp := join(path, k)
		i, ok := fields[k]
		if !ok {
			var hint text.Message
			if s := suggest.Closest(k, known); s != "" {
				if _, present := m[s]; !present && t.Field(fields[s]).Tag.Get("required") == "true" {
					misspelt[s] = true
					hint = text.M("hint-required", "name", s)
				} else {
					hint = text.M("hint-did-you-mean", "name", s)
				}
			} else {
				hint = text.M("hint-known-keys", "names", strings.Join(known, ", "))
			}
			d.errs = append(d.errs, Error{File: d.file, Pos: d.at(kp), Text: text.M("unknown-key", "key", k, "where", d.where(path), "hint", hint)})
			continue
		}
		d.value(kp, m[k], rv.Field(i))
		// A required name, title or id that is there but empty is as
		// good as missing.
		if f := t.Field(i); f.Tag.Get("required") == "true" && f.Type.Kind() == reflect.String {
			if str, ok := m[k].(string); ok && strings.TrimSpace(str) == "" {
				d.errorf(kp, "empty", "name", d.name(kp))
			}
		}
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := tomlName(f)
		if f.Tag.Get("required") == "true" {
			if _, ok := m[name]; !ok && !misspelt[name] {
				d.errorf(path, "missing-key", "key", name, "where", d.where(path))
			}
		}
		if f.Type == posType && tomlName(f) == "-" {
			rv.Field(i).Set(reflect.ValueOf(d.at(path)))
		}
	}
}

// scalar sets a string, whole number, number or boolean, or says what the
// value should have been.
func (d *decoder) scalar(path string, v any, rv reflect.Value) {
	switch rv.Kind() {
	case reflect.String:
		switch x := v.(type) {
		case string:
			rv.SetString(x)
		case time.Time:
			// An unquoted TOML date-time is what the author meant too.
			rv.SetString(x.Format(time.RFC3339Nano))
		case int64, float64, bool:
			d.errorf(path, "not-a-string-quote", "name", d.name(path), "kind", kindName(v))
		default:
			d.errorf(path, "not-a-string", "name", d.name(path), "kind", kindName(v))
		}
	case reflect.Int64:
		switch x := v.(type) {
		case int64:
			rv.SetInt(x)
		default:
			d.errorf(path, "not-an-integer", "name", d.name(path), "kind", kindName(v))
		}
	case reflect.Float64:
		switch x := v.(type) {
		case int64:
			rv.SetFloat(float64(x))
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				d.errorf(path, "not-finite", "name", d.name(path), "value", x)
				return
			}
			rv.SetFloat(x)
		default:
			d.errorf(path, "not-a-number", "name", d.name(path), "kind", kindName(v))
		}
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			rv.SetBool(x)
		default:
			d.errorf(path, "not-a-boolean", "name", d.name(path), "kind", kindName(v))
		}
	}
}
