package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/ideaconsole"
	"github.com/propdeck/propdeck/internal/ideas"
	"github.com/propdeck/propdeck/internal/input"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

func premortemCommand() *cli.Command {
	return &cli.Command{
		Name:      "premortem",
		Usage:     "print the premortem kit: agenda, prompt cards, idea slips, clustering and next-scenario sheets",
		ArgsUsage: "[SCENARIO.toml|EXAMPLE]",
		Description: "Writes DIR/ID-premortem.pdf (or DIR/premortem.pdf without a scenario): a one-page agenda\n" +
			"for a 60-minute session with the opening prompt and ground rules, prompt cards and idea\n" +
			"slips with cut marks, a clustering sheet with an impact × likelihood grid, and a sheet for\n" +
			"the scenarios to rehearse next. Type the picks into a premortem record afterwards (--record\n" +
			"FILE writes an empty one, with the kit's prompt and themes, to fill in), then:\n" +
			"propdeck init --from-premortem RECORD -o DIR\n\n" +
			"Example:\n   propdeck premortem -o out\n   propdeck premortem eu-db-latency -o out --lang ko --cards our-cards.toml\n" +
			"   propdeck premortem eu-db-latency --record premortems/2026-12-06.toml\n" +
			"   propdeck premortem eu-db-latency --live --lan --lang ko",
		Flags: []cli.Flag{
			outFlag("output folder", "out"),
			&cli.StringFlag{Name: "lang", Usage: "language of the kit: en or ko (default: the scenario's, else en)"},
			&cli.StringFlag{Name: "paper", Usage: "paper size: a4 or letter"},
			&cli.StringFlag{Name: "cards", Usage: "a TOML file of [[cards]] (id, theme, provocation, question) to add to the built-in prompt cards"},
			&cli.StringFlag{Name: "record", Usage: "instead of the kit, write FILE.toml: an empty premortem record to fill in from the paper kit, and premortem.schema.json beside it"},
			&cli.StringFlag{Name: "today", Usage: "with --record: the day of the session, YYYY-MM-DD (default: today)"},
			&cli.BoolFlag{Name: "live", Usage: "run the premortem live instead: a facilitator's page, a screen and a join link for every phone; the end writes the record, a summary and a starter per pick beside the journal"},
			&cli.StringFlag{Name: "journal", Usage: "with --live: the premortem's journal (default: [ID-]premortem-YYYY-MM-DD.ideas.jsonl, resumed while it has not ended)"},
			&cli.StringFlag{Name: "addr", Usage: "with --live: HOST:PORT to listen on; port 0 picks a free one (default: 127.0.0.1:0)"},
			&cli.BoolFlag{Name: "lan", Usage: "with --live: listen on every address, for the phones; prints the join link's QR code"},
			&cli.StringFlag{Name: "public-url", Usage: "with --live: the http(s)://HOST[:PORT] people reach it at through a proxy or tunnel"},
			&cli.IntFlag{Name: "dots", Value: 3, Usage: "with --live: the dots each device votes with, 1 to 20"},
			&cli.BoolFlag{Name: "stack", Usage: "with --live: a device may give one idea or group more than one dot"},
			&cli.BoolFlag{Name: "room-groups", Usage: "with --live: participants may group ideas too, not only the facilitator"},
		},
		Action: premortemAction,
	}
}

// startersFromPremortem writes one starter scenario per picked idea of a
// premortem record into dir, never over an existing file.
func startersFromPremortem(ctx context.Context, cmd *cli.Command, recordPath, dir, catalog, lang string) error {
	data, err := input.Read(ctx, recordPath, input.MaxBytes)
	if err != nil {
		return text.Fail("file-error", "file", recordPath, "err", err)
	}
	starters, err := premortem.Starters(premortem.StarterRequest{Record: recordPath, Data: data, Dir: dir, Catalog: catalog, Lang: lang, Printing: cards.Printing})
	if err != nil {
		return err
	}
	files := make([]output.File, len(starters))
	for i, f := range starters {
		files[i] = output.File(f)
	}
	if err := output.WriteNew(ctx, dir, files); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(cmd.Root().Writer, text.M("wrote", "path", filepath.Join(dir, f.Name)).In(lang))
	}
	return nil
}

func premortemAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() > 1 {
		return usage(text.M("cli-at-most-one-scenario", "command", "premortem"))
	}
	var s *scenarios.Session
	lang := "en"
	if cmd.Args().Len() == 1 {
		var err error
		if s, err = loadScenario(ctx, cmd.Args().First()); err != nil {
			return err
		}
		lang = s.Language()
	}
	if cmd.IsSet("lang") {
		lang = cmd.String("lang")
	}
	if err := checkLang(lang); err != nil {
		return err
	}
	return saidIn(premortemIn(ctx, cmd, s, lang), lang)
}

// premortemIn runs the premortem in lang: live, as a blank record, or as
// the paper kit.
func premortemIn(ctx context.Context, cmd *cli.Command, s *scenarios.Session, lang string) error {
	if cmd.Bool("live") {
		return premortemLive(ctx, cmd, s, lang)
	}
	if path := cmd.String("record"); path != "" {
		return writeBlankRecord(ctx, cmd, s, lang, path)
	}
	if cmd.IsSet("today") {
		return usage(text.M("cli-flag-goes-with", "flag", "today", "with", "record"))
	}
	opt := documents.DefaultOptions()
	var err error
	if opt.Paper, err = layouts.Paper(cmd.String("paper")); err != nil {
		return usage(text.M("print-flag", "flag", "paper", "err", hinted(err)))
	}
	prompts := premortem.Cards(lang)
	if f := cmd.String("cards"); f != "" {
		data, err := input.Read(ctx, f, input.MaxBytes)
		if err != nil {
			return text.Fail("file-error", "file", f, "err", err)
		}
		own, err := premortem.ParseCards(f, data, cards.Printing)
		if err != nil {
			return err
		}
		prompts = append(prompts, own...)
	}
	d, err := documents.PremortemKit(s, lang, prompts, opt)
	if err != nil {
		return err
	}
	return writeDecks(ctx, cmd, lang, []*draw.Deck{d})
}

// writeBlankRecord writes an empty premortem record at path, with the
// kit's prompt and themes (the scenario's, else the built-in ones), and
// its schema beside it when there is none; never over an existing file.
func writeBlankRecord(ctx context.Context, cmd *cli.Command, s *scenarios.Session, lang, path string) error {
	if !strings.HasSuffix(path, ".toml") {
		return usage(text.M("cli-record-toml", "path", path))
	}
	today, err := todayOf(cmd)
	if err != nil {
		return err
	}
	b := premortem.Blank{Lang: lang, Date: today.Format(time.DateOnly)}
	b.Prompt, b.Themes = kitPrompt(s, lang)
	wrote, err := writeNew(ctx, path, string(premortem.EmptyRecord(b)), premortem.RecordSchemaFile, premortem.RecordSchema())
	if err != nil {
		return err
	}
	w := cmd.Root().Writer
	for _, f := range wrote {
		fmt.Fprintln(w, text.M("wrote", "path", f).In(lang))
	}
	fmt.Fprintln(w, text.M("premortem-record-next", "path", path).In(lang))
	return nil
}

