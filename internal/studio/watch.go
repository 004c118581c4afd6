package studio

import (
	"context"
	"path/filepath"
	"sync"

	"github.com/fsnotify/fsnotify"

	"github.com/propdeck/propdeck/internal/text"
)

// newWatcher follows files from now on, and run calls reload after one
// of them changes, until ctx ends; reload returns the files to follow
// from then on. It watches their folders, not the files: an editor that
// saves by writing a temporary file and renaming it over the old one
// replaces the file a watch on it would follow, and the folder sees the
// new one arrive. Changes that arrive while reload runs are coalesced
// into one more reload, so a file written in pieces is read again once
// its last piece is in, and a burst of saves costs one reading, never a
// wait.
func newWatcher(files []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, text.Fail("studio-watch", "err", err)
	}
	w := &watcher{fw: fw, dirs: map[string]bool{}, files: map[string]bool{}, dirty: make(chan struct{}, 1)}
	w.follow(files)
	return w, nil
}

func (w *watcher) run(ctx context.Context, reload func() []string) {
	defer w.fw.Close()
	go w.events(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.dirty:
			w.follow(reload())
		}
	}
}

type watcher struct {
	fw    *fsnotify.Watcher
	mu    sync.Mutex
	dirs  map[string]bool
	files map[string]bool
	dirty chan struct{} // holds one reload to do at most
}

// follow watches the folders of files, keeping folders watched before: a
// catalog left out by a mistake comes back with its fix, and a folder is
// cheap to watch.
func (w *watcher) follow(files []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			continue
		}
		w.files[abs] = true
		dir := filepath.Dir(abs)
		if !w.dirs[dir] && w.fw.Add(dir) == nil {
			w.dirs[dir] = true
		}
	}
}

func (w *watcher) watched(name string) bool {
	abs, err := filepath.Abs(name)
	w.mu.Lock()
	defer w.mu.Unlock()
	return err == nil && w.files[abs]
}

// events marks a reload due for each change to a watched file; a change
// to another file in the folders (an editor's swap file) is not one.
func (w *watcher) events(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if e.Op == fsnotify.Chmod || !w.watched(e.Name) {
				continue
			}
			select {
			case w.dirty <- struct{}{}:
			default: // a reload is due already
			}
		case _, ok := <-w.fw.Errors:
			// An overflowed queue lost events: read again to be sure.
			if !ok {
				return
			}
			select {
			case w.dirty <- struct{}{}:
			default:
			}
		}
	}
}
