package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/render"
	"github.com/propdeck/propdeck/internal/text"
	"github.com/propdeck/propdeck/internal/tomlfile"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:      "build",
		Usage:     "build every deck of a scenario into PDF files",
		ArgsUsage: "SCENARIO.toml|EXAMPLE...",
		Description: "Writes, for each scenario's id ID:\n" +
			"   DIR/ID-badges.pdf       one badge per role\n" +
			"   DIR/ID-systems.pdf      one post-it card per system (when there are systems)\n" +
			"   DIR/ID-clues.pdf        timed clue cards in reveal order, then contingent ones (backs with --duplex or --fold)\n" +
			"   DIR/ID-requests.pdf     on-request clue cards, by system (when there are any)\n" +
			"   DIR/ID-complications.pdf complication cards to draw (when [complications] chooses any)\n" +
			"   DIR/ID-evaluator.pdf    the observer's sheet (with expected actions or on-request clues)\n" +
			"   DIR/ID-worksheets.pdf   scribe, debrief and premortem worksheets\n" +
			"   DIR/ID-facilitator.pdf  the run sheet: rounds, clues, notes, warnings, print checklist\n" +
			"   DIR/ID-screen.pdf       with --screen: 16:9 slides for a video call or projector\n" +
			"   DIR/ID-packet-ROLE.pdf  with --packets: per role, its badge and its clues only\n" +
			"Warnings (a clue after the planned end, a round without clues) go to stderr.\n" +
			"Nothing in DIR is written or changed unless the whole build succeeds.\n\n" +
			"Example:\n   propdeck build eu-db-latency -o out\n   propdeck build my-drill.toml -o out --paper letter --duplex long-edge",
		Flags: append([]cli.Flag{
			outFlag("output folder", "out"),
			&cli.BoolFlag{Name: "screen", Usage: "also write DIR/ID-screen.pdf: 16:9 pages for a video call"},
			&cli.BoolFlag{Name: "screen-sealed", Usage: "with --screen: also put contingent and on-request cards on the screen deck, after the timed ones (for a facilitator who shows one slide at a time)"},
			&cli.BoolFlag{Name: "packets", Usage: "also write DIR/ID-packet-ROLE.pdf per role: badge, briefing and its clues only"},
			difficultyFlag(), programmeFlag(), nextFlag(), todayFlag(),
		}, printFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() == 0 {
				return usage(text.M("cli-build-needs-scenario"))
			}
			if err := checkDifficulty(cmd); err != nil {
				return err
			}
			if cmd.Args().Len() == 1 {
				return buildOne(ctx, cmd, cmd.Args().First())
			}
			if cmd.String("next") != "" {
				return usage(text.M("cli-build-next-alone"))
			}
			return buildMany(ctx, cmd)
		},
	}
}

