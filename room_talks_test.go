package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/propdeck/propdeck/internal/session"
)

// talk is a session of the room talking back: its console, the journal,
// the role pages' tokens and the facilitator's tab.
type talk struct {
	*console
	t       *testing.T
	ctx     context.Context // the browser, where each phone is a context of its own
	bin     string
	journal string
	port    int
	base    string
	roles   map[string]string
}

// openTalk starts a console on a journal started ago, and reads the role
// pages' tokens from the tokens file beside it.
func openTalk(t *testing.T, bin, example string, ago time.Duration) *talk {
	t.Helper()
	journal := filepath.Join(t.TempDir(), "s.journal.jsonl")
	start := time.Now().Add(-ago).UTC().Format(time.RFC3339Nano)
	if err := os.WriteFile(journal, []byte(fmt.Sprintf(`{"seq":1,"at":%q,"t":0,"kind":"start"}`+"\n", start)), 0o600); err != nil {
		t.Fatal(err)
	}
	tk := &talk{t: t, bin: bin, journal: journal, port: freePort(t)}
	tk.console = startConsole(t, bin, example, journal, tk.port, "1")
	t.Cleanup(func() { _ = tk.cmd.Process.Kill(); _ = tk.cmd.Wait() })
	tk.base, _, _ = strings.Cut(tk.facilitator, "/?token=")
	var tokens struct{ Roles map[string]string }
	data, err := os.ReadFile(session.FilesOf(journal).Tokens)
	if err != nil || json.Unmarshal(data, &tokens) != nil {
		t.Fatalf("the tokens file: %v", err)
	}
	tk.roles = tokens.Roles
	return tk
}

// phone is a new tab in a browser context of its own (a device with its
// own storage, hence its own device id) on a role's page, phone-sized.
func (tk *talk) phone(role string) context.Context {
	tk.t.Helper()
	tab, cancel := chromedp.NewContext(tk.ctx, chromedp.WithNewBrowserContext())
	tk.t.Cleanup(cancel)
	do(tk.t, tab, chromedp.EmulateViewport(390, 844), chromedp.Navigate(tk.base+"/play/"+role+"?token="+tk.roles[role]),
		chromedp.WaitVisible(chromedp.CSS("#ask-text")))
	return tab
}

// as posts an event with a role's token, as its page would.
func (tk *talk) as(role string, event map[string]any, device string) {
	tk.t.Helper()
	data, _ := json.Marshal(event)
	req, _ := http.NewRequest("POST", tk.base+"/api/events", bytes.NewReader(data))
	req.Header.Set("X-Token", tk.roles[role])
	if device != "" {
		req.Header.Set("X-Device", device)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tk.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		tk.t.Fatalf("%s posts %v: %s", role, event, res.Status)
	}
}

// facilitatorPost posts an event with the facilitator's token.
func (tk *talk) facilitatorPost(event map[string]any) {
	tk.t.Helper()
	r := &room{console: tk.console}
	r.post(tk.t, event)
}

// typeAndSend types into a field and presses its Send.
func typeAndSend(field, send, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.WaitVisible(chromedp.CSS(field)), chromedp.SendKeys(chromedp.CSS(field), text), press(send))
}

