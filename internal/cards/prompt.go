package cards

import (
	"fmt"

	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/premortem"
)

// KitText is what the premortem kit says, per language.
type KitText struct {
	Title, Agenda, Prompt, Rules, Slip, Theme, Cluster, Vote, Impact, Likelihood, Next string
	Pick, Trigger, Paged, Wish, CardBack                                               string
	// Owner, IdeaID and Votes are the boxes the premortem record asks for.
	Owner, IdeaID, Votes    string
	Steps                   [][2]string
	RuleList, DefaultThemes []string
}

var kitTexts = map[string]KitText{
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

// KitTextFor is the kit's text in a language, English for one it lacks.
func KitTextFor(lang string) KitText {
	if tx, ok := kitTexts[lang]; ok {
		return tx
	}
	return kitTexts["en"]
}

// PremortemSize is a prompt card or an idea slip: poker size.
var PremortemSize = layouts.Size{W: 63, H: 88}

func promptDrafts(prompts []premortem.Card, tx KitText) ([]draft, error) {
	var out []draft
	for _, c := range prompts {
		blocks := []layouts.Block{
			{Style: layouts.Style{Face: fonts.Bold, Size: 11, Leading: 1.2}, Text: c.Provocation},
			{Style: layouts.Style{Face: fonts.Regular, Size: 9.5, Leading: 1.3}, Text: "? " + c.Question, Before: 4},
		}
		box := layouts.Size{W: PremortemSize.W - 2*cardPad, H: PremortemSize.H - clueHeader - 2*cardPad}
		fit := layouts.Fit(blocks, box, bodyMin/9.5)
		if len(fit.Pages) > 1 {
			return nil, &cardError{Card: "prompt card " + c.ID, Msg: "its text does not fit a card even at 7 pt; shorten it"}
		}
		c := c
		out = append(out, draft{ID: c.ID, Kind: "prompt", Name: "prompt-" + c.ID, Size: PremortemSize, Front: func(p *draw.Page, r layouts.Rect, bleed float64) {
			background(p, r, bleed, draw.White)
			band := draw.Color{R: 40, G: 70, B: 90}
			p.Rect(layouts.Rect{X: r.X - bleed, Y: r.Y - bleed, W: r.W + 2*bleed, H: clueHeader + bleed}, &band, nil)
			p.Text(r.X+cardPad, r.Y+6.0, fonts.Bold, 8, draw.White, tx.CardBack)
			p.Text(r.X+cardPad, r.Y+10.0, fonts.Regular, 7, draw.Gray(0.85), c.Theme)
			layouts.Print(p, r.X+cardPad, r.Y+clueHeader+cardPad, fit.Pages[0])
			outline(p, r)
		}})
	}
	return out, nil
}

// ideaSlip is a blank card with a theme box and lines to write one idea.
func ideaSlip(tx KitText) face {
	return func(p *draw.Page, r layouts.Rect, bleed float64) {
		background(p, r, bleed, draw.White)
		p.Text(r.X+cardPad, r.Y+cardPad+3, fonts.Bold, 9, draw.Black, tx.Slip)
		// Theme, id and votes: what the premortem record asks of each idea.
		inner := r.W - 2*cardPad
		box := layouts.Rect{X: r.X + cardPad, Y: r.Y + r.H - cardPad - 9, W: inner * 0.52, H: 9}
		id := layouts.Rect{X: box.X + box.W + 1.5, Y: box.Y, W: inner*0.48/2 - 1.5, H: 9}
		votes := layouts.Rect{X: id.X + id.W + 1.5, Y: box.Y, W: id.W, H: 9}
		for _, b := range []struct {
			r     layouts.Rect
			label string
		}{{box, tx.Theme}, {id, tx.IdeaID}, {votes, tx.Votes}} {
			p.Rect(b.r, nil, &draw.Pen{Width: 0.3, Color: draw.Gray(0.4)})
			p.Text(b.r.X+1.2, b.r.Y+3.2, fonts.Regular, fitOneLine(fonts.Regular, b.label, b.r.W-2.4, 7, 6), draw.Gray(0.4), b.label)
		}
		for y := r.Y + cardPad + 12; y < box.Y-3; y += 8 {
			p.Line(draw.Pen{Width: 0.15, Color: draw.Gray(0.7)}, draw.Point{X: r.X + cardPad, Y: y}, draw.Point{X: r.X + r.W - cardPad, Y: y})
		}
		outline(p, r)
	}
}

// PromptCards are the premortem's prompt cards in a language.
func PromptCards(prompts []premortem.Card, lang string, opt Options) ([]Card, error) {
	list, err := promptDrafts(prompts, KitTextFor(lang))
	if err != nil {
		return nil, err
	}
	return drawAll(list, opt.Bleed), nil
}

// IdeaSlips are n blank premortem slips, each for one idea.
func IdeaSlips(n int, lang string, opt Options) []Card {
	slip := ideaSlip(KitTextFor(lang))
	list := make([]draft, n)
	for i := range list {
		list[i] = draft{ID: fmt.Sprintf("slip-%02d", i+1), Kind: "slip", Size: PremortemSize, Front: slip}
	}
	return drawAll(list, opt.Bleed)
}
