// Package links checks that every runbook link of a scenario still opens:
// runbooks drift from reality, and a QR code to a dead page is worse than
// none.
package links

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// Link is one resolved runbook URL and the cards that print it.
type Link struct {
	URL    string
	UsedBy []Use
}

// Use is a card that prints a link: a role's, a system's or a clue's, by
// its id, in File when several files are checked together.
type Use struct {
	File, ID string
	Kind     text.Message // the kind of card, as a word of the reader's language
}

// Message is the use as the table says it: "role ic", or
// "drills/a.toml: role ic".
func (u Use) Message() text.Message {
	m := text.M("links-use", "kind", u.Kind, "id", u.ID)
	if u.File != "" {
		m = text.M("file-error", "file", u.File, "err", m)
	}
	return m
}

// Collect gathers the scenario's runbook links, each once, sorted by URL.
func Collect(s *scenarios.Session) []Link {
	by := map[string][]Use{}
	add := func(url string, kind text.Message, id string) {
		if url != "" {
			by[url] = append(by[url], Use{Kind: kind, ID: id})
		}
	}
	for _, r := range s.Roles() {
		add(r.RunbookURL, text.M("links-role"), r.ID)
	}
	for _, x := range s.Systems() {
		add(x.RunbookURL, text.M("links-system"), x.ID)
	}
	for _, c := range s.Clues() {
		add(c.RunbookURL, text.M("links-clue"), c.ID)
	}
	out := make([]Link, 0, len(by))
	for u, who := range by {
		out = append(out, Link{URL: u, UsedBy: who})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

// Result is the outcome of checking one link.
type Result struct {
	Link
	Status  int           // final HTTP status, 0 when no response
	Method  string        // HEAD, or GET when HEAD was refused
	Elapsed time.Duration // for the final request
	Err     string        // timeout, DNS failure, connection refused…, in English
	Why     text.Message  // Err, to be said in the reader's language
	Final   string        // where the link ends up after redirects, when elsewhere
	Skipped bool          // not checked: the check was interrupted first
}

// Dead reports a link a person could not open. A link the check never
// reached is not dead, only unknown.
func (r Result) Dead() bool {
	return !r.Skipped && (r.Err != "" || r.Status >= 300 || r.Status == 0)
}

// Options bound the check.
type Options struct {
	Timeout  time.Duration // per request
	Parallel int           // requests at once
	Client   *http.Client  // nil: a client following up to 10 redirects
}

// Check asks every link with HEAD (GET where HEAD is refused), following
// redirects, at most Parallel at a time; each link is requested once (or
// twice when HEAD is refused). Results come back in the links' order.
func Check(ctx context.Context, links []Link, opt Options) []Result {
	if opt.Parallel < 1 {
		opt.Parallel = 8
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 5 * time.Second
	}
	client := opt.Client
	if client == nil {
		client = &http.Client{CheckRedirect: followAtMost10}
	}
	results := make([]Result, len(links))
	sem := make(chan struct{}, opt.Parallel)
	var wg sync.WaitGroup
	for i, l := range links {
		results[i] = Result{Link: l, Skipped: true}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			r := check(ctx, client, l, opt.Timeout)
			// A request cut short by Ctrl-C says nothing about the link.
			r.Skipped = r.Err != "" && ctx.Err() != nil
			results[i] = r
		}()
	}
	wg.Wait()
	return results
}

func check(ctx context.Context, client *http.Client, l Link, timeout time.Duration) Result {
	res := Result{Link: l, Method: http.MethodHead}
	status, final, elapsed, err := request(ctx, client, http.MethodHead, l.URL, timeout)
	if err == nil && (status == http.StatusMethodNotAllowed || status == http.StatusNotImplemented || status == http.StatusForbidden) {
		// Some servers refuse HEAD; ask the way a browser would.
		res.Method = http.MethodGet
		status, final, elapsed, err = request(ctx, client, http.MethodGet, l.URL, timeout)
	}
	res.Status, res.Elapsed = status, elapsed
	if final != "" && final != l.URL {
		res.Final = final
	}
	if err == nil && status >= 300 && status < 400 {
		// The client follows every redirect that says where to; one left
		// over has no Location, and a browser would stop there too.
		res.Why = text.M("links-no-location", "status", status)
	}
	if err != nil {
		res.Why = describe(err)
	}
	res.Err = res.Why.String()
	return res
}

// request asks once, following redirects, and returns the status and the
// URL of the last response.
func request(ctx context.Context, client *http.Client, method, url string, timeout time.Duration) (int, string, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return 0, "", 0, err
	}
	req.Header.Set("User-Agent", "propdeck-links")
	start := time.Now()
	resp, err := client.Do(req)
	elapsed := time.Since(start)
	if err != nil {
		return 0, "", elapsed, err
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Request.URL.String(), elapsed, nil
}

// errTooManyRedirects is a link that redirects more than ten times.
var errTooManyRedirects = text.Fail("links-redirects")

// followAtMost10 is the client's own rule, with an error of a type to
// tell it by.
func followAtMost10(_ *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errTooManyRedirects
	}
	return nil
}