// roomTalksBack is the "done when": a facilitator, a screen and
// four phones (two roles, and two more devices on a poll open to
// everyone): two asks, one answered with a card and one with none; an
// answer per role, one shown on the screen and one hidden; a poll voted
// on from every phone, the console killed and started again mid-poll
// losing no vote, a vote changed, the poll closed and its agreement on
// the screen; a hot wash; then the record and report carry all of it,
// and no file holds a token or a device's id.
func roomTalksBack(t *testing.T, ctx context.Context, bin, axe string) {
	tk := openTalk(t, bin, "eu-db-latency", 12*time.Minute)
	tk.ctx = ctx
	fac, cancelFac := chromedp.NewContext(ctx)
	defer cancelFac()
	screen, cancelScreen := chromedp.NewContext(ctx)
	defer cancelScreen()
	do(t, fac, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(tk.facilitator), waitSeq(1))
	do(t, screen, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(tk.screen), chromedp.WaitVisible(chromedp.CSS("#region-aloud")))
	ic, db := tk.phone("ic"), tk.phone("oncall-db")
	do(t, ic, typeAndSend("#ask-text", "#ask-send", "we check the replica lag dashboard"))
	do(t, fac, waitSeq(2))
	do(t, db, typeAndSend("#ask-text", "#ask-send", "the DPO's phone number"))
	do(t, fac, waitSeq(3))
	if got := eval[string](t, fac, `document.querySelector('[data-key="ask-2"] button.suggested').textContent`); !strings.Contains(got, "r1") {
		t.Errorf("the ask for the replica lag dashboard suggests %q, not r1", got)
	}
	do(t, fac, press(`[data-key="ask-2"] button.suggested`), waitSeq(4), press(`[data-key="ask-3"] button.no-card-exists`), waitSeq(5))
	do(t, ic, chromedp.WaitVisible(chromedp.CSS(`[data-key="ask-2"][data-status="card"]`)))
	do(t, db, chromedp.WaitVisible(chromedp.CSS(`[data-key="ask-3"][data-status="no-card"]`)))
	do(t, ic, typeAndSend("#answer-text", "#answer-send", "Fail over now: the replica lags 40 s"))
	do(t, fac, waitSeq(6))
	do(t, db, typeAndSend("#answer-text", "#answer-send", "Wait: a failover loses the last writes"))
	do(t, fac, waitSeq(7), press(`[data-key="answer-6"] button.show-answer`), waitSeq(8),
		press(`[data-key="answer-7"] button.hide-text`), waitSeq(9))
	do(t, screen, until(`(document.querySelector("#region-shown:not([hidden])") || {}).textContent?.includes("the replica lags 40 s") || false`))
	do(t, db, until(`!document.querySelector('[data-key="answer-7"]')`))
	for _, p := range []context.Context{ic, screen} {
		if text := eval[string](t, p, `document.body.innerText`); strings.Contains(text, "loses the last writes") || strings.Contains(text, "DPO") {
			t.Errorf("another role's, or a hidden, text on a page:\n%s", text)
		}
	}
	talkPoll(t, tk, fac, screen, ic, db)
	talkHotWash(t, tk, fac, screen, ic)
	for name, p := range map[string]context.Context{"facilitator": fac, "screen": screen, "phone": ic} {
		checkAxe(t, p, axe, "the room's "+name)
	}
	talkRecord(t, tk, []context.Context{ic, db})
}

// talkPoll opens a poll to everyone, votes from four devices, kills the
// console after three votes, and closes the poll once it is back.
func talkPoll(t *testing.T, tk *talk, fac, screen, ic, db context.Context) {
	do(t, fac, chromedp.SendKeys(chromedp.CSS("#poll-id"), "failover"), chromedp.SendKeys(chromedp.CSS("#poll-question"), "Fail over now?"),
		chromedp.SendKeys(chromedp.CSS("#poll-options"), "fail over, wait"), press("#poll-anonymous"), press("#open-poll"), waitSeq(10))
	other1, other2 := tk.phone("ic"), tk.phone("oncall-db")
	vote := func(p context.Context, option string, seq int) {
		do(t, p, press(fmt.Sprintf(`[data-key="poll-failover"] button.vote[data-option=%q]`, option)),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`[data-key="poll-failover"] button.vote.on[data-option=%q]`, option))))
		do(t, fac, waitSeq(seq))
	}
	vote(ic, "wait", 11)
	vote(db, "wait", 12)
	vote(other1, "fail over", 13)
	for _, p := range []context.Context{ic, screen, fac} {
		if eval[bool](t, p, `!!document.querySelector(".tally, .verdict")`) {
			t.Error("a page shows votes before the poll closes")
		}
	}
	do(t, screen, chromedp.WaitVisible(chromedp.CSS(`[data-key="poll-failover"][data-votes="3"]`)))
	shootPhone(t, ic, "room-en-phone-voting")
	// The laptop dies mid-poll: SIGKILL, and the same console again.
	_ = tk.cmd.Process.Signal(syscall.SIGKILL)
	_ = tk.cmd.Wait()
	tk.console = startConsole(t, tk.bin, "eu-db-latency", tk.journal, tk.port, "1")
	do(t, fac, chromedp.Reload(), waitSeq(13))
	vote(other2, "fail over", 14)
	vote(db, "fail over", 15) // a second vote replaces the first
	do(t, fac, press(`[data-key="poll-failover"] button.close-poll`), waitSeq(16))
	do(t, screen, chromedp.WaitVisible(chromedp.CSS(`#region-polls .verdict`)))
	verdict := eval[string](t, screen, `document.querySelector("#region-polls").innerText`)
	for _, want := range []string{"fail over · 3", "wait · 1", "Unified (75% agreement)"} {
		if !strings.Contains(verdict, want) {
			t.Errorf("the screen's poll does not say %q:\n%s", want, verdict)
		}
	}
	do(t, ic, chromedp.WaitVisible(chromedp.CSS(`[data-key="poll-failover"] .verdict`)))
}

