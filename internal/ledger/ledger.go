// Package ledger holds a programme's action ledger, actions.toml: one
// [[action]] entry per action item of its sessions, with its owner, due
// date, status, link, closing note and what retests it. propdeck and
// people both edit it, so propdeck reads it with the one strict decoder
// and changes it line by line (see edit.go), never by writing the whole
// file anew: the file stays in the order people left it, and mergeable.
package ledger

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/rules"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
)

// FileName is the ledger's name in the programme folder.
const FileName = "actions.toml"

// file is the ledger's TOML.
type file struct {
	Format int64  `toml:"format" required:"true" const:"1" doc:"Action ledger format version; always 1."`
	Action []Item `toml:"action" doc:"One entry per action item, in the order they were added; never reordered."`
}

// Item is one action item.
type Item struct {
	ID           string `toml:"id" required:"true" doc:"Stable and unique: SCENARIO/DATE/N for the Nth action item of that session's record (propdeck actions sync); never renumbered. An item added by hand may take any unique id."`
	Title        string `toml:"title" required:"true" doc:"What will change."`
	Owner        string `toml:"owner" doc:"Who owns it: a person or a team."`
	Due          string `toml:"due" format:"date" doc:"When it is due, YYYY-MM-DD; empty when not set."`
	Status       string `toml:"status" required:"true" vocab:"action-status" doc:"open, in-progress, done or wont-do."`
	Opened       string `toml:"opened" format:"date" doc:"The day it was opened, YYYY-MM-DD: its session's date."`
	Closed       string `toml:"closed" format:"date" doc:"The day it was done or given up, YYYY-MM-DD; set exactly when status is done or wont-do."`
	Link         string `toml:"link" doc:"The tracker issue that carries it: an http or https address."`
	Note         string `toml:"note" doc:"How it was closed, or anything worth keeping."`
	Retest       string `toml:"retest" doc:"The id of the scenario that retests it; by default the one whose session produced it."`
	RetestAction string `toml:"retest_action" doc:"The expected action of that scenario that retests it, as the scenario words it; empty: the session as a whole."`

	DueValue, OpenedValue, ClosedValue time.Time `toml:"-"`
}

// IsClosed reports whether the item is done or given up.
func (it Item) IsClosed() bool { return it.Status == "done" || it.Status == "wont-do" }

// Overdue reports an item still open on today past its due date.
func (it Item) Overdue(today time.Time) bool {
	return !it.IsClosed() && !it.DueValue.IsZero() && it.DueValue.Before(today)
}

// Age is how many days an item has been open on today (or was, until it
// closed); 0 when it has no opening date.
func (it Item) Age(today time.Time) int {
	if it.OpenedValue.IsZero() {
		return 0
	}
	end := today
	if it.IsClosed() && !it.ClosedValue.IsZero() {
		end = it.ClosedValue
	}
	return int(end.Sub(it.OpenedValue).Hours() / 24)
}

// Ledger is a ledger file as read: its text, its items, and where each key
// of each item is written, for editing in place.
type Ledger struct {
	Path  string
	Items []Item
	data  []byte
	pos   map[string]tomlfile.Pos
	// printing is what the ledger's text is held to, read again after
	// each edit.
	printing rules.Printing
}

// Read reads DIR/actions.toml; a folder without one has an empty ledger
// that the first write creates. Its text is held to what p prints (the
// evidence pack prints it).
func Read(ctx context.Context, dir string, p rules.Printing) (*Ledger, error) {
	path := filepath.Join(dir, FileName)
	data, err := input.Read(ctx, path, input.MaxBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return &Ledger{Path: path, printing: p}, nil
	}
	if err != nil {
		return nil, text.Fail("file-error", "file", path, "err", err)
	}
	return parse(path, data, p)
}

// parse decodes a ledger held in data, strictly: every error at its line.
func parse(name string, data []byte, p rules.Printing) (*Ledger, error) {
	var f file
	pos, err := rules.DecodeFileKeys(name, data, &f, p, text.M("ledger-empty"), func(c rules.Check) {
		if f.Format != 1 && f.Format != 0 {
			c.Errorf("format", "format-unsupported", "format", f.Format, "kind", text.M("format-ledger"))
		}
		seen := map[string]int{}
		for i := range f.Action {
			p := "action." + strconv.Itoa(i)
			if j, dup := seen[f.Action[i].ID]; dup {
				c.Errorf(p+".id", "ledger-duplicate-id", "id", f.Action[i].ID, "n", j+1)
			}
			seen[f.Action[i].ID] = i
			check(&f.Action[i], func(key, msg string, nameValues ...any) { c.Errorf(p+"."+key, msg, nameValues...) })
		}
	})
	if err != nil {
		return nil, err
	}
	return &Ledger{Path: name, Items: f.Action, data: data, pos: pos, printing: p}, nil
}

// statusAliases are words people write for a status; suggested, never
// accepted, so that the file has one spelling.
var statusAliases = map[string]string{"closed": "done", "fixed": "done", "in progress": "in-progress", "started": "in-progress", "wontfix": "wont-do", "won't do": "wont-do", "wont": "wont-do", "todo": "open"}

