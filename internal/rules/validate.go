package rules

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/complications"
	"github.com/propdeck/propdeck/internal/suggest"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"
	"github.com/propdeck/propdeck/internal/vocab"
	"github.com/propdeck/propdeck/internal/written"
)

// MaxQRVersion bounds runbook QR codes: version 10 is 57 modules wide, about
// 0.35 mm a module at the 22 mm propdeck prints, which phone cameras still read.
const MaxQRVersion = 10

type validator struct {
	*tomlfile.Decoder
	s   *written.Scenario
	src Source
	ctx context.Context
	// printing is what the decks print: the rule for characters and QR
	// codes.
	printing Printing
	// budget is what the scenario has read, includes and data files
	// together.
	budget budget
	// relative runbooks, and their paths, that need scenario.runbooks,
	// which is not set.
	relative   []errNoBase
	relativeAt []string
	// catalogOnly checks a catalog on its own: no role is needed.
	catalogOnly bool
	// relativeOK accepts relative runbooks without a base: a catalog
	// checked on its own gets its base from the scenarios that include it.
	relativeOK bool
	// filtered are the catalog entries roles_only or systems_only left
	// out ("systems:orders-db" to "systems_only").
	filtered map[string]string
	// seen is told of every file on disk the scenario reads (LoadSeen).
	seen func(string)
}

// readData reads one of the scenario's data files against its budget,
// which a file read again (by another clue, under another name) does not
// take twice: the limits promise once.
func (v *validator) readData(name string) ([]byte, error) {
	if dir, ok := v.src.(DirSource); ok && v.seen != nil {
		v.seen(filepath.Join(string(dir), filepath.FromSlash(name)))
	}
	data, err := v.src.ReadFile(name)
	if err == nil {
		err = v.budget.takeFile(dataKey(v.src, name), len(data))
	}
	if err != nil {
		return nil, err
	}
	return data, nil
}

// IDPattern is the one rule for every id, because ids name files
// (ID-clues.pdf, ID-packet-ROLE.pdf): lower-case letters, digits and
// dashes, starting with a letter or digit, at most 63 characters.
var IDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// checkID explains an id that breaks IDPattern, suggesting one that does not.
func (v *validator) checkID(path string, what text.Message, id string) bool {
	if IDPattern.MatchString(id) {
		return true
	}
	key := "id-bad-chars"
	if len(id) > 63 {
		key = "id-too-long"
	}
	var hint text.Message
	if strings.IndexFunc(id, func(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }) >= 0 {
		hint = text.M("hint-eg", "id", slug(id))
	}
	v.Errorf(path, key, "what", what, "id", id, "hint", hint)
	return false
}

// kindNoun is what a message calls a kind of entry: "role", "system".
func kindNoun(kind string) text.Message { return tomlfile.EntryNoun(kind + "s") }

// rule is one check of a scenario file. Rules run in the list's order; a
// rule reads what the rules it needs resolved (a clue's recipients need
// the roles' ids), so that running a rule alone means running its needs
// first. Each is small and has its own test.
type rule struct {
	name  string
	needs []string
	doc   string
	run   func(*validator)
}

// rules are every check of a scenario, in the order they run.
var rules = []rule{
	{"format", nil, "format is 1", (*validator).format},
	{"meta", nil, "the [scenario] table: id, language, duration, start, runbooks base", (*validator).meta},
	{"print", nil, "the [print] table's paper, duplex and log theme", (*validator).print},
	{"roles", nil, "at least one role; unique ids; runbooks", (*validator).roles},
	{"systems", nil, "unique ids; depends_on names systems; runbooks", (*validator).systems},
	{"library", nil, "the scenario's difficulty, tags and sources", (*validator).library},
	{"rounds", []string{"meta"}, "round times, in order, within a week", (*validator).rounds},
	{"clues", []string{"meta", "roles", "systems", "rounds"}, "ids, kinds, times, recipients, systems, conditions, replacements, log and metric snapshots", (*validator).clues},
	{"levels", []string{"rounds", "clues"}, "only names difficulties; a contingency is played wherever the clue it replaces is", (*validator).levels},
	{"story-clock", []string{"rounds", "clues"}, "each round's clock never runs the story backwards", (*validator).storyClock},
	{"polls", []string{"rounds"}, "each round's prepared polls: unique ids, 2 to 10 different options, an expected answer among them", (*validator).polls},
	{"worksheets", nil, "worksheets.copies between 1 and 100", (*validator).worksheets},
	{"complications", []string{"roles"}, "known sets and picks; the scenario's own cards", (*validator).complications},
	{"runbook-base", []string{"roles", "systems", "clues"}, "relative runbooks need scenario.runbooks, said once", (*validator).missingBase},
	{"text", nil, "no control characters, only characters the fonts print", (*validator).allText},
	{"log-files", []string{"clues"}, "the lines of imported log excerpts print", (*validator).logLines},
	{"spoilers", []string{"meta", "clues"}, "the title and briefing name no sealed clue's words", (*validator).spoilers},
}

func (v *validator) validate() {
	for _, r := range rules {
		r.run(v)
	}
}

// format checks the format version.
func (v *validator) format() {
	if v.s.Format != 1 && v.has("format") {
		v.Errorf("format", "format-unsupported", "format", v.s.Format, "kind", text.Message{})
	}
}

// allText checks every string of the scenario.
func (v *validator) allText() { v.text("", reflect.ValueOf(v.s).Elem(), text.Message{}) }

