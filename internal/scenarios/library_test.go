package scenarios

import (
	"slices"
	"testing"

	"github.com/propdeck/propdeck/internal/written"
)

// TestEveryExampleUsesEveryFeature: every shipped scenario, played at
// standard, is a whole session: roles with authority and escalation,
// rounds with expected actions, timed alert, log, metric and status page
// cards, requests, a contingency, complications, debrief and premortem
// prompts, tags and a difficulty.
func TestEveryExampleUsesEveryFeature(t *testing.T) {
	for _, ex := range shippedExamples() {
		s, err := loadShipped(ex.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if s.Meta().Difficulty == "" {
			t.Errorf("%s: no difficulty", ex.Name)
		}
		s = s.Played(Play{Level: "standard"})
		for _, miss := range missingFeatures(s) {
			t.Errorf("%s: %s", ex.Name, miss)
		}
	}
}

func missingFeatures(s *Session) []string {
	var out []string
	need := func(ok bool, what string) {
		if !ok {
			out = append(out, "no "+what)
		}
	}
	need(len(s.Roles()) >= 3 && !slices.ContainsFunc(s.Roles(), func(r written.Role) bool { return len(r.Decides) == 0 || r.EscalatesTo == "" }), "three roles, each with decides and escalates_to")
	need(len(s.Rounds()) >= 3 && !slices.ContainsFunc(s.Rounds(), func(r written.Round) bool { return len(r.Expect) == 0 || len(r.Questions) == 0 }), "three rounds, each with questions and expected actions")
	kinds := map[string]bool{}
	pageStatus, alertSystem := false, false
	for _, r := range s.Timeline().Of(written.Timed) {
		kinds[r.Clue.Kind] = true
		pageStatus = pageStatus || r.Clue.StatusPage != nil
		alertSystem = alertSystem || (r.Clue.Kind == "alert" && r.Clue.System != "")
	}
	for _, k := range []string{"alert", "log", "metric", "status"} {
		need(kinds[k], "timed "+k+" clue")
	}
	need(pageStatus, "status page draft ([clues.status_page])")
	need(alertSystem, "alert naming its system")
	need(len(s.Timeline().Of(written.OnRequest)) >= 2, "two on-request clues")
	need(len(s.Timeline().Of(written.Contingent)) >= 1, "contingency")
	need(len(s.ComplicationCards()) > 0, "complications")
	need(len(s.Worksheets().Questions) > 0, "debrief questions")
	need(s.Premortem().Prompt != "", "premortem prompt")
	need(len(s.Meta().Tags) > 0, "tags")
	return out
}

// TestTheLibrary: twelve scenarios or more from public incidents (each
// citing its sources), at least four in Korean, four non-technical or
// mixed, every level used, and the tags a user filters by.
func TestTheLibrary(t *testing.T) {
	sourced, korean, nonTech := 0, 0, 0
	levels := map[string]bool{}
	for _, ex := range shippedExamples() {
		s, err := loadShipped(ex.Name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Meta().Sources) > 0 {
			sourced++
		}
		if ex.Lang == "ko" {
			korean++
		}
		if slices.Contains(ex.Tags, "non-technical") {
			nonTech++
		}
		levels[ex.Difficulty] = true
	}
	if sourced < 12 || korean < 4 || nonTech < 4 || len(levels) != 3 {
		t.Errorf("%d scenarios cite sources (want 12), %d Korean (4), %d non-technical (4), levels %v (all 3)", sourced, korean, nonTech, levels)
	}
}