// premortemLive runs the premortem from the binary: it prints the
// facilitator's URL, the screen's and the join link (with its QR code on
// the LAN), and serves until Ctrl-C; the end writes beside the journal.
func premortemLive(ctx context.Context, cmd *cli.Command, s *scenarios.Session, lang string) error {
	room, cards, err := liveRoom(ctx, cmd, s, lang)
	if err != nil {
		return err
	}
	public, err := parsePublicURL(cmd.String("public-url"))
	if err != nil {
		return err
	}
	ln, err := listen(cmd)
	if err != nil {
		return err
	}
	defer ln.Close()
	j, err := liveJournal(cmd, s, lang)
	if err != nil {
		return err
	}
	defer j.Close()
	if j.Note != "" {
		say(cmd, "%s", j.Note)
	}
	j.Report = func(msg string) { say(cmd, "%s", msg) }
	srv, err := ideaconsole.New(ideaconsole.Config{Journal: j, Room: room, Cards: cards, PublicURL: public, Now: time.Now})
	if err != nil {
		return err
	}
	srv.Stack, srv.RoomGroups = cmd.Bool("stack"), cmd.Bool("room-groups")
	srv.Ended = func(wrote []string, err error) {
		for _, f := range wrote {
			fmt.Fprintln(cmd.Root().Writer, text.M("wrote", "path", f).In(lang))
		}
		if err != nil {
			sayIn(cmd, lang, "as-error", "err", err)
		}
	}
	if err := srv.Finish(ctx); err != nil {
		sayIn(cmd, lang, "as-error", "err", err)
	}
	srv.Guard().ListenOn(ln.Addr())
	if w := plainHTTPWarning(ln.Addr(), public, false, lang); w != "" {
		say(cmd, "%s", w)
	}
	base := "http://" + publicAddr(ln.Addr(), cmd.Bool("lan"))
	if public != nil {
		base = public.Scheme + "://" + public.Host
	}
	for i, l := range srv.Links(base) {
		if i == 0 {
			fmt.Fprintln(cmd.Root().Writer, l.URL)
			continue
		}
		printView(cmd.Root().Writer, l.Name, l.URL, cmd.Bool("lan") && l.Kind == "join")
	}
	sayIn(cmd, lang, "premortem-journal", "path", j.Path())
	return serveUntilDone(ctx, ln, srv)
}

// liveRoom is the room's prompt, rules, themes and dots, and the cards
// to deal, from the scenario's [premortem] where it has them.
func liveRoom(ctx context.Context, cmd *cli.Command, s *scenarios.Session, lang string) (ideas.Room, []premortem.Card, error) {
	dots := cmd.Int("dots")
	if dots < 1 || dots > 20 {
		return ideas.Room{}, nil, usage(text.M("cli-dots-range", "dots", dots))
	}
	kit := cards.KitTextFor(lang)
	room := ideas.Room{Lang: lang, Rules: kit.RuleList, Dots: int(dots)}
	room.Prompt, room.Themes = kitPrompt(s, lang)
	prompts := premortem.Cards(lang)
	if f := cmd.String("cards"); f != "" {
		data, err := input.Read(ctx, f, input.MaxBytes)
		if err != nil {
			return room, nil, text.Fail("file-error", "file", f, "err", err)
		}
		own, err := premortem.ParseCards(f, data, cards.Printing)
		if err != nil {
			return room, nil, err
		}
		prompts = append(prompts, own...)
	}
	return room, prompts, nil
}

// kitPrompt is the premortem's prompt and themes: the scenario's where
// it has them (s may be nil), else the built-in ones in lang.
func kitPrompt(s *scenarios.Session, lang string) (string, []string) {
	prompt, themes := cards.LabelsFor(lang).DefaultPrompt, cards.KitTextFor(lang).DefaultThemes
	if s != nil && s.Premortem().Prompt != "" {
		prompt = s.Premortem().Prompt
	}
	if s != nil && len(s.Premortem().Themes) > 0 {
		themes = s.Premortem().Themes
	}
	return prompt, themes
}

// liveJournal opens --journal, else today's premortem journal (the
// scenario's beside it), resumed while it has not ended. Each journal is
// replayed once, by the Open that keeps it; one that an ended session
// still holds is read only to learn that it ended. What they say is
// said in lang.
func liveJournal(cmd *cli.Command, s *scenarios.Session, lang string) (*ideas.Journal, error) {
	if p := cmd.String("journal"); p != "" {
		return ideas.Open(p, lang, time.Now)
	}
	dir, stem := ".", "premortem-"+time.Now().Format(time.DateOnly)
	if s != nil {
		dir, stem = filepath.Dir(s.File()), s.ID()+"-"+stem
	}
	path := filepath.Join(dir, stem+".ideas.jsonl")
	for n := 2; ; n++ {
		j, err := ideas.Open(path, lang, time.Now)
		switch {
		case err == nil && !j.State().Ended:
			return j, nil
		case err == nil:
			j.Close()
		default:
			if st, rerr := ideas.Read(path); rerr != nil || !st.Ended {
				return nil, err
			}
		}
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.ideas.jsonl", stem, n))
	}
}

// serveUntilDone serves until Ctrl-C.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = hs.Shutdown(shut)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
