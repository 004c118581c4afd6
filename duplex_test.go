package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"propdeck/cards"
	"propdeck/layouts"
	"propdeck/scenarios"
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
	s, err := scenarios.LoadExample("eu-db-latency")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []layouts.Duplex{layouts.DuplexLong, layouts.DuplexShort} {
		for _, paper := range []string{"a4", "letter"} {
			dir := buildExample(t, "eu-db-latency", "--duplex", string(mode), "--paper", paper)
			ws := words(t, filepath.Join(dir, "eu-db-latency-clues.pdf"))
			p, _ := layouts.Paper(paper)
			g, _ := layouts.Impose(p.Landscape(), cards.ClueSizes["quarter"], 0)
			for _, c := range s.Clues {
				found := ws[c.ID]
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
