package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/written"
)

type word struct {
	page       int
	x, y       float64 // centre, mm
	pageW, pgH float64
}

var (
	pageRe = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// words reads pdftotext -bbox output: every word with its page and centre.
func words(t *testing.T, pdf string) map[string][]word {
	out := filepath.Join(t.TempDir(), "bbox.html")
	tool(t, "pdftotext", "-bbox", pdf, out)
	data, _ := os.ReadFile(out)
	const mm = 25.4 / 72
	got := map[string][]word{}
	page := 0
	var pw, ph float64
	for _, line := range regexp.MustCompile("\n").Split(string(data), -1) {
		if m := pageRe.FindStringSubmatch(line); m != nil {
			page++
			pw, _ = strconv.ParseFloat(m[1], 64)
			ph, _ = strconv.ParseFloat(m[2], 64)
			continue
		}
		if m := wordRe.FindStringSubmatch(line); m != nil {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
			got[m[5]] = append(got[m[5]], word{page: page, x: (f(1) + f(3)) / 2 * mm, y: (f(2) + f(4)) / 2 * mm, pageW: pw * mm, pgH: ph * mm})
		}
	}
	return got
}

func cellAt(g layouts.Grid, x, y float64) int {
	for i := 0; i < g.PerPage(); i++ {
		c := g.Cell(i)
		if x >= c.X && x <= c.X+c.W && y >= c.Y && y <= c.Y+c.H {
			return i
		}
	}
	return -1
}

// TestDuplexBacksBehindFronts finds every clue id on its front and on its
// back in the real PDF and checks the back sits in the cell that lands
// behind the front after the flip.
func TestDuplexBacksBehindFronts(t *testing.T) {
	need(t, "pdftotext")
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []layouts.Duplex{layouts.DuplexLong, layouts.DuplexShort} {
		for _, paper := range []string{"a4", "letter"} {
			dir := buildExample(t, "eu-db-latency", "--duplex", string(mode), "--paper", paper)
			p, _ := layouts.Paper(paper)
			g, _ := layouts.Impose(p.Landscape(), cards.ClueSizes["quarter"], 0)
			decks := map[string]map[string][]word{
				"clues":    words(t, filepath.Join(dir, "eu-db-latency-clues.pdf")),
				"requests": words(t, filepath.Join(dir, "eu-db-latency-requests.pdf")),
			}
			for _, c := range s.Clues() {
				deck := "clues"
				if c.Mode == written.OnRequest {
					deck = "requests"
				}
				found := decks[deck][c.ID]
				var front, back *word
				for i := range found {
					if found[i].page%2 == 1 && front == nil {
						front = &found[i]
					}
					if found[i].page%2 == 0 && back == nil {
						back = &found[i]
					}
				}
				if front == nil || back == nil {
					t.Errorf("%s %s: clue %s not found on a front and a back (%v)", mode, paper, c.ID, found)
					continue
				}
				if back.page != front.page+1 {
					t.Errorf("%s %s: %s's back on page %d, front on %d", mode, paper, c.ID, back.page, front.page)
				}
				fi := cellAt(g, front.x, front.y)
				want := g.BackCell(fi, mode, 0, 0)
				if !(back.x >= want.X && back.x <= want.X+want.W && back.y >= want.Y && back.y <= want.Y+want.H) {
					t.Errorf("%s %s: %s's back at %.1f,%.1f is not behind its front (cell %d, want %+v)", mode, paper, c.ID, back.x, back.y, fi, want)
				}
			}
		}
	}
}

// TestWordsInsideCardsAndTrueSize reads every word's box from the real PDFs
// of the card decks: each lies inside one card, and every sheet has the
// paper's true size.
func TestWordsInsideCardsAndTrueSize(t *testing.T) {
	need(t, "pdftotext")
	for _, paper := range []string{"a4", "letter"} {
		dir := buildExample(t, "dns-change-ko", "--paper", paper)
		p, _ := layouts.Paper(paper)
		for _, deck := range []struct {
			file string
			card layouts.Size
			page layouts.Size
		}{
			{"dns-change-ko-badges.pdf", cards.BadgeSize, p.Portrait()},
			{"dns-change-ko-systems.pdf", cards.SystemSize, p.Portrait()},
			{"dns-change-ko-clues.pdf", cards.ClueSizes["quarter"], p.Landscape()},
		} {
			ws := words(t, filepath.Join(dir, deck.file))
			page := deck.page
			g, _ := layouts.Impose(page, deck.card, 0)
			n := 0
			for text, list := range ws {
				for _, w := range list {
					n++
					if !near(w.pageW, page.W) || !near(w.pgH, page.H) {
						t.Fatalf("%s page %d is %.1fx%.1f mm, want %.1fx%.1f", deck.file, w.page, w.pageW, w.pgH, page.W, page.H)
					}
					if cellAt(g, w.x, w.y) < 0 {
						t.Errorf("%s page %d: %q at %.1f,%.1f mm is outside every card", deck.file, w.page, text, w.x, w.y)
					}
				}
			}
			if n < 20 {
				t.Errorf("%s: only %d words found", deck.file, n)
			}
		}
	}
}

func near(a, b float64) bool { return a-b < 0.2 && b-a < 0.2 }
