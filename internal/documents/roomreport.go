package documents

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/records"
)

// reportRoom is the printed report's "What the room said", as the
// Markdown one has it: the polls' results, the asks and how each was
// answered, the answers, and the hot wash. A record without them prints
// nothing here, so its report is as it was.
func reportRoom(w *pageWriter, r *records.Record, lb cards.Labels, roles map[string]string) {
	if len(r.Polls) == 0 && len(r.Asks) == 0 && len(r.Answers) == 0 && r.HotWash.Count == 0 {
		return
	}
	w.y += 3
	w.heading(12, lb.RoomSaid, 10)
	plain := func(s string) string { return s }
	for _, p := range r.Polls {
		w.text(fonts.Regular, 9.5, draw.Black, 2, "• "+lb.PollResult(p, plain))
	}
	if len(r.Asks) > 0 {
		w.label(lb.RoomAsks, draw.Gray(0.35), 5)
		for _, a := range r.Asks {
			how := lb.AskAnswerNames[a.Answer]
			if a.Card != "" {
				how += " (" + a.Card + ")"
			}
			w.text(fonts.Regular, 9.5, draw.Black, 2, fmt.Sprintf("• %s %s: %s — %s", a.At, cmp.Or(roles[a.Role], a.Role), a.Text, how))
		}
	}
	if len(r.Answers) > 0 {
		w.label(lb.RoomAnswers, draw.Gray(0.35), 5)
		for _, a := range r.Answers {
			who := cmp.Or(roles[a.Role], a.Role)
			if a.Round > 0 {
				who += " (" + fmt.Sprintf(lb.RoundN, a.Round) + ")"
			}
			w.text(fonts.Regular, 9.5, draw.Black, 2, fmt.Sprintf("• %s %s: %s", a.At, who, a.Text))
		}
	}
	reportHotWash(w, r.HotWash, lb)
}

// reportHotWash is the hot wash: how many answered and what they said.
func reportHotWash(w *pageWriter, h records.HotWash, lb cards.Labels) {
	if h.Count == 0 {
		return
	}
	w.label(fmt.Sprintf(lb.HotWashCount, h.Count), draw.Gray(0.35), 5)
	for _, part := range []struct {
		head  string
		items []string
	}{{lb.WhatWorked, h.Worked}, {lb.WhatBroke, h.Broke}, {lb.ToDo, h.Actions}} {
		for _, it := range part.items {
			w.text(fonts.Regular, 9.5, draw.Black, 2, "• "+part.head+": "+it)
		}
	}
	if len(h.Scores) > 0 {
		scores := make([]string, len(h.Scores))
		for i, s := range h.Scores {
			scores[i] = strconv.FormatInt(s, 10)
		}
		w.text(fonts.Regular, 9.5, draw.Black, 2, lb.Scores+": "+strings.Join(scores, ", "))
	}
}
