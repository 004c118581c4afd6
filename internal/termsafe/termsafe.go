// Package termsafe keeps outside text (a scenario's, a descriptor's, a
// file name) from steering the terminal it is printed on: every message
// propdeck prints on standard error passes through it.
package termsafe

import (
	"fmt"
	"io"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Writer escapes, in everything written to w, the characters a terminal
// acts on or that reorder text: C0 controls but line feed and tab, DEL,
// C1 controls (ESC [ and CSI start escape sequences) and format
// characters such as U+202E. Each is written as \u{1b}, visible and inert.
//
// It is safe for concurrent use, and each Write reaches w as one write: the
// live console reports from its HTTP handlers (a failed journal write),
// its webhook poster and its main goroutine at once, all on one stderr.
func Writer(w io.Writer) io.Writer { return &writer{w: w} }

type writer struct {
	mu   sync.Mutex
	w    io.Writer
	tail []byte // a rune cut in two by the caller's writes
}

func (t *writer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	data := append(t.tail, p...)
	t.tail = nil
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); {
		if !utf8.FullRune(data[i:]) {
			t.tail = append([]byte(nil), data[i:]...)
			break
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			out = fmt.Appendf(out, `\x%02x`, data[i])
		} else if unsafe(r) {
			out = fmt.Appendf(out, `\u{%x}`, r)
		} else {
			out = append(out, data[i:i+n]...)
		}
		i += n
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

func unsafe(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Cf, r)
}
