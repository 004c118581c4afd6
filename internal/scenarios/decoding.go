package scenarios

import (
	"reflect"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// The strict decoder is package tomlfile's, shared by every file kind;
// its places and errors are the format's.
type (
	// Pos is a place in a file; Col is 0 when unknown.
	Pos = tomlfile.Pos
	// Error is one problem in a file, at a place when known.
	Error = tomlfile.Error
	// Errors is every problem found in one file, in line order.
	Errors = tomlfile.Errors
)

// decoder is a file's strict decoder, with the names the rules call it by.
type decoder struct{ *tomlfile.Decoder }

func (d decoder) errorf(path string, key string, nameValues ...any) {
	d.Errorf(path, key, nameValues...)
}
func (d decoder) at(path string) Pos                                 { return d.At(path) }
func (d decoder) name(path string) text.Message                      { return d.Name(path) }
func (d decoder) owner(path string) (text.Message, string)           { return d.Owner(path) }
func (d decoder) routed(path string) (*tomlfile.Decoder, string)     { return d.Routed(path) }
func display(path string) string                                     { return tomlfile.Display(path) }
func join(a, b string) string                                        { return tomlfile.Join(a, b) }
func tomlName(f reflect.StructField) string                          { return tomlfile.FieldName(f) }
func entryNoun(list string) text.Message                             { return tomlfile.EntryNoun(list) }
func errorIn(file string, pos Pos, err error) Error                  { return tomlfile.ErrorIn(file, pos, err) }
func parseTOML(data []byte) (map[string]any, map[string]Pos, *Error) { return tomlfile.Parse(data) }

// UnmarshalTOML reads a point written as a pair: ["T+5m", 42].
func (p *Point) UnmarshalTOML(d *tomlfile.Decoder, path string, v any) {
	arr, ok := v.([]any)
	if !ok || len(arr) != 2 {
		d.Errorf(path, "not-a-point", "name", d.Name(path))
		return
	}
	*p = Point{}
	switch x := arr[0].(type) {
	case string:
		p.At = x
	default:
		d.Errorf(path, "point-time-not-string", "name", d.Name(path), "kind", tomlfile.KindName(arr[0]))
	}
	switch x := arr[1].(type) {
	case int64:
		p.Value = float64(x)
	case float64:
		p.Value = x // checked finite and in range by the validator
	default:
		d.Errorf(path, "point-value-not-number", "name", d.Name(path), "kind", tomlfile.KindName(arr[1]))
	}
}

// UnmarshalTOML reads a list of strings, or a table of such lists by level.
func (m *Messages) UnmarshalTOML(d *tomlfile.Decoder, path string, v any) {
	*m = Messages{}
	switch x := v.(type) {
	case []any:
		d.Value(path, x, reflect.ValueOf(&m.Any).Elem())
	case map[string]any:
		d.Value(path, x, reflect.ValueOf(&m.ByLevel).Elem())
	default:
		d.Errorf(path, "not-messages", "name", d.Name(path), "kind", tomlfile.KindName(v))
	}
}

// UnmarshalTOML reads levels, one written as a string or a list.
func (l *Levels) UnmarshalTOML(d *tomlfile.Decoder, path string, v any) {
	if one, ok := v.(string); ok {
		v = []any{one}
	}
	d.Value(path, v, reflect.ValueOf((*[]string)(l)).Elem())
}

var (
	pointType    = reflect.TypeOf(Point{})
	messagesType = reflect.TypeOf(Messages{})
	levelsType   = reflect.TypeOf(Levels{})
)

// The format's own value forms read themselves.
var (
	_ tomlfile.Unmarshaler = (*Point)(nil)
	_ tomlfile.Unmarshaler = (*Messages)(nil)
	_ tomlfile.Unmarshaler = (*Levels)(nil)
)
