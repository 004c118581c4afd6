package documents

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/written"
)

// TestResolveMergesPrintSettings: the command line wins over [print], each
// impossible setting is an OptionError naming its flag, and flags that do
// nothing are said.
func TestResolveMergesPrintSettings(t *testing.T) {
	base := example(t, "eu-db-latency")
	s := base.Edited(func(w *written.Scenario) {
		w.Print.Paper, w.Print.Duplex, w.Print.LogTheme = "letter", "long-edge", "light"
	})
	opt, notes, err := Resolve(s, Request{})
	if err != nil || opt.Paper != layouts.Letter || opt.Duplex != layouts.DuplexLong || opt.LogTheme != "light" || len(notes) != 0 {
		t.Errorf("from [print]: %+v %q %v", opt, notes, err)
	}
	opt, _, err = Resolve(s, Request{Paper: Setting{"a4", true}, Fold: true})
	if err != nil || opt.Paper != layouts.A4 || opt.Duplex != layouts.DuplexNone || !opt.Fold {
		t.Errorf("the command line's paper and fold: %+v %v", opt, err)
	}
	s = base.Edited(func(w *written.Scenario) { w.Print = written.Print{} })
	_, notes, err = Resolve(s, Request{BadgeBacksSet: true, BackOffset: Setting{"1,1", true}})
	if err != nil || len(notes) != 2 || !strings.Contains(notes[0].String(), "--badge-backs has no effect") || !strings.Contains(notes[1].String(), "--back-offset has no effect") {
		t.Errorf("flags without duplex: %q %v", notes, err)
	}
	for _, tc := range []struct {
		req  Request
		want string
	}{
		{Request{Paper: Setting{"a3", true}}, "--paper: unknown paper"},
		{Request{Duplex: Setting{"long", true}}, `did you mean "long-edge"`},
		{Request{Bleed: math.NaN()}, "--bleed must be between 0 and 3 mm"},
		{Request{Bleed: 4}, "--bleed must be between 0 and 3 mm"},
		{Request{Card: "pokr"}, `did you mean "poker"`},
		{Request{LogTheme: Setting{"drak", true}}, `did you mean "dark"`},
		{Request{BackOffset: Setting{"1", true}}, "--back-offset: \"1\" must be X,Y"},
		{Request{BackOffset: Setting{"30,0", true}}, "between -20 and 20"},
		{Request{Fold: true, Duplex: Setting{"short-edge", true}}, "--fold prints front and back side by side"},
	} {
		_, _, err := Resolve(s, tc.req)
		var oe *OptionError
		if !errors.As(err, &oe) || !strings.Contains(oe.Msg.String(), tc.want) {
			t.Errorf("%+v: %v, want an OptionError with %q", tc.req, err, tc.want)
		}
	}
}
