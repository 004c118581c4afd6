package cards

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// kitText is what the premortem kit says, per language.
type kitText struct {
	Title, Agenda, Prompt, Rules, Slip, Theme, Cluster, Vote, Impact, Likelihood, Next string
	Pick, Trigger, Paged, Wish, CardBack                                               string
	// Owner, IdeaID and Votes are the boxes the premortem record asks for.
	Owner, IdeaID, Votes    string
	Steps                   [][2]string
	RuleList, DefaultThemes []string
}

var kitTexts = map[string]kitText{
	"en": {
		Title: "Premortem", Agenda: "Agenda: 60 minutes", Prompt: "Read this aloud", Rules: "Ground rules",
		Slip: "One idea", Theme: "Theme", Cluster: "Cluster the ideas", Vote: "Vote: impact × likelihood",
		Impact: "Impact ↑", Likelihood: "Likelihood →", Next: "Scenarios to rehearse next",
		Pick: "Title", Trigger: "What sets it off", Paged: "Who would be paged", Wish: "What we would wish we had", CardBack: "PREMORTEM",
		Owner: "Owner", IdeaID: "Idea id", Votes: "Votes",
		Steps: [][2]string{
			{"0–5 min", "Declare the disaster: read the prompt; it already happened."},
			{"5–15 min", "Silent brainstorm: one idea per slip, as many as you can. Draw a prompt card when stuck."},
			{"15–30 min", "Share: round the room, one idea each, no debate yet."},
			{"30–40 min", "Cluster: stick the slips under themes; name new themes."},
			{"40–50 min", "Vote: three dots each on the grid, for the most likely and most damaging."},
			{"50–60 min", "Pick two or three to rehearse; fill in a sheet for each, with an owner."},
		},
		RuleList:      []string{"No blame: we are describing a system, not people.", "No idea is too odd: the odd ones are why we are here.", "Non-technical risks are welcome: contracts, budgets, people, law.", "Write it down before you say it."},
		DefaultThemes: []string{"Monitoring gaps", "Single points of failure", "Unclear ownership", "Vendors", "People and process", "Non-technical risks"},
	},
	"ko": {
		Title: "사전 부검", Agenda: "진행 순서: 60분", Prompt: "소리 내어 읽기", Rules: "기본 규칙",
		Slip: "아이디어 하나", Theme: "주제", Cluster: "아이디어 묶기", Vote: "투표: 영향 × 가능성",
		Impact: "영향 ↑", Likelihood: "가능성 →", Next: "다음에 연습할 시나리오",
		Pick: "제목", Trigger: "무엇이 시작하는가", Paged: "누가 호출되는가", Wish: "있었으면 했던 것", CardBack: "사전 부검",
		Owner: "담당자", IdeaID: "번호", Votes: "득표",
		Steps: [][2]string{
			{"0–5분", "재난 선언: 질문을 읽는다. 이미 일어난 일이다."},
			{"5–15분", "조용한 브레인스토밍: 쪽지 한 장에 아이디어 하나. 막히면 질문 카드를 뽑는다."},
			{"15–30분", "공유: 돌아가며 한 가지씩, 아직 토론하지 않는다."},
			{"30–40분", "묶기: 쪽지를 주제 아래에 붙이고, 새 주제에 이름을 붙인다."},
			{"40–50분", "투표: 가장 그럴듯하고 가장 피해가 큰 것에 한 사람당 스티커 세 개."},
			{"50–60분", "연습할 두세 개를 고르고, 담당자와 함께 한 장씩 채운다."},
		},
		RuleList:      []string{"비난하지 않는다: 사람이 아니라 시스템을 이야기한다.", "엉뚱한 아이디어는 없다: 엉뚱한 것을 찾으려고 모였다.", "기술 외 위험도 환영한다: 계약, 예산, 사람, 법.", "말하기 전에 먼저 적는다."},
		DefaultThemes: []string{"모니터링 공백", "단일 장애 지점", "불분명한 책임", "외부 업체", "사람과 프로세스", "기술 외 위험"},
	},
}

// PremortemSize is a prompt card or an idea slip: poker size.
var PremortemSize = layouts.Size{W: 63, H: 88}

