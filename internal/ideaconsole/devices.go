package ideaconsole

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"sync"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/text"
)

// Bounds per device and per room, kept beside the tokens.
const (
	maxDevices      = 500
	maxIdeasADevice = 40
	// maxRatesADevice is how many ideas and groups one device rates: a
	// room places tens, and 500 devices' rates must stay within what
	// the tokens' file is read up to (maxDevicesFile).
	maxRatesADevice  = 60
	maxDevicesFile   = 4 << 20
	minTokenLength   = 32
	participantsKind = "participant"
)

// registry is the pages' tokens and, per device, what its limits need:
// the order it joined in (which prompt card it is dealt), the ideas it
// sent (a count), the dots it gave, and whether it finished writing. It
// is the only place a device's token meets anything it did, and it is
// never served, journaled or logged.
type registry struct {
	mu   sync.Mutex
	path string
	File registryFile
}

type registryFile struct {
	Facilitator string             `json:"facilitator"`
	Screen      string             `json:"screen"`
	Join        string             `json:"join"`
	Devices     map[string]*device `json:"devices"`
}

type device struct {
	N     int            `json:"n"`
	Ideas int            `json:"ideas"`
	Dots  map[string]int `json:"dots,omitempty"`
	Done  bool           `json:"done,omitempty"`
	// Rates are its impact and likelihood of each idea or group, when the
	// room places: kept here like its dots, never journaled.
	Rates map[string]ideas.Rate `json:"rates,omitempty"`
}

// loadRegistry reads the tokens a premortem was started with, so that a
// restarted server opens the pages and phones already open, or makes new
// ones, readable by the user only.
func loadRegistry(path string) (*registry, error) {
	r := &registry{path: path}
	data, err := input.ReadOwn(context.Background(), path, maxDevicesFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.File = registryFile{Facilitator: console.NewToken(), Screen: console.NewToken(), Join: console.NewToken(), Devices: map[string]*device{}}
		return r, r.save()
	case err != nil:
		return nil, text.Fail("file-error", "file", path, "err", err)
	}
	if err := json.Unmarshal(data, &r.File); err != nil || len(r.File.Facilitator) < minTokenLength || len(r.File.Screen) < minTokenLength || len(r.File.Join) < minTokenLength {
		return nil, text.Fail("file-error", "file", path, "err", errNotRegistry)
	}
	if r.File.Devices == nil {
		r.File.Devices = map[string]*device{}
	}
	return r, nil
}

var errNotRegistry = text.Fail("ideas-not-devices")

// save writes the registry whole or not at all; the caller holds mu, or
// is the only one who knows r.
func (r *registry) save() error {
	data, _ := json.MarshalIndent(r.File, "", "  ")
	return output.WritePrivate(r.path, append(data, '\n'))
}

// join gives a new device its token.
func (r *registry) join() (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.File.Devices) >= maxDevices {
		return "", errTooManyDevices
	}
	tok := console.NewToken()
	r.File.Devices[tok] = &device{N: len(r.File.Devices) + 1}
	if err := r.save(); err != nil {
		delete(r.File.Devices, tok)
		return "", err
	}
	return tok, nil
}

var errTooManyDevices = text.Fail("ideas-too-many-devices", "max", maxDevices)

// who is the page kind a token opens, and the device for a participant.
func (r *registry) who(tok string) (kind string, d *device) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case tok == "":
		return "", nil
	case console.SameToken(tok, r.File.Facilitator):
		return "facilitator", nil
	case console.SameToken(tok, r.File.Screen):
		return "screen", nil
	case console.SameToken(tok, r.File.Join):
		return "join", nil
	}
	if d := r.File.Devices[tok]; d != nil {
		return participantsKind, d
	}
	return "", nil
}

// count is how many devices joined and how many of them still write.
func (r *registry) count() ideas.Count {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := ideas.Count{Devices: len(r.File.Devices)}
	for _, d := range r.File.Devices {
		if !d.Done {
			c.Writing++
		}
	}
	return c
}

// raters is how many devices have rated.
func (r *registry) raters() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, d := range r.File.Devices {
		if len(d.Rates) > 0 {
			n++
		}
	}
	return n
}

// rates are the rates of each device that rated, copied, in no order
// that names a device.
func (r *registry) rates() []map[string]ideas.Rate {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []map[string]ideas.Rate
	for _, d := range r.File.Devices {
		if len(d.Rates) > 0 {
			out = append(out, maps.Clone(d.Rates))
		}
	}
	return out
}

// me is what a device's own page learns of itself.
type me struct {
	Card     int                   `json:"card"` // index into the dealt cards, -1 for none
	DotsLeft int                   `json:"dotsLeft"`
	Done     bool                  `json:"done"`
	Rates    map[string]ideas.Rate `json:"rates,omitempty"`
}

func (r *registry) me(d *device, dots, cards int) me {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := me{Card: -1, DotsLeft: dots - d.dotsUsed(), Done: d.Done, Rates: maps.Clone(d.Rates)}
	if cards > 0 {
		m.Card = (d.N - 1) % cards
	}
	return m
}

// change applies f to a device under the lock and keeps it; f says
// whether there is anything to keep. On a failed save the change is
// undone by undo.
func (r *registry) change(d *device, f func(*device) error, undo func(*device)) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := f(d); err != nil {
		return err
	}
	if err := r.save(); err != nil {
		undo(d)
		return err
	}
	return nil
}

// dotsUsed is how many dots the device has placed; the caller holds r.mu.
func (d *device) dotsUsed() int {
	used := 0
	for _, n := range d.Dots {
		used += n
	}
	return used
}
