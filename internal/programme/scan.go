// Package programme reads an exercise programme: a folder (typically a
// git repository several teams push to) of scenarios, session records and
// premortem records anywhere below it, found by their content, and its
// action ledger; it carries the records' action items into the ledger and
// writes the programme's pages, its CSV of open actions and calendars.
package programme

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/ledger"
	"github.com/propdeck/propdeck/internal/parallel"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
)

// Folder is what a programme folder holds: its good session records, in
// date order, its scenarios by id, the picks of its premortem records, and
// every file it had to skip, with why.
type Folder struct {
	Dir       string
	Records   []*records.Record
	Scenarios map[string]*scenarios.Session
	Picks     []premortem.Pick
	Skipped   []error

	plan    *plan // DIR/programme.toml; nil without one
	planErr error
}

// Scan reads every .toml file below dir (not in hidden folders such as
// .git, and not following links to folders) and keeps the session records
// among them. A broken file, or a record that fails its checks, is skipped
// and said in Skipped at FILE:LINE:COL; so is a second record of one
// scenario on one day, whose action ids would be the first one's.
func Scan(ctx context.Context, dir string) (*Folder, error) {
	f := &Folder{Dir: dir, Scenarios: map[string]*scenarios.Session{}}
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			f.Skipped = append(f.Skipped, err)
			return nil
		}
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".toml") || (filepath.Dir(path) == filepath.Clean(dir) && (name == ledger.FileName || name == planFile)) {
			return nil
		}
		paths = append(paths, path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Reading and decoding are most of the work and each file's own: one
	// worker per processor, then what each found kept in the walk's order.
	found, _ := parallel.Map(ctx, len(paths), func(i int) (*Folder, error) {
		one := &Folder{Scenarios: map[string]*scenarios.Session{}}
		one.read(ctx, paths[i])
		return one, nil
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, one := range found {
		f.Records = append(f.Records, one.Records...)
		f.Picks = append(f.Picks, one.Picks...)
		f.Skipped = append(f.Skipped, one.Skipped...)
		for _, s := range one.Scenarios {
			f.scenario(s)
		}
	}
	f.dedupe()
	f.orphans()
	f.plan, f.planErr = readPlan(ctx, dir)
	return f, nil
}

// read reads one file and keeps it when it is a good record, scenario or
// premortem record.
func (f *Folder) read(ctx context.Context, path string) {
	data, err := input.Read(ctx, path, input.MaxBytes)
	if err != nil {
		f.Skipped = append(f.Skipped, text.Fail("file-error", "file", path, "err", err))
		return
	}
	switch records.Kind(data) {
	case "record":
		r, err := records.SniffRecord(path, data, cards.Printing)
		f.keep(err, func() { f.Records = append(f.Records, r) })
	case "scenario":
		s, err := scenarios.Parse(path, data, rules.DirSource(filepath.Dir(path)), cards.Printing)
		// Only what the pages say of a scenario is kept, not its clues,
		// resolved timeline and generated data (which a site never shows).
		f.keep(err, func() {
			f.scenario(s.Outline())
		})
	case "premortem":
		picks, err := premortem.ParsePicks(path, data, cards.Printing)
		f.keep(err, func() { f.Picks = append(f.Picks, picks...) })
	}
}

// keep runs add when err is nil, else skips the file with its error.
func (f *Folder) keep(err error, add func()) {
	if err != nil {
		f.Skipped = append(f.Skipped, err)
		return
	}
	add()
}

// scenario keeps a scenario by its id; a second file with the id is
// skipped, so that which one a session ran is never a guess.
func (f *Folder) scenario(s *scenarios.Session) {
	if first, dup := f.Scenarios[s.ID()]; dup {
		f.Skipped = append(f.Skipped, &tomlfile.Errors{{File: s.File(), Pos: tomlfile.Pos{Line: 1, Col: 1}, Text: text.M("scan-second-scenario", "id", s.ID(), "first", first.File())}})
		return
	}
	f.Scenarios[s.ID()] = s
}

// orphans skips the records of a scenario the folder no longer holds,
// when it holds scenarios at all (a folder of records alone is read as
// records alone).
func (f *Folder) orphans() {
	if len(f.Scenarios) == 0 {
		return
	}
	var ids []string
	for id := range f.Scenarios {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	kept := f.Records[:0]
	for _, r := range f.Records {
		if f.Scenarios[r.Scenario] == nil {
			var hint text.Message
			if sg := suggest.Closest(r.Scenario, ids); sg != "" {
				hint = text.M("hint-did-you-mean", "name", sg)
			}
			f.Skipped = append(f.Skipped, &tomlfile.Errors{{File: r.File, Pos: r.ScenarioAt, Text: text.M("scan-orphan-record", "id", r.Scenario, "hint", hint)}})
			continue
		}
		kept = append(kept, r)
	}
	f.Records = kept
}

// dedupe puts the records in date order and skips the second record of a
// scenario on a day (the walk's order is the names', so which one is kept
// does not depend on the file system).
func (f *Folder) dedupe() {
	slices.SortStableFunc(f.Records, func(a, b *records.Record) int {
		return strings.Compare(a.Date+"\x00"+a.Scenario, b.Date+"\x00"+b.Scenario)
	})
	seen := map[string]string{}
	kept := f.Records[:0]
	for _, r := range f.Records {
		key := sessionID(r)
		if first, dup := seen[key]; dup {
			f.Skipped = append(f.Skipped, &tomlfile.Errors{{File: r.File, Pos: tomlfile.Pos{Line: 1, Col: 1}, Text: text.M("scan-second-record", "id", r.Scenario, "date", r.Date, "first", first)}})
			continue
		}
		seen[key] = r.File
		kept = append(kept, r)
	}
	f.Records = kept
}

// sessionID names a session: SCENARIO/DATE.
func sessionID(r *records.Record) string { return r.Scenario + "/" + r.Date }

// actionID is the stable id of a record's nth action item (0-based):
// SCENARIO/DATE/N, N from 1, as the record lists them.
func actionID(r *records.Record, n int) string { return fmt.Sprintf("%s/%d", sessionID(r), n+1) }

// Sync is the record's action items that the ledger lacks, as new ledger
// items: open, opened on the session's day, retested by its scenario.
func Sync(f *Folder, l *ledger.Ledger) []ledger.New {
	have := map[string]bool{}
	for _, it := range l.Items {
		have[it.ID] = true
	}
	var out []ledger.New
	for _, r := range f.Records {
		for n, a := range r.Actions {
			id := actionID(r, n)
			if have[id] {
				continue
			}
			rel, err := filepath.Rel(f.Dir, r.File)
			if err != nil {
				rel = r.File
			}
			out = append(out, ledger.New{From: filepath.ToSlash(rel), Item: ledger.Item{
				ID: id, Title: a.Title, Owner: a.Owner, Due: a.Due, Status: "open", Opened: r.Date, Retest: r.Scenario,
			}})
		}
	}
	return out
}
