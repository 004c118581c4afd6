package cards

import (
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/written"
)

// TestCardErrorsInTheScenarioLanguage: a card that cannot hold its text
// says so in the scenario's language, at the line of its role, id as
// written.
func TestCardErrorsInTheScenarioLanguage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ example, want string }{
		{"dns-change-ko", "배지 ID: 역할 이름이 배지의 두 줄에 들어가지 않음; 줄일 것"},
		{"eu-db-latency", "badge ID: the role name does not fit on two lines of the badge; shorten it"},
	} {
		s := example(t, tc.example)
		s = s.Edited(func(w *written.Scenario) { w.Roles[0].Name = strings.Repeat("아주 길고 긴 역할 이름 ", 12) })
		_, err := AllCards(s, DefaultOptions())
		err = Positioned(s, err)
		if want := strings.Replace(tc.want, "ID", s.Roles()[0].ID, 1); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", tc.example, err, want)
		}
	}
}
