package tomlw

import (
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

var hostile = []string{
	"plain",
	"a \"quoted\" \\ backslash",
	"line\nbreak = 1\n[[systems]]\nid = \"evil\"",
	"bell \a and NUL \x00 and ESC \x1b[2J",
	"carriage\rreturn\r\n",
	"right-to-left \u202e override, zero\u200bwidth",
	"non-characters \uffff \ufffe \ufdd0, private \ue000, astral \U0010FFFF",
	"tab\there, DEL \x7f, C1 \u0085",
	"'''literal''' and \"\"\"multi\"\"\"",
	"# not a comment",
	"ends in a backslash \\",
	"",
}

// TestQuoteRoundTrips: every string parses back to itself.
func TestQuoteRoundTrips(t *testing.T) {
	for _, s := range hostile {
		var v struct{ K string }
		doc := "k = " + Quote(s) + "\n"
		if _, err := toml.Decode(doc, &v); err != nil {
			t.Errorf("%q: %v\n%s", s, err, doc)
			continue
		}
		if v.K != s {
			t.Errorf("round trip: %q became %q", s, v.K)
		}
	}
}

// TestCommentStaysAComment: a comment made of any string adds no key and
// keeps the next line's key.
func TestCommentStaysAComment(t *testing.T) {
	for _, s := range hostile {
		doc := "# " + Comment(s) + "\nk = 1\n"
		var v map[string]any
		if _, err := toml.Decode(doc, &v); err != nil {
			t.Errorf("%q: %v\n%s", s, err, doc)
			continue
		}
		if len(v) != 1 || v["k"] != int64(1) {
			t.Errorf("%q: the comment made keys: %v", s, v)
		}
		if strings.ContainsAny(Comment(s), "\n\r\x00\x1b") {
			t.Errorf("%q: a control character is left in the comment", s)
		}
	}
}

// TestStringsRoundTrips: the hostile strings as one list, and no list,
// parse back to themselves.
func TestStringsRoundTrips(t *testing.T) {
	t.Parallel()
	for _, list := range [][]string{hostile, {}} {
		var v struct{ K []string }
		doc := "k = " + Strings(list) + "\n"
		if _, err := toml.Decode(doc, &v); err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
		if strings.Join(v.K, "\x00|") != strings.Join(list, "\x00|") || len(v.K) != len(list) {
			t.Errorf("round trip: %q became %q", list, v.K)
		}
	}
}
