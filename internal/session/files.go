package session

import (
	"cmp"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// Files are a journal's companions, named from the journal's path here
// and nowhere else: for X.journal.jsonl, X.journal.tokens (the pages'
// tokens), X.journal.holder (which console holds the journal),
// X.record.toml and the folder X-report.
type Files struct {
	Journal, Tokens, Holder, Record, Report string
}

// FilesOf are the companions of the journal at path.
func FilesOf(path string) Files {
	own := strings.TrimSuffix(path, ".jsonl")
	base := strings.TrimSuffix(own, ".journal")
	return Files{Journal: path, Tokens: own + ".tokens", Holder: own + ".holder", Record: base + ".record.toml", Report: base + "-report"}
}

// holder says which console holds a journal. The journal's lock is the
// truth; this file only describes its holder to a second console, so a
// stale one (left by a kill) is overwritten by the next console and never
// blocks it.
type holder struct {
	PID   int       `json:"pid"`
	URL   string    `json:"url,omitempty"` // without a token
	Since time.Time `json:"since"`
}

// maxHolder is the most a holder file is read of: it is a few words.
const maxHolder = 4 << 10

// busyError is a journal another console holds: its message names that
// console's PID and address when its holder file says them.
type busyError struct {
	Path   string
	PID    int
	URL    string
	Reason text.Message // why the holder is unknown, when it is
}

func (e *busyError) Error() string { return e.Message().String() }

// Message is what the error says, for the reader's language.
func (e *busyError) Message() text.Message {
	who := text.M("journal-held-pid", "pid", e.PID)
	switch {
	case e.PID == 0:
		who = text.M("journal-held-unknown", "why", e.Reason)
	case e.URL != "":
		who = text.M("journal-held-pid-url", "pid", e.PID, "url", e.URL)
	}
	return text.M("journal-busy", "path", e.Path, "who", who)
}

// busy describes the console that holds the journal at path.
func busy(path string) error {
	e := &busyError{Path: path}
	data, err := input.Read(context.Background(), FilesOf(path).Holder, maxHolder)
	var h holder
	switch {
	case err != nil:
		e.Reason = text.M("as-error", "err", err)
	case json.Unmarshal(data, &h) != nil || h.PID <= 0:
		e.Reason = text.M("journal-holder-silent", "path", FilesOf(path).Holder)
	default:
		e.PID, e.URL = h.PID, h.URL
	}
	return e
}

// Hold writes who holds the journal (this process, and url, without any
// token, once the console listens) beside it, readable by the user only,
// for a second console's refusal to name. It is a description, not the
// lock: failing to write it (a full disk) leaves the journal locked and
// the session running, and the error says why.
func (j *Journal) Hold(url string) error {
	data, _ := json.Marshal(holder{PID: os.Getpid(), URL: url, Since: j.now().UTC().Truncate(time.Second)})
	if err := output.WritePrivate(FilesOf(j.f.Path()).Holder, append(data, '\n')); err != nil {
		return text.Fail("journal-holder", "err", err)
	}
	j.held = true
	return nil
}

// DefaultJournal is the journal run keeps without --journal: the
// scenario's newest journal in dir (by the date in its name, then its
// number) when that session has not ended, so that a console restarted
// after midnight resumes it (resumed is set); else a new one named with
// today's date, ID-YYYY-MM-DD.journal.jsonl, or ID-YYYY-MM-DD-2… when an
// ended session of today has that name.
func DefaultJournal(s *scenarios.Session, dir string, today time.Time) (path string, resumed bool) {
	pattern := regexp.MustCompile(`^` + regexp.QuoteMeta(s.ID()) + `-(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.journal\.jsonl$`)
	type found struct {
		date string
		n    int
		name string
	}
	var all []found
	list, _ := os.ReadDir(dir)
	for _, e := range list {
		if m := pattern.FindStringSubmatch(e.Name()); m != nil {
			n, _ := strconv.Atoi(m[2])
			all = append(all, found{m[1], max(n, 1), e.Name()})
		}
	}
	slices.SortFunc(all, func(a, b found) int {
		return cmp.Or(cmp.Compare(b.date, a.date), cmp.Compare(b.n, a.n))
	})
	// A journal that does not read is taken as unfinished: opening it says
	// what is wrong with it, rather than starting a session beside it.
	if len(all) > 0 {
		newest := filepath.Join(dir, all[0].name)
		if st, _, err := Read(s, newest); err != nil || !st.Ended {
			return newest, true
		}
	}
	date := today.Format("2006-01-02")
	name := s.ID() + "-" + date
	for n := 2; exists(filepath.Join(dir, name+".journal.jsonl")); n++ {
		name = s.ID() + "-" + date + "-" + strconv.Itoa(n)
	}
	return filepath.Join(dir, name+".journal.jsonl"), false
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
