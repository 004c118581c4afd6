package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

// write is the plan as a scenario file.
func (p *icPlan) write(name, id string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "#:schema scenario.schema.json\n# Imported from %s (IcebergTTX) by propdeck import iceberg.\nformat = 1\n\n", commentOf(filepath.Base(name)))
	src := p.src
	summary := ""
	if src.Description != nil {
		summary = cleanText(&p.notes, keyAt("description"), *src.Description)
	}
	title := cleanText(&p.notes, keyAt("title"), src.Title)
	fmt.Fprintf(&b, "[scenario]\nid = %s\ntitle = %s\nsummary = %s\nlanguage = %s\n", quote(id), quote(title), quote(summary), quote(languageOf(title+summary)))
	if d := src.Metadata.EstimatedDurationMinutes; d != nil && *d > 0 {
		fmt.Fprintf(&b, "duration = \"%dm\"\n", *d)
	}
	b.WriteString("seed = 1\n")
	for _, r := range p.roles {
		fmt.Fprintf(&b, "\n[[roles]]\nid = %s\nname = %s\n", quote(r.id), quote(r.name))
	}
	for _, r := range p.rounds {
		p.writeRound(&b, r)
	}
	for _, c := range p.clues {
		writeClue(&b, c)
	}
	if src.DebriefNotes != nil && strings.TrimSpace(*src.DebriefNotes) != "" {
		var qs []string
		for _, q := range strings.Split(cleanText(&p.notes, keyAt("debrief_notes"), *src.DebriefNotes), "\n") {
			if strings.TrimSpace(q) != "" {
				qs = append(qs, quote(strings.TrimSpace(q)))
			}
		}
		fmt.Fprintf(&b, "\n[worksheets]\nquestions = [%s]\n", strings.Join(qs, ", "))
	}
	return []byte(b.String())
}

func (p *icPlan) writeRound(b *strings.Builder, r icRound) {
	fmt.Fprintf(b, "\n[[rounds]]\nat = %s\ntitle = %s\n", quote(written.FormatOffset(r.at)), quote(cmpOr(r.title, "Round at "+written.FormatOffset(r.at))))
	if r.setup != "" {
		fmt.Fprintf(b, "setup = %s\n", quote(r.setup))
	}
	if len(r.questions) > 0 {
		qs := make([]string, len(r.questions))
		for i, q := range r.questions {
			qs[i] = quote(q)
		}
		fmt.Fprintf(b, "questions = [%s]\n", strings.Join(qs, ", "))
	}
	for _, e := range r.expect {
		fmt.Fprintf(b, "\n  [[rounds.expect]]\n  role = %s\n  action = %s\n", quote(e.role), quote(e.action))
		if e.by != "" {
			fmt.Fprintf(b, "  by = %s\n", quote(e.by))
		}
	}
}

func writeClue(b *strings.Builder, c icClue) {
	fmt.Fprintf(b, "\n[[clues]]\nid = %s\n", quote(c.id))
	if c.hasAt {
		fmt.Fprintf(b, "at = %s\n", quote(written.FormatOffset(c.at)))
	}
	for _, kv := range [][2]string{{"ask", c.ask}, {"when", c.when}, {"instead_of", c.insteadOf}, {"kind", c.kind}} {
		if kv[1] != "" {
			fmt.Fprintf(b, "%s = %s\n", kv[0], quote(kv[1]))
		}
	}
	if c.to != nil {
		to := make([]string, len(c.to))
		for i, r := range c.to {
			to[i] = quote(r)
		}
		fmt.Fprintf(b, "to = [%s]\n", strings.Join(to, ", "))
	}
	fmt.Fprintf(b, "title = %s\n", quote(c.title))
	if c.body != "" {
		fmt.Fprintf(b, "body = %s\n", quote(c.body))
	}
	if c.note != "" {
		fmt.Fprintf(b, "note = %s\n", quote(c.note))
	}
}

// languageOf is ko for text in Hangul, else en.
func languageOf(s string) string {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return "ko"
		}
	}
	return "en"
}

// checkIceberg holds an imported scenario to what validate checks. The
// plan made every key and reference; a problem is propdeck's own.
func checkIceberg(ctx context.Context, name string, out []byte) error {
	if err := checkSize(name, out, text.M("import-what-scenario")); err != nil {
		return err
	}
	// Building takes no context: a cancelled import returns at once, and
	// the build, of at most the 16 MB checkSize allows, ends on its own.
	built := make(chan error, 1)
	go func() { built <- builds(name, out) }()
	var err error
	select {
	case err = <-built:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err != nil {
		return text.Fail("import-defect", "file", name, "what", text.M("import-what-imported"), "nl", "\n", "err", err)
	}
	return nil
}