// PremortemKit builds the whole premortem pack: the agenda with the
// prompt and ground rules, prompt cards and idea slips with cut marks, the
// clustering and voting sheet, and the sheet for the scenarios to rehearse
// next. s may be nil for a pack without a scenario.
func PremortemKit(s *scenarios.Scenario, lang string, prompts []premortem.Card, opt Options) (*Deck, error) {
	tx, ok := kitTexts[lang]
	if !ok {
		tx = kitTexts["en"]
	}
	lb := LabelsFor(lang)
	name, title, prompt, themes := "premortem.pdf", "", lb.DefaultPrompt, tx.DefaultThemes
	if s != nil {
		name, title = s.Scenario.ID+"-premortem.pdf", s.Scenario.Title
		if s.Premortem.Prompt != "" {
			prompt = s.Premortem.Prompt
		}
		if len(s.Premortem.Themes) > 0 {
			themes = s.Premortem.Themes
		}
	}
	d := &Deck{Name: name, Title: tx.Title}
	size := opt.Paper.Portrait()
	w := newPageWriter(d, size, sheetHeader(tx.Title, title, lb))
	w.newPage()
	w.heading(12, tx.Prompt, 12)
	w.text(fonts.Bold, 13, Black, 0, prompt)
	w.y += 4
	w.heading(12, tx.Agenda, 20)
	for _, st := range tx.Steps {
		w.text(fonts.Bold, 10, Black, 0, st[0])
		w.text(fonts.Regular, 10, Black, 6, st[1])
		w.y += 1
	}
	w.y += 3
	w.heading(12, tx.Rules, 12)
	for _, r := range tx.RuleList {
		w.text(fonts.Regular, 10, Black, 2, "• "+r)
	}

	cards, err := promptDrafts(prompts, tx)
	if err != nil {
		return nil, err
	}
	g, err := layouts.ImposeBest(opt.Paper, PremortemSize, opt.Bleed)
	if err != nil {
		return nil, err
	}
	part := &Deck{}
	impose(part, g, cards, opt, false)
	var slips []draft
	for i := 0; i < 2*g.PerPage(); i++ {
		slips = append(slips, draft{ID: fmt.Sprintf("slip-%02d", i+1), Kind: "slip", Size: PremortemSize, Front: ideaSlip(tx)})
	}
	impose(part, g, slips, opt, false)
	d.Pages = append(d.Pages, part.Pages...)

	clusterSheet(d, size, themes, tx, lb, title)
	nextSheet(d, size, tx, lb, title)
	return d, nil
}

func promptDrafts(prompts []premortem.Card, tx kitText) ([]draft, error) {
	var out []draft
	for _, c := range prompts {
		blocks := []layouts.Block{
			{Style: layouts.Style{Face: fonts.Bold, Size: 11, Leading: 1.2}, Text: c.Provocation},
			{Style: layouts.Style{Face: fonts.Regular, Size: 9.5, Leading: 1.3}, Text: "? " + c.Question, Before: 4},
		}
		box := layouts.Size{W: PremortemSize.W - 2*cardPad, H: PremortemSize.H - clueHeader - 2*cardPad}
		fit := layouts.Fit(blocks, box, bodyMin/9.5)
		if len(fit.Pages) > 1 {
			return nil, &CardError{Card: "prompt card " + c.ID, Msg: "its text does not fit a card even at 7 pt; shorten it"}
		}
		c := c
		out = append(out, draft{ID: c.ID, Kind: "prompt", Name: "prompt-" + c.ID, Size: PremortemSize, Front: func(p *Page, r layouts.Rect, bleed float64) {
			background(p, r, bleed, White)
			band := Color{R: 40, G: 70, B: 90}
			p.Rect(layouts.Rect{X: r.X - bleed, Y: r.Y - bleed, W: r.W + 2*bleed, H: clueHeader + bleed}, &band, nil)
			p.Text(r.X+cardPad, r.Y+6.0, fonts.Bold, 8, White, tx.CardBack)
			p.Text(r.X+cardPad, r.Y+10.0, fonts.Regular, 7, Gray(0.85), c.Theme)
			placed(p, r.X+cardPad, r.Y+clueHeader+cardPad, fit.Pages[0])
			outline(p, r)
		}})
	}
	return out, nil
}