// talkHotWash opens the hot wash; two phones answer it, and the screen
// counts them.
func talkHotWash(t *testing.T, tk *talk, fac, screen, ic context.Context) {
	do(t, fac, press("#open-wash"), waitSeq(17))
	do(t, ic, typeAndSend("#fb-worked", "#fb-send", "the replica lag card came at once"),
		chromedp.WaitVisible(chromedp.CSS("#fb-sent")), until(`document.querySelector("#fb-sent").textContent !== ""`))
	do(t, fac, waitSeq(18))
	tk.as("oncall-db", map[string]any{"kind": "feedback", "broke": "nobody owned the status page", "score": 3}, "")
	do(t, fac, waitSeq(19))
	do(t, screen, chromedp.WaitVisible(chromedp.CSS(`#region-hotwash .count[data-count="2"]`)))
	talkNextPoll(t, tk, fac, screen, ic)
}

// washFirst says whether a page's hot wash is above its polls.
const washFirst = `!!(document.querySelector("#region-hotwash").compareDocumentPosition(document.querySelector("#region-polls")) & Node.DOCUMENT_POSITION_FOLLOWING)`

// talkNextPoll opens a second poll: the screen counts it and keeps the
// first one's result beside it until the facilitator takes it off; the
// phone puts the open poll above its hot wash.
func talkNextPoll(t *testing.T, tk *talk, fac, screen, ic context.Context) {
	if !eval[bool](t, ic, washFirst) {
		t.Error("the phone's closed polls are above its open hot wash")
	}
	tk.facilitatorPost(map[string]any{"kind": "poll", "id": "vendor", "question": "Page the vendor?", "options": []string{"yes", "no"}})
	do(t, fac, waitSeq(20))
	do(t, screen, chromedp.WaitVisible(chromedp.CSS(`#region-polls .poll.open[data-key="poll-vendor"]`)))
	if got := eval[[]string](t, screen, `[...document.querySelectorAll("#region-polls .poll")].map((p) => p.dataset.key)`); strings.Join(got, " ") != "poll-vendor poll-failover" {
		t.Errorf("the screen's polls are %v, want the open one and the result beside it", got)
	}
	do(t, ic, chromedp.WaitVisible(chromedp.CSS(`[data-key="poll-vendor"] button.vote`)))
	if eval[bool](t, ic, washFirst) {
		t.Error("the phone's hot wash is above its open poll")
	}
	shootTalk(t, map[string]context.Context{"facilitator": fac, "screen": screen, "phone": ic}, "en")
	do(t, fac, press(`[data-key="poll-failover"] button.unshow-result`), waitSeq(21))
	do(t, screen, until(`!document.querySelector('#region-polls [data-key="poll-failover"]')`))
}

// talkRecord ends the session and reads its record, report and journal.
func talkRecord(t *testing.T, tk *talk, phones []context.Context) {
	tk.facilitatorPost(map[string]any{"kind": "end"})
	tk.waitEnded(t, tk.journal)
	files := session.FilesOf(tk.journal)
	record, _ := os.ReadFile(files.Record)
	md, _ := os.ReadFile(filepath.Join(files.Report, "eu-db-latency-report.md"))
	journal, _ := os.ReadFile(tk.journal)
	for _, want := range []string{`answer = "card"`, `card = "r1"`, `answer = "no-card"`, `text = "Fail over now: the replica lags 40 s"`,
		"votes = [3, 1]", "agreement = 75", "count = 2", `asked_no_card = ["the DPO's phone number"]`} {
		if !strings.Contains(string(record), want) {
			t.Errorf("the record lacks %s:\n%s", want, record)
		}
	}
	for _, want := range []string{"What the room said", "Poll: Fail over now? 3 of 4 fail over, Unified (75%)", "nobody owned the status page"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(string(record)+string(md), "loses the last writes") {
		t.Error("a hidden answer is in the record or report")
	}
	secrets := []string{}
	for _, tok := range tk.roles {
		secrets = append(secrets, tok)
	}
	for _, p := range phones {
		secrets = append(secrets, eval[string](t, p, `localStorage.getItem("propdeck-device") || ""`))
	}
	for _, x := range secrets {
		if x == "" || strings.Contains(string(journal)+string(record)+string(md), x) {
			t.Errorf("a token or device id %.8q… is in a file (or none was made)", x)
		}
	}
}

// shootTalk keeps screenshots of the room's pages at a laptop's, a
// projector's and a phone's size in PROPDECK_SCREENSHOTS, whole pages.
func shootTalk(t *testing.T, pages map[string]context.Context, lang string) {
	dir := os.Getenv("PROPDECK_SCREENSHOTS")
	if dir == "" {
		return
	}
	for name, p := range pages {
		for _, size := range [][2]int64{{1280, 800}, {1920, 1080}, {390, 844}} {
			do(t, p, chromedp.EmulateViewport(size[0], size[1]))
			shot, err := chromedp.Run(p, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("room-%s-%s-%dx%d.png", lang, name, size[0], size[1])), shot, 0o644)
		}
	}
}

