package scenarios

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/rules"
)

// refusing prints no 'é' and fits no URL in a QR code.
type refusing struct{}

func (refusing) Prints(r rune) bool     { return r != 'é' }
func (refusing) FitsQR(url string) bool { return false }

// TestPrintingIsGiven: what the reader is given answers for the fonts and
// QR codes, and a reader given nothing refuses only what no PDF embeds.
func TestPrintingIsGiven(t *testing.T) {
	t.Parallel()
	src := `format = 1
[scenario]
id = "p"
title = "Café"
[[roles]]
id = "ic"
name = "IC"
runbook = "https://example.com/rb"
`
	for _, tc := range []struct {
		name string
		p    rules.Printing
		want []string
	}{
		{"none", nil, nil},
		{"refusing", refusing{}, []string{"p.toml:4:", "p.toml:8:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, err := Parse("p.toml", []byte(src), nil, tc.p)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if s.CheckText("\U0001F525") == nil || s.CheckText("é") != nil {
					t.Error("the room's text is not held to the rule the scenario was read with")
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("no error at %s in:\n%v", w, err)
				}
			}
		})
	}
}