// missingBase reports every relative runbook of a scenario without
// scenario.runbooks as one error, at the first of them.
func (v *validator) missingBase() {
	if len(v.relative) == 0 || v.relativeOK {
		return
	}
	first := v.relativeAt[0]
	if len(v.relative) == 1 {
		owner, _ := v.Owner(first)
		v.Errorf(first, "at-name", "name", owner, "err", v.relative[0].message())
		return
	}
	var places []text.Message
	for i, p := range v.relativeAt {
		owner, _ := v.Owner(p)
		if i > 0 {
			places = append(places, text.M("as-written", "text", ", "))
		}
		places = append(places, text.M("entry-at-line", "entry", owner, "n", v.At(p).Line))
	}
	v.Errorf(first, "runbooks-relative", "n", len(v.relative), "places", places)
}

// routed2 is the file that holds path.
func (v *validator) routed2(path string) string {
	d, _ := v.Routed(path)
	return d.File
}

// has reports whether the file sets path. It asks the decoded tree, never
// the key locator: the locator only finds positions for messages, and a key
// written with escapes ("cop\u0069es") or after a byte-order mark is still
// that key.
func (v *validator) has(path string) bool {
	d, path := v.Routed(path)
	var cur any = d.Tree
	for _, part := range strings.Split(path, ".") {
		switch x := cur.(type) {
		case map[string]any:
			e, ok := x[part]
			if !ok {
				return false
			}
			cur = e
		case []map[string]any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return false
			}
			cur = x[i]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return false
			}
			cur = x[i]
		default:
			return false
		}
	}
	return true
}

func (v *validator) enum(path, value string, allowed ...string) {
	if value == "" {
		return
	}
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	sg := suggest.Closest(value, allowed)
	if alias, ok := aliases[strings.ToLower(strings.TrimSpace(value))]; ok && slices.Contains(allowed, alias) {
		sg = alias
	}
	var hint text.Message
	if sg != "" {
		hint = text.M("hint-did-you-mean", "name", sg)
	}
	v.Errorf(path, "not-one-of", "name", v.Name(path), "value", value, "allowed", strings.Join(quoteAll(allowed), ", "), "hint", hint)
}

// aliases are words people write for a value of a list: other English
// forms, and the Korean the record template itself offers beside each
// value. They are suggested, not accepted, so that a file has one spelling.
var aliases = map[string]string{
	"partial": "partly", "partially": "partly", "done": "met", "yes": "met", "no": "not-met",
	"not met": "not-met", "missed": "not-met", "na": "n/a", "none": "n/a",
	"달성": "met", "부분": "partly", "부분 달성": "partly", "미달성": "not-met", "해당 없음": "n/a",
	"런북": "runbook", "알림": "alert", "경보": "alert", "대시보드": "dashboard", "교육": "training",
	"훈련": "training", "절차": "process", "프로세스": "process", "기타": "other",
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func (v *validator) offset(path, value string, dst *time.Duration) bool {
	if value == "" && !v.has(path) {
		return false
	}
	d, err := written.ParseOffsetValue(value)
	if err != nil && written.IsClock(value) {
		var note text.Message
		if d, note, err = v.clock(value); note.Key != "" {
			v.warnf(path, "at-name", "name", v.Name(path), "err", note)
		}
	}
	if err != nil {
		if clock, ok := spokenClock(value); ok {
			err = text.Fail("spoken-clock", "err", err, "clock", clock)
		}
		v.Errorf(path, "at-name", "name", v.Name(path), "err", err)
		return false
	}
	*dst = d
	return true
}

var (
	koreanClock  = regexp.MustCompile(`^\s*(오전|오후)?\s*(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분)?\s*$`)
	englishClock = regexp.MustCompile(`(?i)^\s*(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?\s*$`)
)

// spokenClock reads a time of day as people say it ("오후 3시 40분",
// "3:40 pm") as the HH:MM a scenario writes.
func spokenClock(s string) (string, bool) {
	var h, m int
	var pm, am bool
	if k := koreanClock.FindStringSubmatch(s); k != nil {
		h, _ = strconv.Atoi(k[2])
		m, _ = strconv.Atoi(k[3])
		pm, am = k[1] == "오후", k[1] == "오전"
	} else if e := englishClock.FindStringSubmatch(s); e != nil {
		h, _ = strconv.Atoi(e[1])
		m, _ = strconv.Atoi(e[2])
		pm, am = strings.EqualFold(e[3], "p"), strings.EqualFold(e[3], "a")
	} else {
		return "", false
	}
	switch {
	case pm && h < 12:
		h += 12
	case am && h == 12:
		h = 0
	}
	if h > 23 || m > 59 {
		return "", false
	}
	return fmt.Sprintf("%02d:%02d", h, m), true
}

// clock reads a wall-clock time on the day of scenario.start as an offset.
func (v *validator) clock(value string) (time.Duration, text.Message, error) {
	m := &v.s.Scenario
	if m.Start == "" || m.StartTime.IsZero() {
		return 0, text.Message{}, text.Fail("clock-no-start", "value", value)
	}
	return written.ClockOffset(m.StartTime, value)
}

// warnf records a warning at path: it does not stop a build, and is
// printed at its line.
func (v *validator) warnf(path, key string, nameValues ...any) {
	rd, rp := v.Routed(path)
	v.s.Notes = append(v.s.Notes, tomlfile.Error{File: rd.File, Pos: rd.At(rp), Text: text.M(key, nameValues...)})
}

func (v *validator) duration(path, value string, dst *time.Duration) bool {
	if value == "" && !v.has(path) {
		return false
	}
	d, err := written.ParseDuration(value)
	if err != nil {
		v.Errorf(path, "at-name", "name", v.Name(path), "err", err)
		return false
	}
	*dst = d
	return true
}

func (v *validator) meta() {
	m := &v.s.Scenario
	if m.ID != "" {
		v.checkID("scenario.id", text.M("as-written", "text", "scenario.id"), m.ID)
	}
	v.enum("scenario.language", m.Language, vocab.Language.Values...)
	if m.Language == "" {
		m.Language = "en"
	}
	v.duration("scenario.duration", m.Duration, &m.DurationValue)
	if v.has("scenario.pace") && !(m.Pace >= 1 && m.Pace <= 1440) { // NaN fails both
		v.Errorf("scenario.pace", "pace-range", "pace", m.Pace)
	}
	m.StartTime = written.DefaultStart
	if m.Start != "" {
		t, err := time.Parse(time.RFC3339, m.Start)
		if err != nil {
			v.Errorf("scenario.start", "start-not-rfc3339", "start", m.Start)
		} else {
			// A zone of its own offset only: time.Parse would take the
			// machine's zone (and its name) when the offsets agree, and the
			// decks would differ with TZ.
			_, off := t.Zone()
			m.StartTime = t.In(time.FixedZone("", off))
		}
	}
	if m.Runbooks != "" {
		u, err := url.Parse(m.Runbooks)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			v.Errorf("scenario.runbooks", "runbooks-not-url", "url", m.Runbooks)
		}
	}
}