// describe names what went wrong, by the error's type.
func describe(err error) text.Message {
	var dns *net.DNSError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return text.M("links-timeout")
	case errors.As(err, &dns):
		return text.M("links-dns", "err", dns.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return text.M("links-refused")
	case errors.Is(err, errTooManyRedirects):
		return text.M("links-redirects")
	}
	return text.M("as-written", "text", err.Error())
}

// Table prints results as aligned columns in lang: state, link, status,
// time and where the link is used.
func Table(results []Result, lang string) string {
	var b strings.Builder
	w := 4
	for _, r := range results {
		w = max(w, len(r.URL))
	}
	say := func(key string) string { return text.M(key).In(lang) }
	fmt.Fprintf(&b, "%s  %s  %s  %s  %s\n", pad("", 4), pad(say("links-head-link"), w), pad(say("links-head-status"), 20), padLeft(say("links-head-time"), 7), say("links-head-used-by"))
	for _, r := range results {
		status := fmt.Sprint(r.Status)
		if r.Err != "" {
			status = r.Why.In(lang)
		} else if r.Method == http.MethodGet {
			status += " (GET)"
		}
		state := say("links-ok")
		switch {
		case r.Skipped:
			state, status = "----", say("links-not-checked")
		case r.Dead():
			state = say("links-dead")
		}
		used := make([]string, len(r.UsedBy))
		for i, u := range r.UsedBy {
			used[i] = u.Message().In(lang)
		}
		fmt.Fprintf(&b, "%s  %-*s  %s  %7s  %s\n", pad(state, 4), w, r.URL, pad(status, 20), r.Elapsed.Round(time.Millisecond), strings.Join(used, ", "))
		if r.Final != "" {
			// What the author pastes back into the scenario.
			fmt.Fprintf(&b, "%-4s  %-*s  -> %s\n", "", w, "", r.Final)
		}
	}
	return b.String()
}

// Merge joins the links of several scenarios or catalogs, each URL once,
// its users named with their file: a catalog's link that five scenarios use
// is asked once.
func Merge(sets map[string][]Link) []Link {
	by := map[string][]Use{}
	var names []string
	for name := range sets {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, l := range sets[name] {
			for _, u := range l.UsedBy {
				u.File = name
				by[l.URL] = append(by[l.URL], u)
			}
		}
	}
	var out []Link
	for u, who := range by {
		out = append(out, Link{URL: u, UsedBy: dedupe(who)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out
}

func dedupe(list []Use) []Use {
	seen := map[string]bool{}
	var out []Use
	for _, x := range list {
		if k := x.Message().String(); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// pad fills s with spaces to width columns of a terminal, where a Hangul
// or other wide character takes two (fmt's %-20s counts it as one).
func pad(s string, width int) string { return s + strings.Repeat(" ", max(0, width-columns(s))) }

// padLeft is pad on the left, for a column aligned right.
func padLeft(s string, width int) string { return strings.Repeat(" ", max(0, width-columns(s))) + s }

func columns(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// wide is a character East Asian text sets two columns wide: Hangul,
// Han, kana and the full-width forms.
func wide(r rune) bool {
	return r >= 0x1100 && r <= 0x115F || r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60
}
