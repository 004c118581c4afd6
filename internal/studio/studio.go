package studio

import (
	"context"
	"net/http"
	"sync"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// Options are what edit's flags choose.
type Options struct {
	// Lang is the page's language; "" for the scenario's.
	Lang string
	// EditorURL, when set, makes each place a link: {path}, {line} and
	// {col} are filled in (vscode://file{path}:{line}:{col}).
	EditorURL string
}

// Studio is a running propdeck edit: the latest reading of the scenario,
// the last one without a mistake, and the page that shows them.
type Studio struct {
	path    string
	opt     Options
	token   string
	signal  *console.Signal
	guard   *console.Perimeter // loopback only: the studio has no public URL
	handler http.Handler

	mu      sync.Mutex
	gen     int     // readings so far
	latest  reading // the latest reading
	good    *scenarios.Session
	goodGen int
	drawn   *drawn // the cards of the last preview asked for
}

// New reads the scenario at path once, for the page to show at once.
func New(ctx context.Context, path string, opt Options) *Studio {
	st := &Studio{path: path, opt: opt, token: console.NewToken(), signal: console.NewSignal(), guard: console.NewPerimeter(nil)}
	st.handler = st.routes()
	st.reload(ctx)
	return st
}

// Token is the page's token: the page's URL carries it.
func (st *Studio) Token() string { return st.token }

// Watch reads the scenario again each time it or a file it reads
// changes, until ctx ends, and tells the open pages.
func (st *Studio) Watch(ctx context.Context) error {
	st.mu.Lock()
	files := st.latest.Files
	st.mu.Unlock()
	w, err := newWatcher(append(files, st.path))
	if err != nil {
		return err
	}
	w.run(ctx, func() []string { return append(st.reload(ctx), st.path) })
	return nil
}

func (st *Studio) reload(ctx context.Context) []string {
	rd := check(ctx, st.path)
	st.mu.Lock()
	st.gen++
	st.latest = rd
	if rd.Scenario != nil {
		st.good, st.goodGen = rd.Scenario, st.gen
	}
	st.mu.Unlock()
	st.signal.Publish()
	return rd.Files
}

// lang is the page's language: the flag's, else the scenario's.
func (st *Studio) lang() string {
	if st.opt.Lang != "" {
		return st.opt.Lang
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.good != nil && st.good.Language() != "" {
		return st.good.Language()
	}
	return "en"
}