func slug(s string) string { return SafeID(s, "my-scenario") }

// SafeID makes any name an id that follows IDPattern: lower-case ASCII
// letters and digits, other runs of characters as one dash, at most 63
// characters; fallback when nothing is left.
func SafeID(s, fallback string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 63 {
		out = strings.TrimRight(out[:63], "-")
	}
	if out == "" {
		return fallback
	}
	return out
}

func (v *validator) print() {
	p := &v.s.Print
	v.enum("print.paper", p.Paper, vocab.Paper.Values...)
	v.enum("print.duplex", p.Duplex, vocab.Duplex.Values...)
	v.enum("print.log_theme", p.LogTheme, vocab.Theme.Values...)
}

// uniqueID reports an empty or repeated id.
func (v *validator) uniqueID(kind, path, id string, seen map[string]string) {
	if id == "" {
		return // reported by the decoder as missing or empty
	}
	if first, dup := seen[id]; dup {
		where := text.M("line", "n", v.At(first).Line)
		if fd, _ := v.Routed(first); fd.File != v.routed2(path+".id") {
			where = text.M("file-line", "file", fd.File, "n", v.At(first).Line)
		}
		v.Errorf(path+".id", "duplicate-id", "kind", kindNoun(kind), "id", id, "where", where)
		return
	}
	seen[id] = path + ".id"
	v.checkID(path+".id", text.M("id-of", "kind", kindNoun(kind)), id)
}

// runbook resolves a runbook link against the base, or explains why it cannot.
func runbook(base, link string) (string, error) {
	link = strings.TrimSpace(link)
	if link == "" {
		return "", nil
	}
	if i := strings.IndexFunc(link, invisibleInURL); i >= 0 {
		r, _ := utf8.DecodeRuneInString(link[i:])
		return "", text.Fail("runbook-invisible", "link", link, "rune", r, "byte", i+1)
	}
	if i := strings.Index(link, ":"); i > 0 && !strings.ContainsAny(link[:i], "/?#") {
		u, err := url.Parse(link)
		if err != nil {
			return "", text.Fail("runbook-not-url", "link", link, "err", err)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			return "", text.Fail("runbook-scheme", "link", link, "scheme", u.Scheme)
		}
		if u.Host == "" {
			return "", text.Fail("runbook-no-host", "link", link)
		}
		return link, nil
	}
	if base == "" {
		return "", errNoBase{link}
	}
	return strings.TrimRight(base, "/") + "/" + strings.TrimLeft(link, "/"), nil
}

