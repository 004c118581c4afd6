package scenarios

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// decoder fills the format's Go types from the generic tree the TOML library
// produced, so that every unknown key and every wrong type in a file is
// reported in one run (the library's own typed decoding stops at the first).
type decoder struct {
	file string
	pos  map[string]Pos
	errs Errors
}

func (d *decoder) errorf(path string, format string, args ...any) {
	d.errs = append(d.errs, Error{File: d.file, Pos: d.at(path), Msg: fmt.Sprintf(format, args...)})
}

// at finds the position of path, or of its nearest parent that has one.
func (d *decoder) at(path string) Pos {
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

// display turns "clues.3.log.from" into "clues[3].log.from" for messages.
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

func tomlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	return name
}

func kindName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date-time"
	}
	return fmt.Sprintf("%T", v)
}

var pointType = reflect.TypeOf(Point{})

func (d *decoder) value(path string, v any, rv reflect.Value) {
	if rv.Type() == pointType {
		d.point(path, v, rv)
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
			d.errorf(path, "%s must be a table, not %s", display(path), kindName(v))
			return
		}
		d.table(path, m, rv)
	case reflect.Slice:
		items := reflect.ValueOf(v)
		if items.Kind() != reflect.Slice {
			d.errorf(path, "%s must be a list, not %s", display(path), kindName(v))
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
			d.errorf(path, "%s must be a table, not %s", display(path), kindName(v))
			return
		}
		out := reflect.MakeMapWithSize(rv.Type(), len(m))
		for _, k := range sortedKeys(m) {
			ev := reflect.New(rv.Type().Elem()).Elem()
			d.value(path+"."+k, m[k], ev)
			out.SetMapIndex(reflect.ValueOf(k), ev)
		}
		rv.Set(out)
	case reflect.String:
		switch x := v.(type) {
		case string:
			rv.SetString(x)
		case time.Time:
			// An unquoted TOML date-time is what the author meant too.
			rv.SetString(x.Format(time.RFC3339Nano))
		case int64, float64, bool:
			d.errorf(path, "%s must be a string, not %s: put it in quotes", display(path), kindName(v))
		default:
			d.errorf(path, "%s must be a string, not %s", display(path), kindName(v))
		}
	case reflect.Int64:
		switch x := v.(type) {
		case int64:
			rv.SetInt(x)
		default:
			d.errorf(path, "%s must be a whole number, not %s", display(path), kindName(v))
		}
	case reflect.Float64:
		switch x := v.(type) {
		case int64:
			rv.SetFloat(float64(x))
		case float64:
			rv.SetFloat(x)
		default:
			d.errorf(path, "%s must be a number, not %s", display(path), kindName(v))
		}
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			rv.SetBool(x)
		default:
			d.errorf(path, "%s must be true or false, not %s", display(path), kindName(v))
		}
	default:
		panic("scenarios: no decoder for " + rv.Type().String())
	}
}

func (d *decoder) point(path string, v any, rv reflect.Value) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		d.errorf(path, `%s must be a pair [time, value], like ["T-5m", 120.0]`, display(path))
		return
	}
	p := Point{}
	switch x := arr[0].(type) {
	case string:
		p.At = x
	default:
		d.errorf(path, "%s: the time must be a string like \"T-5m\", not %s", display(path), kindName(arr[0]))
	}
	switch x := arr[1].(type) {
	case int64:
		p.Value = float64(x)
	case float64:
		p.Value = x
	default:
		d.errorf(path, "%s: the value must be a number, not %s", display(path), kindName(arr[1]))
	}
	rv.Set(reflect.ValueOf(p))
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
			where := "at the top level"
			if path != "" {
				where = "in " + display(path)
			}
			msg := fmt.Sprintf("unknown key %q %s", k, where)
			if s := suggest(k, known); s != "" {
				if _, present := m[s]; !present && t.Field(fields[s]).Tag.Get("required") == "true" {
					misspelt[s] = true
					msg += fmt.Sprintf(" (did you mean %q, which is required?)", s)
				} else {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
			} else {
				msg += fmt.Sprintf("; known keys: %s", strings.Join(known, ", "))
			}
			d.errs = append(d.errs, Error{File: d.file, Pos: d.at(kp), Msg: msg})
			continue
		}
		d.value(kp, m[k], rv.Field(i))
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := tomlName(f)
		if f.Tag.Get("required") == "true" {
			if _, ok := m[name]; !ok && !misspelt[name] {
				where := "at the top level"
				if path != "" {
					where = "in " + display(path)
				}
				d.errorf(path, "missing required key %q %s", name, where)
			}
		}
		if f.Name == "Line" && f.Type.Kind() == reflect.Int {
			rv.Field(i).SetInt(int64(d.at(path).Line))
		}
	}
}