// buildMany builds each scenario into its own files; every failing one is
// reported, and the others are written.
func buildMany(ctx context.Context, cmd *cli.Command) error {
	failed := 0
	for _, arg := range cmd.Args().Slice() {
		if err := buildOne(ctx, cmd, arg); err != nil {
			failed++
			var se *tomlfile.Errors
			if errors.As(err, &se) {
				fmt.Fprintln(cmd.Root().ErrWriter, se.Error())
			} else {
				fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: %v\n", err)
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	if failed > 0 {
		return text.Fail("cli-build-some-failed", "failed", failed, "all", cmd.Args().Len())
	}
	return nil
}

// buildOne builds every deck of one scenario into --out, and says so in
// the scenario's language.
func buildOne(ctx context.Context, cmd *cli.Command, arg string) error {
	start := time.Now()
	s, err := loadScenario(ctx, arg)
	if err != nil {
		return err
	}
	s = played(cmd, s)
	if err := buildDecks(ctx, cmd, s); err != nil {
		return saidIn(err, s.Language())
	}
	fmt.Fprintln(cmd.Root().Writer, text.M("built", "id", s.ID(), "took", time.Since(start).Round(time.Millisecond)).In(s.Language()))
	return nil
}

// buildDecks writes every deck of s into --out, all or nothing.
func buildDecks(ctx context.Context, cmd *cli.Command, s *scenarios.Session) error {
	opt, err := options(ctx, s, cmd)
	if err != nil {
		return err
	}
	if opt.Retests, err = carried(ctx, cmd, s.ID()); err != nil {
		return err
	}
	next, ics, err := nextOf(ctx, cmd, s)
	if err != nil {
		return err
	}
	warn(cmd, documents.AllWarnings(s))
	for _, w := range cards.SizeWarnings(s, opt.Options) {
		fmt.Fprintf(cmd.Root().ErrWriter, "%s: %s\n", s.File(), text.M("warning", "msg", w).In(s.Language()))
	}
	decks, err := documents.Build(s, opt)
	var se *tomlfile.Errors
	if errors.As(err, &se) {
		return se
	}
	if err != nil {
		return text.Fail("file-nothing-written", "file", s.File(), "err", err)
	}
	if cmd.Bool("screen") {
		d, err := documents.Screen(s, cmd.Bool("screen-sealed"))
		if err != nil {
			return text.Fail("file-nothing-written", "file", s.File(), "err", err)
		}
		decks = append(decks, d)
	}
	if cmd.Bool("packets") {
		ps, err := documents.Packets(s, opt)
		if err != nil {
			return text.Fail("file-nothing-written", "file", s.File(), "err", err)
		}
		decks = append(decks, ps...)
	}
	var extra []output.File
	if next != nil {
		extra = append(extra, output.File{Name: s.ID() + "-next.ics", Data: ics})
	}
	// The plan first: a deck can be built again, a lost plan line is lost.
	if err := putNext(ctx, cmd, next); err != nil {
		return err
	}
	if err := writeDecks(ctx, cmd, s.Language(), decks, extra...); err != nil {
		return text.Fail("file-nothing-written", "file", s.File(), "err", err)
	}
	return nil
}

// warn prints a scenario's warnings on stderr; they do not stop a build.
func warn(cmd *cli.Command, warnings tomlfile.Errors) {
	for _, w := range warnings {
		fmt.Fprintln(cmd.Root().ErrWriter, documents.AsWarning(w).Error())
	}
}

// countKeys are the messages that count a noun: one, and more.
var countKeys = map[string][2]string{
	"page":      {"count-page-one", "count-page"},
	"card":      {"count-card-one", "count-card"},
	"image":     {"count-image-one", "count-image"},
	"clue":      {"count-clue-one", "count-clue"},
	"prop file": {"count-prop-file-one", "count-prop-file"},
	"role":      {"count-role-one", "count-role"},
	"system":    {"count-system-one", "count-system"},
}

// count is "1 clue", "3 clues" (in English; "단서 3개" in Korean).
func count(n int, noun string) text.Message {
	if n == 1 {
		return text.M(countKeys[noun][0], "n", n)
	}
	return text.M(countKeys[noun][1], "n", n)
}

// totalSize is the bytes of a set of files, for the line that says what
// was written.
func totalSize(files []output.File) int {
	n := 0
	for _, f := range files {
		n += len(f.Data)
	}
	return n
}

func size(n int) string {
	if n < 1024*1024 {
		return strconv.Itoa((n+512)/1024) + " KB"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1024/1024)
}

// writeDecks renders decks and writes them into --out, reporting each file
// in lang.
func writeDecks(ctx context.Context, cmd *cli.Command, lang string, decks []*draw.Deck, extra ...output.File) error {
	files, err := render.PDFs(ctx, decks)
	if err != nil {
		return err
	}
	dir := cmd.String("out")
	if err := output.WriteAll(ctx, dir, append(files, extra...)); err != nil {
		return err
	}
	for i, f := range files {
		fmt.Fprintf(cmd.Root().Writer, "%s/%s  %s, %s\n", strings.TrimRight(dir, "/"), f.Name, count(len(decks[i].Pages), "page").In(lang), size(len(f.Data)))
	}
	for _, f := range extra {
		fmt.Fprintf(cmd.Root().Writer, "%s/%s  %s\n", strings.TrimRight(dir, "/"), f.Name, size(len(f.Data)))
	}
	return nil
}