// invisibleInURL reports a rune that has no place in a link a person
// copied: white space, control and format characters, and the Hangul
// fillers that render as nothing.
func invisibleInURL(r rune) bool {
	switch r {
	case '\u115f', '\u1160', '\u3164', '\uffa0':
		return true
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || !unicode.IsPrint(r)
}

// errNoBase is a relative runbook link in a scenario without a base URL.
type errNoBase struct{ link string }

func (e errNoBase) Error() string {
	return e.message().String()
}

// message is the error's words, to say in the scenario's language.
func (e errNoBase) message() text.Message { return text.M("runbook-relative", "link", e.link) }

// runbook resolves a link against base: an included catalog's own runbooks,
// or scenario.runbooks when base is "".
func (v *validator) runbook(path, base, link string, dst *string) {
	if base == "" {
		base = v.s.Scenario.Runbooks
	}
	u, err := runbook(base, link)
	var nb errNoBase
	if errors.As(err, &nb) {
		// One missing base is one mistake, however many links need it.
		v.relative = append(v.relative, nb)
		v.relativeAt = append(v.relativeAt, path)
		return
	}
	if err != nil {
		v.Errorf(path, "as-error", "err", err)
		return
	}
	if u == "" {
		return
	}
	if !v.prints().FitsQR(u) {
		v.Errorf(path, "runbook-too-long", "n", len(u))
		return
	}
	*dst = u
}

func (v *validator) roles() {
	s := v.s
	if len(s.Roles) == 0 && !v.catalogOnly {
		where := "scenario"
		if v.has("roles") {
			where = "roles"
		}
		v.Errorf(where, "no-roles")
	}
	seen := map[string]string{}
	for i := range s.Roles {
		r := &s.Roles[i]
		p := "roles." + strconv.Itoa(i)
		v.uniqueID("role", p, r.ID, seen)
		v.runbook(p+".runbook", r.Base, r.Runbook, &r.RunbookURL)
	}
}

func (v *validator) systems() {
	s := v.s
	seen := map[string]string{}
	for i := range s.Systems {
		p := "systems." + strconv.Itoa(i)
		v.uniqueID("system", p, s.Systems[i].ID, seen)
	}
	var ids []string
	for _, sys := range s.Systems {
		ids = appendUnique(ids, sys.ID)
	}
	for i := range s.Systems {
		sys := &s.Systems[i]
		p := "systems." + strconv.Itoa(i)
		for j, dep := range sys.DependsOn {
			if _, ok := seen[dep]; !ok {
				v.unknownRef(p+".depends_on."+strconv.Itoa(j), "system", dep, ids)
			} else if dep == sys.ID {
				v.Errorf(p+".depends_on."+strconv.Itoa(j), "depends-on-itself", "id", dep)
			}
		}
		v.runbook(p+".runbook", sys.Base, sys.Runbook, &sys.RunbookURL)
	}
}

func (v *validator) unknownRef(path, kind, id string, known []string) {
	owner, _ := v.Owner(path)
	if key, ok := v.filtered[kind+"s:"+id]; ok {
		v.Errorf(path, "left-out-of-catalog", "entry", owner, "kind", kindNoun(kind), "id", id, "key", key)
		return
	}
	var hint text.Message
	if byName := v.idByName(kind, id); byName != "" {
		hint = text.M("hint-by-name", "id", byName, "name", id, "kind", kindNoun(kind))
	} else if sg := suggest.Closest(id, known); sg != "" {
		hint = text.M("hint-did-you-mean", "name", sg)
	} else if len(known) > 0 {
		hint = text.M("hint-known", "names", strings.Join(known, ", "))
	}
	v.Errorf(path, "no-such-id", "entry", owner, "kind", kindNoun(kind), "id", id, "hint", hint)
}

// idByName finds the role or system whose name (not id) was written.
func (v *validator) idByName(kind, name string) string {
	name = strings.TrimSpace(name)
	switch kind {
	case "role":
		for _, r := range v.s.Roles {
			if strings.EqualFold(r.Name, name) {
				return r.ID
			}
		}
	case "system":
		for _, sys := range v.s.Systems {
			if strings.EqualFold(sys.Name, name) && sys.ID != name {
				return sys.ID
			}
		}
	}
	return ""
}

func (v *validator) rounds() {
	var roleIDs []string
	roles := map[string]bool{}
	for _, r := range v.s.Roles {
		roleIDs = append(roleIDs, r.ID)
		roles[r.ID] = true
	}
	for i := range v.s.Rounds {
		r := &v.s.Rounds[i]
		p := "rounds." + strconv.Itoa(i)
		v.offset(p+".at", r.At, &r.Offset)
		for j := range r.Expect {
			e := &r.Expect[j]
			ep := p + ".expect." + strconv.Itoa(j)
			if e.Role != "" && !roles[e.Role] {
				v.unknownRef(ep+".role", "role", e.Role, roleIDs)
			}
			e.HasBy = v.offset(ep+".by", e.By, &e.ByOffset)
		}
	}
	// Time order, the positions with it; the story's clock, for the files
	// of samples stamped with it.
	v.Reorder("rounds", written.SortStable(v.s.Rounds, func(a, b *written.Round) bool { return a.Offset < b.Offset }))
	v.s.ResolveStory()
}

// complications checks the chosen sets and the scenario's own cards.
func (v *validator) complications() {
	c := &v.s.Complications
	for i, set := range c.Sets {
		if !slices.Contains(complications.Sets, set) {
			p := "complications.sets." + strconv.Itoa(i)
			var hint text.Message
			if sg := suggest.Closest(set, complications.Sets); sg != "" {
				hint = text.M("hint-did-you-mean", "name", sg)
			}
			v.Errorf(p, "no-such-set", "set", set, "sets", strings.Join(complications.Sets, ", "), "hint", hint)
		}
	}
	seen := map[string]string{}
	ids := complications.IDs()
	for i, id := range c.Pick {
		p := "complications.pick." + strconv.Itoa(i)
		switch card, ok := complications.Find(id, "en"); {
		case !ok:
			var hint text.Message
			if sg := suggest.Closest(id, ids); sg != "" {
				hint = text.M("hint-did-you-mean", "name", sg)
			}
			v.Errorf(p, "no-such-card", "id", id, "hint", hint)
		case slices.ContainsFunc(c.Sets, func(set string) bool { return strings.HasPrefix(card.ID, set+"-") }):
			v.Errorf(p, "picked-from-chosen-set", "id", id, "set", strings.SplitN(id, "-", 2)[0])
		default:
			v.uniqueID("complication", p, id, seen)
		}
	}
	for i := range c.Cards {
		v.uniqueID("complication", "complications.cards."+strconv.Itoa(i), c.Cards[i].ID, seen)
	}
}

func (v *validator) clues() {
	s := v.s
	roles := map[string]bool{}
	var roleIDs []string
	for _, r := range s.Roles {
		if !roles[r.ID] {
			roleIDs = append(roleIDs, r.ID)
		}
		roles[r.ID] = true
	}
	seen := map[string]string{}
	for i := range s.Clues {
		c := &s.Clues[i]
		p := "clues." + strconv.Itoa(i)
		v.uniqueID("clue", p, c.ID, seen)
		v.offset(p+".at", c.At, &c.Offset)
		v.reveal(p, c)
		if c.Kind == "" {
			if c.Log != nil {
				c.Kind = written.KindLog
			} else if c.Metric != nil {
				c.Kind = written.KindMetric
			} else {
				c.Kind = "observation" // the default kind
			}
		}
		v.enum(p+".kind", c.Kind, vocab.Kind.Values...)
		v.props(p, c)
		for j, to := range c.To {
			if !roles[to] {
				v.unknownRef(p+".to."+strconv.Itoa(j), "role", to, roleIDs)
			}
		}
		v.runbook(p+".runbook", "", c.Runbook, &c.RunbookURL)
		switch {
		case c.Kind == written.KindLog && c.Log == nil:
			v.Errorf(p+".kind", "log-without-table", "id", c.ID)
		case c.Kind == written.KindMetric && c.Metric == nil:
			v.Errorf(p+".kind", "metric-without-table", "id", c.ID)
		}
		if c.Log != nil {
			if c.Kind != written.KindLog {
				v.Errorf(p+".log", "log-table-wrong-kind", "id", c.ID, "kind", c.Kind)
			}
			v.log(p+".log", c)
		}
		if c.Metric != nil {
			if c.Kind != written.KindMetric {
				v.Errorf(p+".metric", "metric-table-wrong-kind", "id", c.ID, "kind", c.Kind)
			}
			v.metric(p+".metric", c)
		}
	}
	v.replacements(seen)
	// Reveal order: clues by the session's timeline (the rounds rule,
	// which this one needs, put the rounds in time order); the positions
	// follow, so later messages are still at their lines.
	v.Reorder("clues", s.Order())
	v.noFuture()
}

// noFuture warns of a snapshot whose window ends after its own card is
// handed out: the card would show what has not happened yet.
func (v *validator) noFuture() {
	for i, c := range v.s.Clues {
		if !v.has("clues." + strconv.Itoa(i) + ".at") {
			continue // on request with no time: handed out whenever asked
		}
		p := "clues." + strconv.Itoa(i)
		switch {
		case c.Log != nil && c.Log.ToOffset > c.Offset && v.has(p+".log.to"):
			v.warnf(p+".log.to", "log-shows-future", "id", c.ID, "to", written.FormatOffset(c.Log.ToOffset), "at", written.FormatOffset(c.Offset))
		case c.Metric != nil && c.Metric.ToOffset > c.Offset:
			v.warnf(p+".metric.to", "metric-shows-future", "id", c.ID, "to", written.FormatOffset(c.Metric.ToOffset), "at", written.FormatOffset(c.Offset))
		}
	}
}

// reveal checks how a clue is revealed: a time unless it is on request,
// not both asked for and conditional, and a system that exists.
func (v *validator) reveal(p string, c *written.Clue) {
	owner, _ := v.Owner(p)
	switch {
	case c.Ask != "" && c.When != "":
		v.Errorf(p+".when", "ask-and-when", "entry", owner)
	case c.Ask == "" && !v.has(p+".at"):
		what := text.M("mode-timed")
		if c.When != "" {
			what = text.M("mode-contingent")
		}
		v.Errorf(p, "clue-needs-at", "entry", owner, "mode", what)
	}
	if c.Replaces != "" && c.When == "" {
		v.Errorf(p+".instead_of", "instead-of-needs-when", "entry", owner)
	}
	if c.System != "" {
		var ids []string
		found := false
		for _, sys := range v.s.Systems {
			ids = append(ids, sys.ID)
			found = found || sys.ID == c.System
		}
		if !found {
			v.unknownRef(p+".system", "system", c.System, ids)
		}
	}
}

// props checks what a clue says for the real tools' props: a severity on
// an alert, a status page draft on a status clue and systems that exist.
func (v *validator) props(p string, c *written.Clue) {
	owner, _ := v.Owner(p)
	if c.Severity != "" {
		v.enum(p+".severity", c.Severity, vocab.Severity.Values...)
		if c.Kind != "alert" {
			v.Errorf(p+".severity", "severity-not-alert", "entry", owner, "kind", c.Kind)
		}
	}
	sp := c.StatusPage
	if sp == nil {
		return
	}
	if c.Kind != "status" {
		v.Errorf(p+".status_page", "status-page-not-status", "entry", owner)
	}
	v.enum(p+".status_page.status", sp.Status, vocab.PageStatus.Values...)
	v.enum(p+".status_page.impact", sp.Impact, vocab.Impact.Values...)
	var ids []string
	for _, sys := range v.s.Systems {
		ids = append(ids, sys.ID)
	}
	for j, id := range sp.Components {
		if !slices.Contains(ids, id) {
			v.unknownRef(p+".status_page.components."+strconv.Itoa(j), "system", id, ids)
		}
	}
}

// replacements checks instead_of: it names a timed clue, and no clue is
// replaced twice.
func (v *validator) replacements(seen map[string]string) {
	var ids []string
	byID := map[string]*written.Clue{}
	for i := range v.s.Clues {
		ids = append(ids, v.s.Clues[i].ID)
		byID[v.s.Clues[i].ID] = &v.s.Clues[i]
	}
	replaced := map[string]string{}
	for i := range v.s.Clues {
		c := &v.s.Clues[i]
		if c.Replaces == "" || c.When == "" {
			continue
		}
		p := "clues." + strconv.Itoa(i) + ".instead_of"
		owner, _ := v.Owner(p)
		target, ok := byID[c.Replaces]
		switch {
		case !ok:
			v.unknownRef(p, "clue", c.Replaces, ids)
		case target.When != "" || target.Ask != "":
			v.Errorf(p, "replaces-untimed", "entry", owner, "id", c.Replaces)
		case c.Replaces == c.ID:
			v.Errorf(p, "replaces-itself", "entry", owner)
		case replaced[c.Replaces] != "":
			v.Errorf(p, "replaced-twice", "entry", owner, "id", c.Replaces, "by", replaced[c.Replaces])
		default:
			replaced[c.Replaces] = c.ID
		}
	}
}

func (v *validator) window(path, from, to string, f, t *time.Duration) {
	okF := v.offset(path+".from", from, f)
	okT := v.offset(path+".to", to, t)
	owner, rest := v.Owner(path)
	switch {
	case okF && okT && *f >= *t:
		v.Errorf(path+".from", "window-order", "entry", owner, "key", rest, "from", from, "to", to)
	case okF && okT && *t-*f > written.MaxWindow:
		v.Errorf(path+".from", "window-too-long", "entry", owner, "key", rest, "from", from, "to", to, "span", written.FormatDuration(*t-*f), "max", written.FormatDuration(written.MaxWindow))
	}
}

func (v *validator) log(p string, c *written.Clue) {
	l := c.Log
	if l.Format == "" {
		l.Format = "plain"
	}
	v.enum(p+".format", l.Format, logFormats...)
	if l.From == "" && l.To == "" {
		l.FromOffset, l.ToOffset = c.Offset-10*time.Minute, c.Offset
	} else {
		v.window(p, l.From, l.To, &l.FromOffset, &l.ToOffset)
	}
	var prev time.Duration
	for i := range l.Lines {
		ln := &l.Lines[i]
		lp := p + ".lines." + strconv.Itoa(i)
		if ln.Level == "" {
			ln.Level = "info"
		}
		v.enum(lp+".level", ln.Level, levels...)
		if v.offset(lp+".at", ln.At, &ln.Offset) {
			if i > 0 && ln.Offset < prev {
				v.Errorf(lp+".at", "log-lines-order", "at", ln.At, "before", l.Lines[i-1].At)
			}
			prev = ln.Offset
		}
	}
	if l.File != "" {
		data, err := v.readData(l.File)
		if err != nil {
			v.Errorf(p+".file", "log-file", "err", err)
		} else if lines, bad := splitLines(data); bad > 0 {
			v.Errorf(p+".file", "log-file-not-utf8", "file", l.File, "line", bad)
		} else if len(lines) > maxExcerptLines {
			v.Errorf(p+".file", "log-file-too-long", "name", v.Name(p), "file", l.File, "n", len(lines), "max", maxExcerptLines)
		} else {
			l.FileLines = lines
		}
	}
	if l.Generate != nil {
		v.generate(p+".generate", l)
	}
	if len(l.Lines) == 0 && l.File == "" && (l.Generate == nil || l.Generate.Count == 0) {
		v.Errorf(p, "log-no-lines", "id", c.ID)
	}
}

// generate checks a log's generated lines: count, level weights, and
// messages to draw from, phase by phase.
func (v *validator) generate(gp string, l *written.Log) {
	g := l.Generate
	if g.Count < 0 || g.Count > 10000 {
		v.Errorf(gp+".count", "generate-count", "n", g.Count)
	}
	total := 0.0
	for _, name := range sortedFloatKeys(g.Levels) {
		w := g.Levels[name]
		v.enum(gp+".levels."+name, name, levels...)
		if w < 0 {
			v.Errorf(gp+".levels."+name, "level-weight-negative", "level", name, "weight", w)
		}
		total += w
	}
	if len(g.Levels) > 0 && total <= 0 {
		v.Errorf(gp+".levels", "levels-no-weight")
	}
	if g.Count > 0 && g.Messages.Len() == 0 && !v.has(gp+".messages") {
		v.Errorf(gp, "count-needs-messages", "name", v.Name(gp), "n", g.Count)
	}
	v.messages(gp, g)
	v.phases(gp, g, l)
}

var (
	numberSlot = regexp.MustCompile(`\{n(?::([^}]*))?\}`)
	seqSlot    = regexp.MustCompile(`\{seq(?::\d{1,9})?\}`)
	seqBad     = regexp.MustCompile(`\{seq:(?:[^}]*[^0-9}][^}]*|)\}`)
)

// numberRange reads the range of a {n:A-B} slot.
func numberRange(spec string) (lo, hi int, ok bool) {
	a, b, found := strings.Cut(spec, "-")
	lo, errA := strconv.Atoi(strings.TrimSpace(a))
	hi, errB := strconv.Atoi(strings.TrimSpace(b))
	if !found || errA != nil || errB != nil || lo < 0 || lo > hi || hi > 999_999_999 {
		return 0, 0, false
	}
	return lo, hi, true
}

// phases checks the later message lists: each after a time inside the
// window, in order, with messages of its own.
func (v *validator) phases(gp string, g *written.LogGenerate, l *written.Log) {
	var prev time.Duration
	for i := range g.Phases {
		ph := &g.Phases[i]
		pp := gp + ".phases." + strconv.Itoa(i)
		if !v.offset(pp+".after", ph.After, &ph.AfterOffset) {
			continue
		}
		switch {
		case ph.AfterOffset < l.FromOffset || ph.AfterOffset > l.ToOffset:
			v.Errorf(pp+".after", "phase-outside-window", "name", v.Name(pp), "after", ph.After, "from", written.FormatOffset(l.FromOffset), "to", written.FormatOffset(l.ToOffset))
		case i > 0 && ph.AfterOffset <= prev:
			v.Errorf(pp+".after", "phases-order", "name", v.Name(pp), "at", ph.After, "before", g.Phases[i-1].After)
		}
		prev = ph.AfterOffset
		levels := ph.Levels
		if levels == nil {
			levels = g.Levels
		}
		v.messages(pp, &written.LogGenerate{Count: g.Count, Levels: levels, Messages: ph.Messages})
		if ph.Messages.Len() == 0 {
			v.Errorf(pp, "phase-needs-messages", "name", v.Name(pp))
		}
	}
}

// messages checks generated-line messages: levels that exist, a list for
// every level that has weight, and {n:A-B} slots that can be filled.
func (v *validator) messages(gp string, g *written.LogGenerate) {
	mp := gp + ".messages"
	check := func(path string, list []string) {
		for i, msg := range list {
			if strings.Contains(msg, "{seq") && !seqSlot.MatchString(msg) || seqBad.MatchString(msg) {
				v.Errorf(path+"."+strconv.Itoa(i), "counter-form", "name", v.Name(path))
			}
			for _, m := range numberSlot.FindAllStringSubmatch(msg, -1) {
				if m[1] == "" && !strings.Contains(m[0], ":") {
					continue
				}
				if _, _, ok := numberRange(m[1]); !ok {
					v.Errorf(path+"."+strconv.Itoa(i), "number-slot-form", "name", v.Name(path), "slot", m[0])
				}
			}
		}
	}
	check(mp, g.Messages.Any)
	for _, lvl := range sortedListKeys(g.Messages.ByLevel) {
		v.enum(mp+"."+lvl, lvl, levels...)
		check(mp+"."+lvl, g.Messages.ByLevel[lvl])
	}
	if g.Messages.ByLevel != nil && g.Count > 0 {
		for _, lvl := range sortedFloatKeys(g.Levels) {
			if g.Levels[lvl] > 0 && len(g.Messages.ByLevel[lvl]) == 0 {
				v.Errorf(mp, "level-without-messages", "name", v.Name(gp), "level", lvl, "weight", g.Levels[lvl])
			}
		}
	}
}

func sortedListKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedFloatKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func splitLines(data []byte) ([]string, int) {
	// A byte-order mark is how some editors start a UTF-8 file, not text.
	text := strings.TrimPrefix(string(data), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return nil, 0
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if !utf8Valid(l) {
			return nil, i + 1
		}
	}
	return lines, 0
}

// maxValue bounds metric values: beyond it a chart's axis arithmetic
// overflows, and no dashboard shows such numbers anyway.
const maxValue = 1e12

func (v *validator) value(path string, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > maxValue {
		v.Errorf(path, "metric-value-range", "name", v.Name(path), "value", x)
	}
}

func (v *validator) metric(p string, c *written.Clue) {
	m := c.Metric
	for _, k := range []struct {
		key string
		x   *float64
	}{{"threshold", m.Threshold}, {"y_min", m.YMin}, {"y_max", m.YMax}} {
		if k.x != nil {
			v.value(p+"."+k.key, *k.x)
		}
	}
	if m.YMin != nil && m.YMax != nil && *m.YMin >= *m.YMax {
		v.Errorf(p+".y_max", "y-max-below-min", "name", v.Name(p+".y_max"), "max", *m.YMax, "min", *m.YMin)
	}
	v.window(p, m.From, m.To, &m.FromOffset, &m.ToOffset)
	m.StepValue = 30 * time.Second
	if v.duration(p+".step", m.Step, &m.StepValue) && m.StepValue <= 0 {
		v.Errorf(p+".step", "step-zero")
		m.StepValue = 30 * time.Second
	}
	if m.StepValue > 0 && m.ToOffset > m.FromOffset && (m.ToOffset-m.FromOffset)/m.StepValue > written.MaxSamples {
		v.Errorf(p+".step", "step-too-many", "name", v.Name(p), "step", m.Step, "max", written.MaxSamples)
	}
	for i := range m.Annotations {
		a := &m.Annotations[i]
		v.offset(p+".annotations."+strconv.Itoa(i)+".at", a.At, &a.Offset)
	}
	if len(m.Series) == 0 && v.has(p+".series") {
		v.Errorf(p+".series", "metric-no-series", "id", c.ID)
	}
	for i := range m.Series {
		v.series(p+".series."+strconv.Itoa(i), &m.Series[i])
	}
}

// series checks one series of a metric: one source of samples, noise, the
// changes of a baseline, and points or a file read into samples.
func (v *validator) series(sp string, sr *written.Series) {
	sources := 0
	for _, set := range []bool{sr.Baseline != nil, len(sr.Points) > 0, sr.File != ""} {
		if set {
			sources++
		}
	}
	if sources != 1 {
		v.Errorf(sp, "series-sources", "series", sr.Name, "n", sources)
	}
	if sr.Baseline != nil {
		v.value(sp+".baseline", *sr.Baseline)
	}
	if sr.Noise < 0 || sr.Noise > 1 {
		v.Errorf(sp+".noise", "noise-range", "noise", sr.Noise)
	}
	for j := range sr.Changes {
		ch := &sr.Changes[j]
		cp := sp + ".changes." + strconv.Itoa(j)
		v.offset(cp+".at", ch.At, &ch.Offset)
		v.duration(cp+".over", ch.Over, &ch.OverValue)
		v.value(cp+".to", ch.To)
	}
	if len(sr.Changes) > 0 && sr.Baseline == nil {
		v.Errorf(sp+".changes", "changes-need-baseline", "series", sr.Name)
	}
	for j, pt := range sr.Points {
		var d time.Duration
		v.value(sp+".points."+strconv.Itoa(j), pt.Value)
		if v.offset(sp+".points."+strconv.Itoa(j), pt.At, &d) {
			sr.Samples = append(sr.Samples, written.Sample{Offset: d, Value: pt.Value})
		}
	}
	if sr.File != "" {
		v.seriesFile(sp, sr)
	}
	sort.SliceStable(sr.Samples, func(a, b int) bool { return sr.Samples[a].Offset < sr.Samples[b].Offset })
}

// seriesFile reads a series' samples from its file.
func (v *validator) seriesFile(sp string, sr *written.Series) {
	data, err := v.readData(sr.File)
	if err != nil {
		v.Errorf(sp+".file", "metric-file", "err", err)
		return
	}
	samples, err := parseSeriesFile(sr.File, data, v.s.Scenario.StartTime)
	if err != nil {
		v.Errorf(sp+".file", "as-error", "err", err)
		return
	}
	for i := range samples {
		// An export is stamped with the story's clock: back to the
		// session's offsets, where a round moved that clock on.
		samples[i].Offset = v.s.SessionAt(samples[i].Offset)
	}
	for _, smp := range samples {
		if math.Abs(smp.Value) > maxValue {
			v.Errorf(sp+".file", "metric-file-value-range", "file", sr.File, "value", smp.Value)
			break
		}
	}
	sr.Samples = samples
}

func (v *validator) worksheets() {
	w := &v.s.Worksheets
	if v.has("worksheets.copies") && (w.Copies < 1 || w.Copies > 100) {
		v.Errorf("worksheets.copies", "copies-range", "n", w.Copies)
	}
	if w.Copies < 1 {
		w.Copies = 1
	}
}

// text checks every string the tool will print against the fonts, naming
// the id of the role, system or clue it belongs to.
func (v *validator) text(path string, rv reflect.Value, owner text.Message) {
	switch rv.Kind() {
	case reflect.Pointer:
		if !rv.IsNil() {
			v.text(path, rv.Elem(), owner)
		}
	case reflect.Struct:
		switch rv.Type() {
		case written.PointType:
			v.checkString(path, rv.Field(0).String(), owner)
			return
		case written.MessagesType:
			m := rv.Interface().(written.Messages)
			v.text(path, reflect.ValueOf(m.Any), owner)
			v.text(path, reflect.ValueOf(m.ByLevel), owner)
			return
		}
		t := rv.Type()
		if f, ok := t.FieldByName("ID"); ok && path != "" && f.Type.Kind() == reflect.String {
			if id := rv.FieldByName("ID").String(); id != "" && strings.Count(path, ".") == 1 {
				owner = text.M("entry", "noun", tomlfile.EntryNoun(strings.SplitN(path, ".", 2)[0]), "id", id)
			}
		}
		for i := 0; i < t.NumField(); i++ {
			name := tomlfile.FieldName(t.Field(i))
			if name == "" || name == "-" {
				continue
			}
			v.text(tomlfile.Join(path, name), rv.Field(i), owner)
		}
	case reflect.Slice:
		for i := 0; i < rv.Len(); i++ {
			v.text(path+"."+strconv.Itoa(i), rv.Index(i), owner)
		}
	case reflect.Map:
		keys := rv.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			v.checkString(path+"."+k.String(), k.String(), owner)
			v.text(path+"."+k.String(), rv.MapIndex(k), owner)
		}
	case reflect.String:
		v.checkString(path, rv.String(), owner)
	}
}

