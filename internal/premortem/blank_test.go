package premortem

import (
	"errors"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/tomlw"
)

// uncomment turns the commented examples of an empty record into TOML:
// every "# " line from an example's header to the blank line after it.
func uncomment(record string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.SplitAfter(record, "\n") {
		switch {
		case strings.HasPrefix(line, "# [["):
			in = true
		case strings.TrimSpace(line) == "":
			in = false
		}
		if in {
			line = strings.TrimPrefix(line, "# ")
		}
		b.WriteString(line)
	}
	return b.String()
}

// TestEmptyRecord: the empty record decodes but for its missing ideas;
// with its commented examples taken in, it is a valid record whose pick
// becomes a starter that validates, in both languages.
func TestEmptyRecord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang   string
		themes []string
	}{
		{"en", []string{"Monitoring gaps", "Vendors"}},
		{"ko", nil},
		{"en", []string{"line\nbreak = true", `"""`, "# hash", "\u001b[31mred"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			empty := string(EmptyRecord(Blank{Lang: tc.lang, Date: "2026-12-06", Prompt: "Six months on: how did it fail?", Themes: tc.themes}))
			if !strings.HasPrefix(empty, "#:schema "+RecordSchemaFile+"\n") {
				t.Errorf("first line: %q", strings.SplitN(empty, "\n", 2)[0])
			}
			_, err := parseRecord("pm.toml", []byte(empty), nil)
			var es *tomlfile.Errors
			if !errors.As(err, &es) || len(*es) != 1 || !strings.Contains(err.Error(), `"ideas"`) {
				t.Fatalf("empty record: %v", err)
			}
			full := uncomment(empty)
			r, err := parseRecord("pm.toml", []byte(full), nil)
			if err != nil {
				t.Fatalf("%v\n%s", err, full)
			}
			if r.lang() != tc.lang || r.Date != "2026-12-06" || len(r.Picks()) != 1 || len(r.Groups) != 1 {
				t.Errorf("record %+v", r)
			}
			files, err := Starters(StarterRequest{Record: "pm.toml", Data: []byte(full), Dir: t.TempDir()})
			if err != nil || len(files) != 2 {
				t.Fatalf("starters %v: %v", files, err)
			}
		})
	}
}

// TestStarterNotesStayComments: whatever a record's text holds, its words
// reach a starter only as comment text; the starter's TOML is the same
// line for line as with plain words, and it still validates.
func TestStarterNotesStayComments(t *testing.T) {
	t.Parallel()
	record := func(s string) string {
		q, multi := tomlw.Quote(s), tomlw.Quote(s+"\n[[roles]]\nid = \"evil\"\n")
		return "format = 1\n[[ideas]]\nid = \"i1\"\ntext = \"The certificate expires\"\nimpact = 3\nlikelihood = 2\nclass = \"tiger\"\npick = true\n" +
			"owner = " + q + "\ndue = \"2027-01-15\"\nsignals = [" + q + "]\n" +
			"[[ideas]]\nid = \"i2\"\ntext = " + multi + "\n[[groups]]\nid = \"g\"\ntitle = " + q + "\nideas = [\"i1\", \"i2\"]\n"
	}
	plain, err := Starters(StarterRequest{Record: "pm.toml", Data: []byte(record("plain words")), Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, hostile := range []string{`"""`, `# [[roles]]`, `x" ] # '''`, "' = 1 \\", `id = "evil"`, "[scenario]", "a\u00a0b"} {
		t.Run(hostile, func(t *testing.T) {
			t.Parallel()
			files, err := Starters(StarterRequest{Record: "pm.toml", Data: []byte(record(hostile)), Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := nonComment(string(files[0].Data)), nonComment(string(plain[0].Data)); got != want {
				t.Errorf("TOML lines differ:\n%s\nwant:\n%s", got, want)
			}
			if !strings.Contains(string(files[0].Data), hostile) {
				t.Errorf("the text is not in the comments:\n%s", files[0].Data)
			}
		})
	}
}

// TestRecordRefusesHostileText: a line break in a one-line text, or a
// control character anywhere, is refused at its line.
func TestRecordRefusesHostileText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ key, value, want string }{
		{"owner", `"Dana\n[scenario]"`, `pm.toml:6:1: idea "i1": owner must be one line`},
		{"signals", `["a\r\nb"]`, `pm.toml:6:12: idea "i1": signals[0] must be one line`},
		{"owner", `"bell \u0007"`, `pm.toml:6:`},
		{"signals", `["\u001b[31mred"]`, `pm.toml:6:`},
		{"text", `"nul \u0000"`, `pm.toml:6:`},
	} {
		t.Run(tc.key+tc.value, func(t *testing.T) {
			t.Parallel()
			src := "format = 1\n[[ideas]]\nid = \"i1\"\ntext = \"ok\"\npick = true\n" + tc.key + " = " + tc.value + "\n"
			if tc.key == "text" {
				src = "format = 1\n[[ideas]]\nid = \"i1\"\npick = true\nowner = \"x\"\ntext = " + tc.value + "\n"
			}
			_, err := parseRecord("pm.toml", []byte(src), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %s", err, tc.want)
			}
		})
	}
}

// nonComment is a file's lines that are not comments, trailing comments
// cut off.
func nonComment(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
