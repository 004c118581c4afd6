// Package studio is propdeck edit: a local page beside the author's own
// editor that shows, each time the scenario or a file it reads is saved,
// every mistake as validate says it, the cards as the decks draw them,
// the session's timeline and what each audience will see. It only reads.
package studio

import (
	"context"
	"errors"
	"sync"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// problem is one mistake or warning, where it is and what validate says
// of it, in the scenario's language.
type problem struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	// Text is the message without its place; Full is validate's line.
	Text string `json:"text"`
	Full string `json:"full"`
	// Key is the message's key, for placing a warning on the timeline.
	Key  string `json:"-"`
	Args []any  `json:"-"`
}

// reading is one reading of the scenario: its mistakes and warnings, and
// the scenario when it has none.
type reading struct {
	Errors   []problem
	Warnings []problem
	Scenario *scenarios.Session
	// Files are every file the reading read: what to watch.
	Files []string
}

// check reads the scenario at path as propdeck validate does: the same
// loader, the same card check (cards that cannot hold their text), the
// same warnings, every message in the scenario's language.
func check(ctx context.Context, path string) reading {
	var rd reading
	var mu sync.Mutex
	seen := map[string]bool{}
	s, err := scenarios.LoadSeen(ctx, path, cards.Printing, func(f string) {
		mu.Lock()
		defer mu.Unlock()
		if !seen[f] {
			seen[f] = true
			rd.Files = append(rd.Files, f)
		}
	})
	var warned tomlfile.Errors
	if err == nil {
		var errs tomlfile.Errors
		if errs, warned = documents.Check(ctx, s); len(errs) > 0 {
			err = &errs
		}
	}
	var se *tomlfile.Errors
	switch {
	case errors.As(err, &se):
		rd.Errors = problems(*se)
		return rd
	case err != nil:
		rd.Errors = []problem{{File: path, Text: err.Error(), Full: path + ": " + err.Error()}}
		return rd
	}
	rd.Scenario = s
	rd.Warnings = warnings(warned)
	return rd
}

func problems(es tomlfile.Errors) []problem {
	out := make([]problem, 0, len(es))
	for _, e := range es {
		p := problem{File: e.File, Line: e.Pos.Line, Col: e.Pos.Col, Full: e.Error(), Key: e.Text.Key, Args: e.Text.Args}
		e.File, e.Pos = "", tomlfile.Pos{}
		p.Text = e.Error()[len(": "):]
		out = append(out, p)
	}
	return out
}

// warnings are validate's, each with the line validate prints.
func warnings(warned tomlfile.Errors) []problem {
	out := problems(warned)
	for i := range out {
		out[i].Full = documents.AsWarning(warned[i]).Error()
	}
	return out
}
