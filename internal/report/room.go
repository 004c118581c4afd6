package report

import (
	"bytes"
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/mdw"
	"github.com/propdeck/propdeck/internal/records"
)

// mdRoom is what the room said in a live session: every poll as a line
// ("Poll: Fail over now? 3 of 5 yes, Split (60%)"), the asks and how each
// was answered, the answers, and the hot wash; nothing for a record
// without them.
func mdRoom(b *bytes.Buffer, r *records.Record, lb cards.Labels, roles map[string]string) {
	if len(r.Polls) == 0 && len(r.Asks) == 0 && len(r.Answers) == 0 && r.HotWash.Count == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s\n\n", lb.RoomSaid)
	for _, p := range r.Polls {
		b.WriteString("- " + lb.PollResult(p, mdw.Inline) + "\n")
	}
	if len(r.Asks) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", lb.RoomAsks)
		for _, a := range r.Asks {
			how := lb.AskAnswerNames[a.Answer]
			if a.Card != "" {
				how += " (" + mdw.Inline(a.Card) + ")"
			}
			fmt.Fprintf(b, "- %s %s: %s — %s\n", mdw.Inline(a.At), mdw.Inline(cmp.Or(roles[a.Role], a.Role)), mdw.Inline(a.Text), how)
		}
	}
	if len(r.Answers) > 0 {
		fmt.Fprintf(b, "\n### %s\n\n", lb.RoomAnswers)
		for _, a := range r.Answers {
			round := ""
			if a.Round > 0 {
				round = " (" + fmt.Sprintf(lb.RoundN, a.Round) + ")"
			}
			fmt.Fprintf(b, "- %s %s%s: %s\n", mdw.Inline(a.At), mdw.Inline(cmp.Or(roles[a.Role], a.Role)), round, mdw.Inline(a.Text))
		}
	}
	mdHotWash(b, r.HotWash, lb)
}

// mdHotWash is the hot wash: how many answered, what they said, the
// scores; never who.
func mdHotWash(b *bytes.Buffer, h records.HotWash, lb cards.Labels) {
	if h.Count == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s\n", fmt.Sprintf(lb.HotWashCount, h.Count))
	for _, part := range []struct {
		head  string
		items []string
	}{{lb.WhatWorked, h.Worked}, {lb.WhatBroke, h.Broke}, {lb.ToDo, h.Actions}} {
		if len(part.items) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n%s:\n\n", part.head)
		for _, it := range part.items {
			fmt.Fprintf(b, "- %s\n", mdw.Item(it))
		}
	}
	if len(h.Scores) > 0 {
		scores := make([]string, len(h.Scores))
		for i, s := range h.Scores {
			scores[i] = strconv.FormatInt(s, 10)
		}
		fmt.Fprintf(b, "\n%s: %s\n", lb.Scores, strings.Join(scores, ", "))
	}
}
