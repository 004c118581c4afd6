package written

import (
	"reflect"

	"github.com/propdeck/propdeck/internal/tomlfile"
)

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
	PointType    = reflect.TypeOf(Point{})
	MessagesType = reflect.TypeOf(Messages{})
	LevelsType   = reflect.TypeOf(Levels{})
)

// The format's own value forms read themselves.
var (
	_ tomlfile.Unmarshaler = (*Point)(nil)
	_ tomlfile.Unmarshaler = (*Messages)(nil)
	_ tomlfile.Unmarshaler = (*Levels)(nil)
)
