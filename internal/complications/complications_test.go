package complications

import "testing"

// TestSetsAreCompleteInEveryLanguage: every built-in set has at least eight
// cards in English and Korean, the same ids in both, none without a title.
func TestSetsAreCompleteInEveryLanguage(t *testing.T) {
	for _, set := range Sets {
		en, ko := Set(set, "en"), Set(set, "ko")
		if len(en) < 8 || len(ko) != len(en) {
			t.Errorf("%s: %d English cards, %d Korean", set, len(en), len(ko))
			continue
		}
		seen := map[string]bool{}
		for i := range en {
			if en[i].ID != ko[i].ID || en[i].Title == "" || ko[i].Title == "" || en[i].Body == "" || ko[i].Body == "" {
				t.Errorf("%s card %d: %+v / %+v", set, i, en[i], ko[i])
			}
			if seen[en[i].ID] {
				t.Errorf("%s: id %s twice", set, en[i].ID)
			}
			seen[en[i].ID] = true
		}
	}
}