// ideaSlip is a blank card with a theme box and lines to write one idea.
func ideaSlip(tx kitText) face {
	return func(p *Page, r layouts.Rect, bleed float64) {
		background(p, r, bleed, White)
		p.Text(r.X+cardPad, r.Y+cardPad+3, fonts.Bold, 9, Black, tx.Slip)
		// Theme, id and votes: what the premortem record asks of each idea.
		inner := r.W - 2*cardPad
		box := layouts.Rect{X: r.X + cardPad, Y: r.Y + r.H - cardPad - 9, W: inner * 0.52, H: 9}
		id := layouts.Rect{X: box.X + box.W + 1.5, Y: box.Y, W: inner*0.48/2 - 1.5, H: 9}
		votes := layouts.Rect{X: id.X + id.W + 1.5, Y: box.Y, W: id.W, H: 9}
		for _, b := range []struct {
			r     layouts.Rect
			label string
		}{{box, tx.Theme}, {id, tx.IdeaID}, {votes, tx.Votes}} {
			p.Rect(b.r, nil, &Pen{Width: 0.3, Color: Gray(0.4)})
			p.Text(b.r.X+1.2, b.r.Y+3.2, fonts.Regular, fitOneLine(fonts.Regular, b.label, b.r.W-2.4, 7, 6), Gray(0.4), b.label)
		}
		for y := r.Y + cardPad + 12; y < box.Y-3; y += 8 {
			p.Line(Pen{Width: 0.15, Color: Gray(0.7)}, Point{X: r.X + cardPad, Y: y}, Point{X: r.X + r.W - cardPad, Y: y})
		}
		outline(p, r)
	}
}

// clusterSheet has a box per theme and an impact × likelihood grid.
func clusterSheet(d *Deck, size layouts.Size, themes []string, tx kitText, lb Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(tx.Cluster, title, lb))
	w.newPage()
	cols := 3
	if len(themes) <= 4 {
		cols = 2
	}
	const gap = 2.0
	rows := (len(themes) + cols - 1) / cols
	cellW := (w.width() - gap*float64(cols-1)) / float64(cols)
	cellH := min(40.0, (w.remaining()*0.45)/float64(rows))
	for i, t := range themes {
		x := w.left() + float64(i%cols)*(cellW+gap)
		y := w.y + float64(i/cols)*(cellH+gap)
		w.page.Rect(layouts.Rect{X: x, Y: y, W: cellW, H: cellH}, nil, &Pen{Width: 0.3, Color: Gray(0.4)})
		for j, l := range layouts.Wrap(t, cellW-4, layouts.FaceMeasure(fonts.Bold, 9)) {
			w.page.Text(x+2, y+4.5+float64(j)*4, fonts.Bold, 9, Black, l.Visible())
		}
	}
	w.y += float64(rows)*(cellH+gap) + 4
	w.heading(12, tx.Vote, 60)
	w.y += 6 // room for the impact label above the grid
	side := min(w.width()-10, w.remaining()-10)
	x0, y0 := w.left()+8, w.y
	grid := layouts.Rect{X: x0, Y: y0, W: side, H: side}
	w.page.Rect(grid, nil, &Pen{Width: 0.4, Color: Black})
	for i := 1; i < 3; i++ {
		f := float64(i) / 3
		w.page.Line(Pen{Width: 0.2, Color: Gray(0.6)}, Point{X: x0 + side*f, Y: y0}, Point{X: x0 + side*f, Y: y0 + side})
		w.page.Line(Pen{Width: 0.2, Color: Gray(0.6)}, Point{X: x0, Y: y0 + side*f}, Point{X: x0 + side, Y: y0 + side*f})
	}
	w.page.Text(x0, y0+side+4.5, fonts.Bold, 9, Black, tx.Likelihood)
	w.page.Text(w.left(), y0-1.5, fonts.Bold, 9, Black, tx.Impact)
}

// nextSheet is one block per pick: title, trigger, who is paged, and what
// the team would wish it had.
func nextSheet(d *Deck, size layouts.Size, tx kitText, lb Labels, title string) {
	w := newPageWriter(d, size, sheetHeader(tx.Next, title, lb))
	w.newPage()
	h := (w.remaining() - 2*4) / 3
	for n := 1; n <= 3; n++ {
		r := layouts.Rect{X: w.left(), Y: w.y, W: w.width(), H: h}
		w.page.Rect(r, nil, &Pen{Width: 0.3, Color: Gray(0.35)})
		w.page.Text(r.X+3, r.Y+6, fonts.Bold, 12, Black, fmt.Sprintf("%d.", n))
		y := r.Y + 8
		labels := []string{tx.Pick, tx.IdeaID, tx.Owner, tx.Trigger, tx.Paged, tx.Wish}
		for _, label := range labels {
			y += (h - 16) / float64(len(labels))
			w.page.Text(r.X+3, y-1, fonts.Regular, 8, Gray(0.35), label)
			w.page.Line(Pen{Width: 0.2, Color: Gray(0.6)}, Point{X: r.X + 3 + fonts.Regular.Width(label, 8) + 3, Y: y}, Point{X: r.X + r.W - 3, Y: y})
		}
		w.y += h + 4
	}
}
