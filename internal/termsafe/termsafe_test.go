package termsafe

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestWriterEscapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"kind \"Template\x1b[2J\" skipped\n", `kind "Template\u{1b}[2J" skipped` + "\n"},
		{"bell\a cr\r csi\u009b rlo\u202e", `bell\u{7} cr\u{d} csi\u{9b} rlo\u{202e}`},
		{"장애 지휘자\tok", "장애 지휘자\tok"},
		{"bad \xff byte", `bad \xff byte`},
	} {
		var b strings.Builder
		w := Writer(&b)
		// Byte by byte: a rune split across writes still comes out whole.
		for i := range len(tc.in) {
			w.Write([]byte{tc.in[i]})
		}
		if b.String() != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, b.String(), tc.want)
		}
	}
}

// TestWriterTakesConcurrentLines: the console's goroutines (HTTP handlers
// reporting a failed journal write, the webhook poster, the main one)
// report on one stderr at once; every line arrives whole, none lost, even
// over a writer that is not safe for concurrent use.
func TestWriterTakesConcurrentLines(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	one := &oneAtATime{w: &b}
	w := Writer(one)
	const writers, lines = 8, 500
	var wg sync.WaitGroup
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range lines {
				fmt.Fprintf(w, "propdeck: writer %d line %d \x1b[0m done\n", g, i)
			}
		}()
	}
	wg.Wait()
	if one.overlapped.Load() {
		t.Error("two writes reached the writer beneath at once")
	}
	got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(got) != writers*lines {
		t.Fatalf("%d lines, want %d", len(got), writers*lines)
	}
	for _, l := range got {
		if !strings.HasPrefix(l, "propdeck: writer ") || !strings.HasSuffix(l, ` \u{1b}[0m done`) {
			t.Fatalf("a line came out torn: %q", l)
		}
	}
}

// oneAtATime is a writer that notes when two writes overlap; it yields in
// the middle of each so that an overlap has the chance to happen.
type oneAtATime struct {
	w          io.Writer
	in         atomic.Int32
	overlapped atomic.Bool
}

func (o *oneAtATime) Write(p []byte) (int, error) {
	if o.in.Add(1) > 1 {
		o.overlapped.Store(true)
	}
	defer o.in.Add(-1)
	runtime.Gosched()
	if o.overlapped.Load() {
		return len(p), nil // the writer beneath is not safe for concurrent use
	}
	return o.w.Write(p)
}
