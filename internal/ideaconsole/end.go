package ideaconsole

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/render"
)

// recordFile is the premortem record's name in the folder the end
// writes, beside the summary and the starters.
const recordFile = "premortem.toml"

// end stores the end once what it writes is made and checked (the record
// read back by the premortem reader, every starter validating), then
// writes it all at once beside the journal.
func (srv *Server) end(ctx context.Context, e ideas.Event) (ideas.Event, error) {
	srv.endMu.Lock()
	defer srv.endMu.Unlock()
	st := srv.j.State()
	if err := st.Apply(ideas.Event{Seq: st.Seq + 1, Kind: ideas.KindEnd}); err != nil {
		return e, err
	}
	out := ideas.FilesOf(srv.j.Path()).Out
	files, err := srv.outputs(ctx, st, out, srv.now().Format(time.DateOnly))
	if err != nil {
		return e, err
	}
	if e, err = srv.j.Append(e); err != nil {
		return e, err
	}
	return e, srv.write(ctx, out, files)
}

func (srv *Server) write(ctx context.Context, out string, files []output.File) error {
	err := output.WriteNew(ctx, out, files)
	if err == nil {
		srv.wrote = nil
		for _, f := range files {
			srv.wrote = append(srv.wrote, filepath.Join(out, f.Name))
		}
	}
	if srv.Ended != nil {
		srv.Ended(srv.wrote, err)
	}
	return err
}

// Finish writes what the end writes when the premortem ended but its
// files are not there (the server was killed between the two); nothing
// otherwise.
func (srv *Server) Finish(ctx context.Context) error {
	srv.endMu.Lock()
	defer srv.endMu.Unlock()
	st := srv.j.State()
	out := ideas.FilesOf(srv.j.Path()).Out
	if _, err := os.Lstat(filepath.Join(out, recordFile)); !st.Ended || !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	last := st.Events[len(st.Events)-1].At.In(time.Local)
	files, err := srv.outputs(ctx, st, out, last.Format(time.DateOnly))
	if err != nil {
		return err
	}
	return srv.write(ctx, out, files)
}

// outputs are the record and its schema, the summary (PDF and
// Markdown) and a starter per pick, each checked as the commands that
// read them would.
func (srv *Server) outputs(ctx context.Context, st *ideas.State, out, date string) ([]output.File, error) {
	rec := st.Record(srv.room, date)
	// Starters parses the record as premortem --starters reads it, held
	// to what the decks print, so the record needs no check of its own.
	starters, err := premortem.Starters(premortem.StarterRequest{Record: filepath.Join(out, recordFile), Data: rec, Dir: out, Lang: srv.room.Lang, Printing: cards.Printing})
	if err != nil {
		return nil, err
	}
	doc := st.Summary(srv.room, date)
	files, err := render.PDFs(ctx, []*draw.Deck{documents.Flow(doc, layouts.A4, srv.room.Lang)})
	if err != nil {
		return nil, err
	}
	files = append(files, output.File{Name: "summary.md", Data: ideas.Markdown(doc)},
		output.File{Name: recordFile, Data: rec}, output.File{Name: premortem.RecordSchemaFile, Data: premortem.RecordSchema()})
	for _, f := range starters {
		files = append(files, output.File(f))
	}
	return files, nil
}
