package scenarios

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/written"
)

// clockInText finds 09:45, 09:45:30 and the Korean 9시 45분.
var clockInText = regexp.MustCompile(`\b([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?\b|([01]?\d|2[0-3])시(?: ?([0-5]?\d)분)?`)

// future says that a clock time after the moment of reading is a deadline
// or a plan ("until 14:00", "next update by 10:05", "14:00까지"), not an
// event that has already happened.
var future = regexp.MustCompile(`(?i)(until|by|after|before|next update( at)?|goes out at|scheduled( for| at)?|deadline|예정|다음|다음 안내는)\s*$`)

// otherDay says that a clock time is on an earlier day ("yesterday 16:20").
var otherDay = regexp.MustCompile(`(?i)(yesterday|last night|어제|지난밤)\s*$`)

func clockOf(m []string) string {
	if m[4] != "" {
		mi := m[5]
		if mi == "" {
			mi = "0"
		}
		return fmt.Sprintf("%s:%02s", m[4], mi)
	}
	return m[0]
}

// TestShippedTimesAgree: every wall-clock time written in a shipped
// scenario's text (examples and init templates) agrees with start and with
// when the text is read: a card revealed at T+0 cannot say something
// happened ten minutes later, and a chart's annotations sit where the text
// says.
func TestShippedTimesAgree(t *testing.T) {
	docs := map[string]*Session{}
	for _, ex := range shippedExamples() {
		s, err := loadShipped(ex.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		docs[ex.Name] = s
	}
	for _, lang := range []string{"en", "ko"} {
		s, err := Parse("template-"+lang+".toml", []byte(starter(lang)), rules.DirSource("."), nil)
		if err != nil {
			t.Fatal(err)
		}
		docs["template-"+lang] = s
	}
	for name, s := range docs {
		start := s.Meta().StartTime
		check := func(where, text string, shown time.Duration) {
			for _, idx := range clockInText.FindAllStringSubmatchIndex(text, -1) {
				var m []string
				for i := 0; i < len(idx); i += 2 {
					if idx[i] < 0 {
						m = append(m, "")
					} else {
						m = append(m, text[idx[i]:idx[i+1]])
					}
				}
				if strings.HasPrefix(text[idx[1]:], "간") {
					continue // 6시간 is six hours, not six o'clock
				}
				off, _, err := written.ClockOffset(start, clockOf(m))
				if err != nil {
					t.Errorf("%s %s: %v", name, where, err)
					continue
				}
				// A deadline or plan, or a time on another day.
				planned := future.MatchString(text[:idx[0]]) || strings.HasPrefix(text[idx[1]:], "까지") || otherDay.MatchString(text[:idx[0]])
				// The story's time when the text is read: a round may have
				// moved its clock on, past midnight too.
				story := s.Story(shown)
				for off+24*time.Hour <= story+time.Minute && story > 12*time.Hour {
					off += 24 * time.Hour
				}
				// A minute of grace: an alert fires a few seconds into T+0.
				if off > story+time.Minute && !planned {
					t.Errorf("%s %s: says %s has happened, but it is read at %s (%s)", name, where, m[0], written.FormatOffset(shown), s.storyTime(shown).Format("15:04:05"))
				}
				if off < -6*time.Hour {
					t.Errorf("%s %s: %s is more than six hours before T+0 (%s)", name, where, m[0], start.Format("15:04"))
				}
			}
		}
		end := s.Meta().DurationValue
		check("summary", s.Meta().Summary, end)
		for _, r := range s.Rounds() {
			check("round "+r.Title, r.Setup, r.Offset+time.Minute)
		}
		for _, c := range s.Clues() {
			check("clue "+c.ID, c.Title+" "+c.Body, c.Offset)
		}
		annotationsAgree(t, name, s)
	}
}

// annotationsAgree: where a card's text gives the clock time of what a
// chart marks ("15:40 배포" beside an annotation "DNS 변경 배포"), the two agree.
func annotationsAgree(t *testing.T, name string, s *Session) {
	for _, c := range s.Clues() {
		if c.Metric == nil {
			continue
		}
		for _, a := range c.Metric.Annotations {
			marked := s.storyTime(a.Offset).Format("15:04")
			for _, word := range strings.Fields(a.Text) {
				if len([]rune(word)) < 2 || len(word) < 4 && !strings.ContainsFunc(word, func(r rune) bool { return r > 0x3000 }) {
					continue
				}
				near := regexp.MustCompile(`(\d{1,2}:\d{2})\S*\s+` + regexp.QuoteMeta(word) + `|` + regexp.QuoteMeta(word) + `\S*\s+(?:at\s+)?(\d{1,2}:\d{2})`)
				for _, other := range s.Clues() {
					for _, m := range near.FindAllStringSubmatch(other.Title+" "+other.Body, -1) {
						said := m[1] + m[2]
						if off, _, err := written.ClockOffset(s.Meta().StartTime, said); err == nil && s.Meta().StartTime.Add(off).Format("15:04") != marked {
							t.Errorf("%s: clue %s says %s %s, but clue %s's chart marks %q at %s", name, other.ID, said, word, c.ID, a.Text, marked)
						}
					}
				}
			}
		}
	}
}
