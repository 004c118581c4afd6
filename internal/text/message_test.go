package text

import "testing"

// TestRender: values by name, with a fmt verb when one is given, braces
// doubled, and each Korean particle chosen by the sound before it.
func TestRender(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		tmpl string
		args []any
		want string
	}{
		{"{id:q} and {n}", []any{"id", "ic", "n", 3}, `"ic" and 3`},
		{"{{n}} is {x:04X}", []any{"x", 0x1f}, "{n} is 001F"},
		{"{m}", []any{"m", M("kind-list")}, "목록"},
		{"{m}", []any{"m", Message{}}, ""},
		{"{w}{이/가}", []any{"w", "역할"}, "역할이"},
		{"{w}{이/가}", []any{"w", "시스템"}, "시스템이"},
		{"{w}{이/가}", []any{"w", "단서"}, "단서가"},
		{"{w:q}{은/는}", []any{"w", "지휘자"}, `"지휘자"는`},
		{"{w:q}{을/를}", []any{"w", "title"}, `"title"을`},
		{"{w:q}{이/가}", []any{"w", "ic"}, `"ic"가`},
		{"{w:q}{이/가}", []any{"w", "alarm"}, `"alarm"이`},
		{"{w:q}{이/가}", []any{"w", "T+10"}, `"T+10"이`},
		{"{w:q}{이/가}", []any{"w", "T+2"}, `"T+2"가`},
		{"{w}{으로/로}", []any{"w", "T+1"}, "T+1로"},
		{"{w}{으로/로}", []any{"w", "T+3"}, "T+3으로"},
		{"{w}{으로/로}", []any{"w", "서울"}, "서울로"},
		{"{w}{과/와}", []any{"w", "09:00"}, "09:00과"},
	} {
		if got := render(tc.tmpl, tc.args, "ko"); got != tc.want {
			t.Errorf("render(%q, %v) = %q, want %q", tc.tmpl, tc.args, got, tc.want)
		}
	}
}

// TestMessageFallsBackToEnglish: a language without a catalog hears
// English, and an error keeps the message and the error it names.
func TestMessageFallsBackToEnglish(t *testing.T) {
	t.Parallel()
	if got := M("kind-list").In("xx-none"); got != "a list" {
		t.Errorf("got %q", got)
	}
	inner := Fail("no-such-file")
	err := Fail("as-error", "err", inner)
	if m, ok := Of(err); !ok || m.In("ko") != "파일이 없음" || err.Error() != "no such file" {
		t.Errorf("got %v %q %q", ok, m.In("ko"), err.Error())
	}
}

// TestOrList: a choice reads as each language lists one, and a list of
// one or none is just its value.
func TestOrList(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		values []string
		lang   string
		want   string
	}{
		{[]string{"a4", "letter"}, "en", "a4 or letter"},
		{[]string{"none", "long-edge", "short-edge"}, "en", "none, long-edge or short-edge"},
		{[]string{"none", "long-edge", "short-edge"}, "ko", "none, long-edge 또는 short-edge"},
		{[]string{"a4"}, "en", "a4"},
		{nil, "ko", ""},
	} {
		if got := OrList(tc.values).In(tc.lang); got != tc.want {
			t.Errorf("%q in %s: %q, want %q", tc.values, tc.lang, got, tc.want)
		}
	}
}