// check holds one item to the ledger's rules, reporting at its keys.
func check(it *Item, errorf func(key, msg string, nameValues ...any)) {
	if strings.TrimSpace(it.ID) == "" {
		errorf("id", "ledger-blank-id")
	}
	if it.Status != "" && !vocab.ActionStatus.Has(it.Status) {
		sg := suggest.Closest(it.Status, vocab.ActionStatus.Values)
		if a, ok := statusAliases[strings.ToLower(strings.TrimSpace(it.Status))]; ok {
			sg = a
		}
		var hint text.Message
		if sg != "" {
			hint = text.M("hint-did-you-mean", "name", sg)
		}
		n := len(vocab.ActionStatus.Values)
		allowed := text.M("list-or", "head", strings.Join(vocab.ActionStatus.Values[:n-1], ", "), "last", vocab.ActionStatus.Values[n-1])
		errorf("status", "ledger-bad-status", "id", it.ID, "value", it.Status, "allowed", allowed, "hint", hint)
	}
	for _, d := range []struct {
		key, value string
		into       *time.Time
	}{{"due", it.Due, &it.DueValue}, {"opened", it.Opened, &it.OpenedValue}, {"closed", it.Closed, &it.ClosedValue}} {
		if d.value == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.value)
		if err != nil {
			errorf(d.key, "ledger-not-a-date", "id", it.ID, "key", d.key, "value", d.value)
		}
		*d.into = t
	}
	checkState(it, errorf)
}

// checkState holds the closing date to the status, the link to a web
// address (it becomes a link on the programme's pages) and the retest to
// a scenario id.
func checkState(it *Item, errorf func(key, msg string, nameValues ...any)) {
	switch {
	case it.IsClosed() && it.Closed == "":
		errorf("status", "ledger-closed-missing", "id", it.ID, "status", it.Status)
	case !it.IsClosed() && it.Closed != "" && it.Status != "":
		errorf("closed", "ledger-closed-extra", "id", it.ID, "status", it.Status)
	}
	if !it.ClosedValue.IsZero() && !it.OpenedValue.IsZero() && it.ClosedValue.Before(it.OpenedValue) {
		errorf("closed", "ledger-closed-before", "id", it.ID, "closed", it.Closed, "opened", it.Opened)
	}
	if it.Link != "" {
		if u, err := url.Parse(it.Link); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errorf("link", "ledger-bad-link", "id", it.ID, "value", it.Link)
		}
	}
	if it.Retest != "" && !rules.IDPattern.MatchString(it.Retest) {
		errorf("retest", "ledger-bad-retest", "id", it.ID, "value", it.Retest)
	}
}

// Find is the index of the item with id, or an error naming the nearest.
func (l *Ledger) Find(id string) (int, error) {
	var ids []string
	for i, it := range l.Items {
		if it.ID == id {
			return i, nil
		}
		ids = append(ids, it.ID)
	}
	var hint text.Message
	if sg := suggest.Closest(id, ids); sg != "" {
		hint = text.M("hint-did-you-mean", "name", sg)
	}
	return -1, &notFoundError{ID: id, Path: l.Path, Hint: hint}
}

// notFoundError is an id the ledger does not hold.
type notFoundError struct {
	ID, Path string
	Hint     text.Message
}

func (e *notFoundError) Error() string { return e.Message().String() }

// Message is the error's words, to be said in the reader's language.
func (e *notFoundError) Message() text.Message {
	return text.M("ledger-no-action", "path", e.Path, "id", e.ID, "hint", e.Hint)
}

// Schema is the JSON Schema of action ledgers, for editors.
func Schema() []byte {
	return rules.SchemaOf(reflect.TypeOf(file{}), "actions-format-1", "propdeck action ledger, format 1",
		"A programme's action items: one [[action]] per item with its owner, due date, status, link, closing note and retest.")
}

// Update changes the ledger of dir all or nothing: it holds the folder's
// write lock from reading the ledger to putting the new text in place, so
// that two propdeck commands never lose each other's edit. edit returns
// the new text, or nil to write nothing. A ledger created here gets its
// schema beside it, for editors. Its text is held to what p prints.
func Update(ctx context.Context, dir string, p rules.Printing, edit func(l *Ledger) ([]byte, error)) error {
	return output.Update(ctx, dir, func() ([]output.File, error) {
		l, err := Read(ctx, dir, p)
		if err != nil {
			return nil, err
		}
		text, err := edit(l)
		if err != nil || text == nil {
			return nil, err
		}
		files := []output.File{{Name: FileName, Data: text}}
		if _, serr := os.Lstat(filepath.Join(dir, "actions.schema.json")); len(l.data) == 0 && errors.Is(serr, fs.ErrNotExist) {
			files = append(files, output.File{Name: "actions.schema.json", Data: Schema()})
		}
		return files, nil
	})
}
