package importer

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/written"
)

func hintOf(heading string) text.Message {
	return hint(normLabel(heading), knownLabels())
}

// pmWriter writes the draft and remembers which postmortem line each
// part of it came from, so that a problem the check finds is reported at
// the postmortem's line.
type pmWriter struct {
	b            strings.Builder
	starts, from []int
}

// mark says that what is written next comes from the postmortem's line.
func (w *pmWriter) mark(line int) {
	if line <= 0 {
		return
	}
	at := strings.Count(w.b.String(), "\n") + 1
	if n := len(w.starts); n > 0 && w.starts[n-1] == at {
		w.from[n-1] = line
		return
	}
	w.starts, w.from = append(w.starts, at), append(w.from, line)
}

func (w *pmWriter) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// fill is the "# fill in" mark of a value the author writes, or nothing
// when the postmortem gave it.
func fill(given bool, what string) string {
	if given {
		return ""
	}
	return "   # fill in: " + what
}

// write is the draft as TOML: every text from the postmortem through the
// one quoter, every guess marked # check, every gap # fill in.
func (p *pmDraft) write(name, id string) ([]byte, []int, []int) {
	w := &pmWriter{}
	file := commentOf(filepath.Base(name))
	w.printf("#:schema scenario.schema.json\n# %s\n# %s\nformat = 1\n\n", strings.ReplaceAll(p.w.Header, "{file}", file), p.w.Marks)
	title := p.title.text
	if title == "" {
		title = strings.ReplaceAll(p.w.Untitled, "{file}", filepath.Base(name))
		if rules.CheckText(title, cards.Printing) != nil {
			title = strings.ReplaceAll(p.w.Untitled, "{file}", "postmortem")
		}
	}
	w.printf("[scenario]\nid = %s\n", quote(id))
	w.mark(p.title.line)
	w.printf("title = %s%s\n", quote(clip(title, 80)), fill(p.title.text != "", p.w.FillTitle))
	w.mark(p.summary.line)
	w.printf("summary = %s%s\n", quote(p.summary.text), fill(p.summary.text != "", p.w.FillSummary))
	w.printf("language = %s\nstart = %s%s\nseed = 1\n", quote(p.lang), quote(p.t0.Format(time.RFC3339)), fill(p.dated, p.w.FillStart))
	for _, r := range p.sk.roles {
		w.printf("\n[[roles]]\nid = %s\nname = %s%s\n", quote(r.id), quote(r.name), fill(r.id != "responder", p.w.FillResponder))
	}
	p.writeRounds(w)
	for i, c := range p.sk.clues {
		w.mark(c.line)
		w.b.WriteString(clueOf(i, c, p.w))
	}
	p.writeAsks(w)
	return []byte(w.b.String()), w.starts, w.from
}

func (p *pmDraft) writeRounds(w *pmWriter) {
	for i, r := range p.sk.rounds {
		qs := make([]string, 0, 2)
		for _, q := range questionsFor(p.w, i, len(p.sk.rounds)) {
			qs = append(qs, quote(q))
		}
		at := written.FormatOffset(r.at)
		w.printf("\n[[rounds]]\nat = %s\ntitle = %s   # fill in: %s\n", quote(at), quote(strings.ReplaceAll(p.w.RoundTitle, "{at}", at)), p.w.FillRound)
		if i == 0 {
			w.mark(p.impact.line)
			w.printf("setup = %s%s\n", quote(p.impact.text), fill(p.impact.text != "", p.w.FillSetup))
		}
		w.printf("questions = [%s]\n", strings.Join(qs, ", "))
		for _, e := range r.expect {
			w.printf("\n[[rounds.expect]]   # %s%s\nrole = %s\naction = %s\nby = %s\n", p.w.CheckResponder, whoNote(p.w.Who, e.who), quote(e.role), quote(e.action), quote(written.FormatOffset(e.by)))
		}
		if i < len(p.sk.rounds)-1 {
			continue
		}
		for _, a := range p.actions {
			w.mark(a.line)
			w.printf("\n[[rounds.expect]]   # check: %s%s\nrole = %s\naction = %s\n", p.w.CheckAction, whoNote(p.w.Owner, a.who), quote(a.role), quote(a.text))
		}
	}
}

// writeAsks writes the on-request clues and the complications.
func (p *pmDraft) writeAsks(w *pmWriter) {
	for i, a := range p.asks {
		w.mark(a.line)
		w.printf("\n[[clues]]\nid = \"r%02d\"\nask = %s   # fill in: %s\ntitle = %s\n", i+1, quote(a.ask), p.w.FillAsk, quote(clip(a.text, 80)))
		if clip(a.text, 80) != a.text {
			w.printf("body = %s\n", quote(a.text))
		}
		w.printf("note = %s\n", quote(a.note))
	}
	if len(p.complications) == 0 {
		return
	}
	w.b.WriteString("\n[complications]\n")
	for i, c := range p.complications {
		w.mark(c.line)
		w.printf("\n[[complications.cards]]   # check: %s\nid = \"k%02d\"\ntitle = %s\n", p.w.CheckComplication, i+1, quote(clip(c.text, 80)))
		if clip(c.text, 80) != c.text {
			w.printf("body = %s\n", quote(c.text))
		}
	}
}

// clip is a title of at most n characters.
func clip(s string, n int) string {
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n-3]) + "…"
	}
	return s
}

// whoNote keeps the person who acted beside the action done in a role,
// as a comment: the draft's roles are seats, not the people of that day.
func whoNote(words, who string) string {
	if who == "" {
		return ""
	}
	return "; " + strings.ReplaceAll(words, "{who}", commentOf(who))
}
