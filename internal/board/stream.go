package board

import (
	"bytes"
	"encoding/json"
	"io"
)

// jsonOut writes one JSON document a value at a time, the same bytes as
// marshal of the whole (no HTML escaping, a newline at the end), so that
// a board's images are drawn and written one by one instead of held.
// The first error sticks, and every later write is skipped.
type jsonOut struct {
	w   io.Writer
	buf bytes.Buffer
	err error
}

// raw writes JSON syntax as it is.
func (j *jsonOut) raw(s string) {
	if j.err == nil {
		_, j.err = io.WriteString(j.w, s)
	}
}

// value writes a value as marshal writes it inside a document.
func (j *jsonOut) value(v any) {
	if j.err != nil {
		return
	}
	j.buf.Reset()
	enc := json.NewEncoder(&j.buf)
	enc.SetEscapeHTML(false)
	if j.err = enc.Encode(v); j.err != nil {
		return
	}
	_, j.err = j.w.Write(bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")))
}

// list writes n values as a JSON array, item(i) giving the i-th; none is
// null, as a nil slice marshals.
func (j *jsonOut) list(n int, item func(i int) (any, error)) {
	if n == 0 {
		j.raw("null")
		return
	}
	j.raw("[")
	for i := range n {
		if i > 0 {
			j.raw(",")
		}
		v, err := item(i)
		if err != nil && j.err == nil {
			j.err = err
		}
		j.value(v)
	}
	j.raw("]")
}