// logLines checks the lines read from log excerpt files as text() checks
// the scenario's own strings.
func (v *validator) logLines() {
	for i, c := range v.s.Clues {
		if c.Log != nil {
			for j, l := range c.Log.FileLines {
				v.checkString(fmt.Sprintf("clues.%d.log.file", i), l, text.M("entry-file-line", "entry", text.M("entry", "noun", text.M("noun-clues"), "id", c.ID), "file", c.Log.File, "n", j+1))
			}
		}
	}
}

func (v *validator) checkString(path, s string, owner text.Message) {
	for _, r := range s {
		bad := badRune(v.prints(), r)
		if bad.Key == "" {
			continue
		}
		who := text.M("as-written", "text", tomlfile.Display(v.AsWritten(path)))
		if owner.Key != "" {
			if parts := strings.SplitN(path, ".", 3); len(parts) == 3 {
				who = text.M("entry-space-key", "entry", owner, "key", tomlfile.Display(parts[2]))
			} else {
				who = owner
			}
		}
		v.Errorf(path, "bad-rune", "who", who, "bad", bad, "rune", r, "printable", printable(r))
		return
	}
}

// badRune says what is wrong with a rune propdeck would print: a control
// character, or one the fonts cannot print; "" when it is fine.
func badRune(p Printing, r rune) text.Message {
	switch {
	case r == '\n' || r == '\t':
		return text.Message{}
	case unicode.IsControl(r):
		return text.M("rune-control")
	case bidiControl(r):
		return text.M("rune-bidi")
	case !p.Prints(r):
		return text.M("rune-unprintable")
	}
	return text.Message{}
}

// bidiControl reports a rune that reorders the text after it (an
// embedding, override or isolate): one left open turns the rest of a
// report's line, or a record's, around, so that it reads as it does not
// say.
func bidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// CheckText holds text from outside (an import's rows) to the rule every
// scenario string obeys, with what p prints (nil: what every PDF can
// embed): nil, or an error that reads after the text's name.
func CheckText(s string, p Printing) error {
	p = OrEmbeddable(p)
	for _, r := range s {
		if bad := badRune(p, r); bad.Key != "" {
			return text.Fail("has-bad-rune", "bad", bad, "rune", r, "printable", printable(r))
		}
	}
	return nil
}

// prints is what the scenario was read with, what every PDF can embed
// for one made in Go.
func (v *validator) prints() Printing { return OrEmbeddable(v.printing) }

func printable(r rune) string {
	if unicode.IsPrint(r) {
		return strconv.QuoteRune(r)
	}
	return ""
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Log levels, mildest first.
var levels = vocab.Level.Values

// logFormats are the ways a log snapshot prints its lines.
var logFormats = vocab.LogFormat.Values