// roomTalksBackInKorean: the room's parts of the phone, the screen and
// the facilitator's page speak Korean in the embedded face, with what the
// room said posted through the API.
func roomTalksBackInKorean(t *testing.T, ctx context.Context, bin string) {
	tk := openTalk(t, bin, "dns-change-ko", 10*time.Minute)
	tk.ctx = ctx
	tk.as("ic", map[string]any{"kind": "ask", "text": "DNS 조회 로그를 봅니다"}, "")
	tk.as("oncall-pay", map[string]any{"kind": "answer", "text": "변경을 되돌립니다: 대행사 주소를 못 찾습니다", "round": 1}, "")
	tk.facilitatorPost(map[string]any{"kind": "request", "answers": 2, "clue": "q1"})
	tk.facilitatorPost(map[string]any{"kind": "poll", "id": "status", "question": "상태 페이지를 지금 올릴까요?", "options": []string{"올린다", "원인을 찾고 올린다"}})
	tk.facilitatorPost(map[string]any{"kind": "poll", "id": "rollback", "question": "지금 되돌릴까요?", "options": []string{"되돌린다", "기다린다"}, "anonymous": true})
	for i, o := range []string{"되돌린다", "되돌린다", "기다린다"} {
		tk.as("ic", map[string]any{"kind": "vote", "poll": "rollback", "option": o}, fmt.Sprintf("korean-device-%02d-0123456789", i))
	}
	tk.facilitatorPost(map[string]any{"kind": "poll-close", "poll": "rollback"})
	tk.facilitatorPost(map[string]any{"kind": "feedback-open"})
	tk.as("comms", map[string]any{"kind": "feedback", "worked": "공지가 빨랐다", "score": 4}, "")
	phone := tk.phone("ic")
	do(t, phone, chromedp.WaitVisible(chromedp.CSS(`[data-key="poll-rollback"] .verdict`)), chromedp.WaitVisible(chromedp.CSS("#fb-worked")),
		chromedp.WaitVisible(chromedp.CSS(`[data-key="poll-status"] button.vote`)))
	shootPhone(t, phone, "room-ko-phone-voting")
	if text := eval[string](t, phone, `document.querySelector("main").innerText`); !strings.Contains(text, "일치 (의견 일치도 66%)") ||
		!strings.Contains(text, "카드로 답함") {
		t.Errorf("the Korean phone does not say the poll's agreement or the ask's answer:\n%s", text)
	}
	korean(t, phone, "phone")
	fac, cancelFac := chromedp.NewContext(ctx)
	defer cancelFac()
	screen, cancelScreen := chromedp.NewContext(ctx)
	defer cancelScreen()
	do(t, fac, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(tk.facilitator), waitSeq(12))
	do(t, screen, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(tk.screen),
		chromedp.WaitVisible(chromedp.CSS(`#region-hotwash .count[data-count="1"]`)), chromedp.WaitVisible(chromedp.CSS("#region-polls .verdict")))
	shootTalk(t, map[string]context.Context{"facilitator": fac, "screen": screen, "phone": phone}, "ko")
}

// shootPhone keeps a phone's page as its screen shows it, in
// PROPDECK_SCREENSHOTS, scrolled to its polls.
func shootPhone(t *testing.T, p context.Context, name string) {
	dir := os.Getenv("PROPDECK_SCREENSHOTS")
	if dir == "" {
		return
	}
	do(t, p, until(`(document.querySelector("#region-polls").scrollIntoView(), true)`))
	shot, err := chromedp.Run(p, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(dir, name+"-390x844.png"), shot, 0o644)
}
