package mdw

import "testing"

func TestInline(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain words", "plain words"},
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"12. step", `12\. step`},
		{"> quote", `\> quote`},
		{"<!-- x", `\<\!-- x`},
		{"[a](javascript:x)", `\[a\](javascript:x)`},
		{"two\nlines\r\n", "two lines"},
		{"a | b", `a \| b`},
		{"T+4m at 09:04", "T+4m at 09:04"},
	} {
		if got := Inline(tc.in); got != tc.want {
			t.Errorf("Inline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Cell("a\n# b"); got != `a<br>\# b` {
		t.Errorf("Cell: %q", got)
	}
}
