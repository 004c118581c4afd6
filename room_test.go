package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/testenv"
	"github.com/propdeck/propdeck/internal/vocab"
)

// screens rewrites the README's pictures of the console (docs/screens).
var screens = flag.Bool("screens", false, "write the README's screenshots of the console under docs/screens")

// axeSHA256 is the SHA-256 of testdata/axe/axe.min.js, axe-core 4.14.1
// as npm gives it (see testdata/axe/README.md).
const axeSHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"

// idOnly is a card of a list by its id alone.
type idOnly struct {
	ID string `json:"id"`
}

// roomState is the part of the facilitator's data the room test reads.
type roomState struct {
	Due      []idOnly `json:"due"`
	Requests []struct {
		ID     string   `json:"id"`
		Ask    string   `json:"ask"`
		To     []string `json:"to"`
		Handed bool     `json:"handed"`
	} `json:"requests"`
	Asked    []struct{ Ask, Clue string } `json:"asked"`
	NextDraw string                       `json:"nextDraw"`
	Round    struct {
		Expect []struct{ Role, Action, Rating string } `json:"expect"`
	} `json:"round"`
	Earlier []struct {
		Expect []struct{ Role, Action, Rating string } `json:"expect"`
	} `json:"earlier"`
	Drawn []struct{ ID, Title, Body string } `json:"drawn"`
	Cards []struct{ At string }              `json:"cards"`
}

// sameMinute reports whether two story clocks (HH:MM) are at most a minute
// apart.
func sameMinute(a, b string) bool {
	ta, errA := time.Parse("15:04", a)
	tb, errB := time.Parse("15:04", b)
	d := ta.Sub(tb)
	return errA == nil && errB == nil && d <= time.Minute && d >= -time.Minute
}

// room is a console with a session twelve or twenty story minutes in,
// in its second round, and what the test did in it through the API.
type room struct {
	*console
	s     *scenarios.Session
	seq   int
	shown string // the title of the complication on the screen
	other string // the title of one drawn but not shown
	left  string // the card left due, for the facilitator's key h
}

// TestTheRoomInABrowser opens every page kind of a session in its second
// round, in English and Korean, in one browser: the facilitator sees
// every drawn complication's text and rates an earlier round's action,
// hands out, asks and rates by key; the screen reads across a room at
// 1920×1080 and 1280×720; the phone shows who it is, the newest card
// first, full size on a tap, and its own QR code on a laptop; Korean
// pages are Korean in the embedded font; every page passes axe-core; and
// no page but the facilitator's holds what it must not.
func TestTheRoomInABrowser(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256(axe); hex.EncodeToString(sum[:]) != axeSHA256 {
		t.Fatalf("testdata/axe/axe.min.js is not the pinned axe-core 4.14.1")
	}
	ctx, cancel := browser(t)
	t.Cleanup(cancel) // after the subtests, which run side by side in their own tabs
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	// The Korean session runs at pace 2: ten minutes in, the story is at
	// T+20m.
	for _, tc := range []struct {
		example string
		ago     time.Duration
		pace    int
	}{{"eu-db-latency", 12 * time.Minute, 1}, {"dns-change-ko", 10 * time.Minute, 2}} {
		t.Run(tc.example, func(t *testing.T) {
			t.Parallel()
			r := openRoom(t, bin, tc.example, tc.ago, tc.pace)
			defer func() { _ = r.cmd.Process.Kill(); _ = r.cmd.Wait() }()
			// One tab goes from page to page, as one person's browser
			// would: the pages share the browser context's storage in
			// tabs of their own too, and a tab each cost a renderer
			// process each.
			tab, cancelTab := chromedp.NewContext(ctx)
			defer cancelTab()
			if err := chromedp.Do(tab); err != nil {
				t.Fatal(err)
			}
			for _, page := range []func(*testing.T, context.Context, *room, string){roomFacilitator, roomScreen, roomPlayer, roomScribe} {
				page(t, tab, r, string(axe))
			}
		})
	}
	// The room talks back (issue 37), in the same browser.
	t.Run("talks-back", func(t *testing.T) { t.Parallel(); roomTalksBack(t, ctx, bin, string(axe)) })
	t.Run("talks-back-ko", func(t *testing.T) { t.Parallel(); roomTalksBackInKorean(t, ctx, bin) })
	// Last time's open actions, carried and rated (issue 39).
	t.Run("carried", func(t *testing.T) { t.Parallel(); carriedInTheBrowser(t, ctx, bin) })
}

// openRoom starts a console on a journal started ago at a pace, and through the
// API hands out every card due but one, answers a request for everyone,
// draws two complications and shows the first, and notes a finding and a
// decision.
func openRoom(t *testing.T, bin, example string, ago time.Duration, pace int) *room {
	t.Helper()
	s, err := examples.LoadExample(example, nil)
	if err != nil {
		t.Fatal(err)
	}
	journal := filepath.Join(t.TempDir(), "s.journal.jsonl")
	start := time.Now().Add(-ago).UTC().Format(time.RFC3339Nano)
	if err := os.WriteFile(journal, []byte(fmt.Sprintf(`{"seq":1,"at":%q,"t":0,"kind":"start","pace":%d}`+"\n", start, pace)), 0o600); err != nil {
		t.Fatal(err)
	}
	r := &room{console: startConsole(t, bin, example, journal, freePort(t), "1"), s: s, seq: 1}
	st := r.state(t)
	r.left = st.Due[len(st.Due)-1].ID
	for _, p := range st.Due[:len(st.Due)-1] {
		r.post(t, map[string]any{"kind": "reveal", "clue": p.ID})
	}
	for _, p := range st.Requests {
		if len(p.To) == 0 {
			r.post(t, map[string]any{"kind": "request", "ask": p.Ask, "clue": p.ID})
			break
		}
	}
	r.post(t, map[string]any{"kind": "complication", "card": st.NextDraw})
	r.post(t, map[string]any{"kind": "complication", "card": r.state(t).NextDraw})
	drawn := r.state(t).Drawn
	r.shown, r.other = drawn[0].Title, drawn[1].Title
	r.post(t, map[string]any{"kind": "show", "card": drawn[0].ID})
	r.post(t, map[string]any{"kind": "note", "tag": "missing-data", "text": "No dashboard for the resolver's errors"})
	r.post(t, map[string]any{"kind": "decision", "text": "Roll the change back", "who": "ic",
		"options": []string{"roll back", "wait"}, "rationale": "The vendor cannot say when"})
	return r
}

// api asks the console with the facilitator's token.
func (r *room) api(t *testing.T, method, path string, body any) []byte {
	t.Helper()
	base, tok, _ := strings.Cut(r.facilitator, "/?token=")
	var in io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		in = bytes.NewReader(data)
	}
	req, _ := http.NewRequest(method, base+path, in)
	req.Header.Set("X-Token", tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s: %s", method, path, resp.Status, out)
	}
	return out
}

func (r *room) post(t *testing.T, event map[string]any) {
	t.Helper()
	r.api(t, "POST", "/api/events", event)
	r.seq++
}

func (r *room) state(t *testing.T) roomState {
	t.Helper()
	var st roomState
	if err := json.Unmarshal(r.api(t, "GET", "/api/state", nil), &st); err != nil {
		t.Fatal(err)
	}
	return st
}

// eval is a script's value on the page.
func eval[T any](t *testing.T, ctx context.Context, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return v
}

// checkAxe runs axe-core on the page as it is and fails on any serious or
// critical violation.
func checkAxe(t *testing.T, ctx context.Context, axe, page string) {
	t.Helper()
	eval[bool](t, ctx, axe+"\n;true")
	found := eval[string](t, ctx, `axe.run(document, {resultTypes: ["violations"]}).then((r) => JSON.stringify(
		r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
			.map((v) => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "))))`)
	var bad []string
	_ = json.Unmarshal([]byte(found), &bad)
	for _, v := range bad {
		t.Errorf("%s: axe-core: %s", page, v)
	}
}

// shoot keeps a screenshot of the page in PROPDECK_SCREENSHOTS, and the
// README's under docs/screens with -screens.
func shoot(t *testing.T, ctx context.Context, name string, readme bool) {
	t.Helper()
	var dirs []string
	if d := os.Getenv("PROPDECK_SCREENSHOTS"); d != "" {
		dirs = append(dirs, d)
	}
	if readme && *screens {
		dirs = append(dirs, filepath.Join("docs", "screens"))
	}
	if len(dirs) == 0 {
		return
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if err := os.WriteFile(filepath.Join(d, name+".png"), shot, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// korean checks that a Korean page shows no value of a vocabulary as its
// id, breaks Korean at spaces, and draws it in the embedded Nanum Gothic
// that the console serves: the browser loaded the face (its sanitiser
// took it) for the text it draws.
func korean(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	text := eval[string](t, ctx, `document.querySelector("main").innerText`)
	for _, l := range []vocab.List{vocab.Kind, vocab.NoteTag, vocab.Rating} {
		for _, id := range l.Values {
			if regexp.MustCompile(`(^|[^\w-])` + regexp.QuoteMeta(id) + `($|[^\w-])`).MatchString(text) {
				t.Errorf("%s: the Korean page shows %q, an id", page, id)
			}
		}
	}
	if got := eval[string](t, ctx, `getComputedStyle(document.body).wordBreak`); got != "keep-all" {
		t.Errorf("%s: word-break %q", page, got)
	}
	loaded := eval[string](t, ctx, `document.fonts.ready.then(() => [...document.fonts]
		.filter((f) => f.family.includes("Nanum")).map((f) => f.weight + ":" + f.status).sort().join(" "))`)
	if !strings.Contains(loaded, "400:loaded") {
		t.Errorf("%s: the embedded Nanum Gothic is not in use (faces: %q)", page, loaded)
	}
	if !eval[bool](t, ctx, `document.fonts.check('16px "propdeck Nanum Gothic"', "결제")`) {
		t.Errorf("%s: the browser would not draw Hangul in the embedded font", page)
	}
	// What the renderer drew the title (bold) and the page's first
	// small text (regular) with: the downloaded faces, not a system font.
	for _, sel := range []string{"header h1", "main section:not([hidden]) .meta"} {
		nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS(sel), chromedp.AtLeast(1)))
		if err != nil {
			t.Fatal(err)
		}
		used, err := chromedp.Call(ctx, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: nodes[0].NodeID})
		if err != nil {
			t.Fatal(err)
		}
		var faces []string
		nanum := false
		for _, f := range used.Fonts {
			faces = append(faces, fmt.Sprintf("%s (custom %v, %v glyphs)", f.FamilyName, f.IsCustomFont, f.GlyphCount))
			nanum = nanum || f.IsCustomFont && strings.Contains(f.FamilyName, "Nanum") && f.GlyphCount > 0
		}
		if !nanum {
			t.Errorf("%s: %s is drawn in %v, not the embedded Nanum Gothic", page, sel, faces)
		}
	}
}

func roomFacilitator(t *testing.T, ctx context.Context, r *room, axe string) {
	do(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(r.facilitator), waitSeq(r.seq))
	text := eval[string](t, ctx, `document.querySelector("#region-complications").innerText`)
	st := r.state(t)
	for _, d := range st.Drawn {
		if !strings.Contains(text, d.Title) || !strings.Contains(text, d.Body) {
			t.Errorf("the drawn complication %s is not there with its text", d.ID)
		}
	}
	if fits := eval[bool](t, ctx, `(() => { const s = document.querySelector("#region-complications");
		return s.scrollWidth <= s.clientWidth && document.querySelector("#pick").getBoundingClientRect().right <= s.getBoundingClientRect().right; })()`); !fits {
		t.Error("the complications picker is wider than its region at 1280×800")
	}
	// A select cuts its choice at its width: the whole title is under it.
	if whole := eval[bool](t, ctx, `(() => { const p = document.querySelector("#pick");
		return !p.value || document.querySelector("#region-complications .picked").textContent.startsWith(p.selectedOptions[0].textContent); })()`); !whole {
		t.Error("the complications picker's choice is not said whole under it")
	}
	deck := r.s.Meta().ID + "-clues.pdf"
	if due := eval[string](t, ctx, `document.querySelector("#region-due").innerText`); !strings.Contains(due, deck) {
		t.Errorf("the due list does not name the deck %s:\n%s", deck, due)
	}
	notes := eval[string](t, ctx, `document.querySelector("#region-notes").innerText`)
	for _, want := range []string{"The vendor cannot say when", "roll back · wait", ": " + r.s.Roles()[0].Name} {
		if !strings.Contains(notes, want) {
			t.Errorf("the notes do not show %q:\n%s", want, notes)
		}
	}
	// A note's clock is the story's, as a card's: the last card was
	// handed out a moment before the notes, at most a story minute apart.
	clocks := regexp.MustCompile(`(\d\d):(\d\d) · `).FindAllStringSubmatch(notes, -1)
	if regexp.MustCompile(`T\+\d\dm`).MatchString(notes) || len(clocks) == 0 || !sameMinute(clocks[0][0][:5], st.Cards[len(st.Cards)-1].At) {
		t.Errorf("the notes are not in story time (the last card was handed out at %s):\n%s", st.Cards[len(st.Cards)-1].At, notes)
	}
	if r.s.Meta().Language == "ko" {
		korean(t, ctx, "facilitator")
	}
	checkAxe(t, ctx, axe, "facilitator")
	shoot(t, ctx, r.s.Meta().ID+"-facilitator-1280x800", false)
	if d := os.Getenv("PROPDECK_SCREENSHOTS"); d != "" {
		for _, region := range []string{"complications", "earlier", "notes", "roles", "cards"} {
			if png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("#region-"+region))); err == nil {
				_ = os.WriteFile(filepath.Join(d, r.s.Meta().ID+"-facilitator-"+region+".png"), png, 0o644)
			}
		}
	}
	if r.s.Meta().Language == "en" {
		shoot(t, ctx, "facilitator", true)
	}
	// An earlier round's action is rated by its button, the current
	// round's first one by key 1, the card still due handed out by h.
	do(t, ctx, press(`#region-earlier button.rate[data-rating="met"]`), waitSeq(r.seq+1))
	do(t, ctx, chromedp.KeyEvent("1"), waitSeq(r.seq+2), chromedp.KeyEvent("h"), waitSeq(r.seq+3))
	r.seq += 3
	st = r.state(t)
	if st.Earlier[0].Expect[0].Rating != "met" || st.Round.Expect[0].Rating != vocab.Rating.Values[0] || slices.Contains(st.Due, idOnly{r.left}) {
		t.Errorf("after the rate button and keys 1 and h: earlier %+v, round %+v, due %v", st.Earlier[0].Expect[0], st.Round.Expect[0], st.Due)
	}
	for key, field := range map[string]string{"a": "ask", "n": "note", "/": "search"} {
		do(t, ctx, chromedp.KeyEvent(key))
		if got := eval[string](t, ctx, `(() => { const id = document.activeElement.id; document.activeElement.blur(); return id; })()`); got != field {
			t.Errorf("key %s: the focus is on %q, want %q", key, got, field)
		}
	}
	// A request answered by keys: / and the card's id, then Enter; one
	// with no card: a, what was asked, Enter.
	var card string
	for _, p := range st.Requests {
		if !p.Handed {
			card = p.ID
			break
		}
	}
	// DevTools sends a key's character apart from its keydown, so the
	// key that moved the focus lands in the field too, as no keyboard's
	// would: the field is emptied before typing.
	empty := func(id string) chromedp.Action[chromedp.Void] {
		return until(fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = ""; e.dispatchEvent(new Event("input")); return true; })()`, id))
	}
	do(t, ctx, chromedp.KeyEvent("/"), empty("search"), chromedp.SendKeys(chromedp.CSS("#search"), card), chromedp.KeyEvent(kb.Enter),
		waitSeq(r.seq+1), until(`document.activeElement.blur() || true`),
		chromedp.KeyEvent("a"), empty("ask"), chromedp.SendKeys(chromedp.CSS("#ask"), "the vendor's status history"), chromedp.KeyEvent(kb.Enter),
		waitSeq(r.seq+2))
	r.seq += 2
	st = r.state(t)
	last := st.Asked[len(st.Asked)-1]
	if prev := st.Asked[len(st.Asked)-2]; prev.Clue != card || last.Ask != "the vendor's status history" || last.Clue != "" {
		t.Errorf("after the request keys, asked: %+v", st.Asked)
	}
}

func roomScreen(t *testing.T, ctx context.Context, r *room, axe string) {
	// The page is loaded once and the window resized, as a screen's is;
	// loading it again at each size checked nothing more.
	do(t, ctx, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(r.screen))
	for i, size := range [][2]int64{{1920, 1080}, {1280, 720}} {
		do(t, ctx, chromedp.EmulateViewport(size[0], size[1]),
			chromedp.WaitVisible(chromedp.CSS("#region-newest article.card img")),
			until(`document.querySelector("#region-newest img").complete`))
		m := eval[map[string]float64](t, ctx, `({clock: parseFloat(getComputedStyle(document.querySelector("#story")).fontSize) / innerHeight,
			card: document.querySelector("#region-newest img").getBoundingClientRect().width / innerWidth,
			overflow: document.documentElement.scrollWidth - innerWidth})`)
		t.Logf("screen at %dx%d: clock %.3f of the height, newest card %.2f of the width", size[0], size[1], m["clock"], m["card"])
		if m["clock"] < 0.05 || m["card"] < 0.4 || m["overflow"] > 0 {
			t.Errorf("screen at %dx%d: the clock is %.3f of the height, the newest card %.2f of the width, %v px too wide", size[0], size[1], m["clock"], m["card"], m["overflow"])
		}
		text := eval[string](t, ctx, `document.body.innerText`)
		round := r.s.Rounds()[r.s.RoundOf(time.Duration(0))+1]
		for _, want := range []string{round.Title, round.Setup, round.Questions[0], r.shown} {
			if !strings.Contains(text, want) {
				t.Errorf("the screen does not show %q", want)
			}
		}
		if i == 0 {
			checkAxe(t, ctx, axe, "screen")
			if r.s.Meta().Language == "ko" {
				korean(t, ctx, "screen")
			}
		}
		shoot(t, ctx, fmt.Sprintf("%s-screen-%dx%d", r.s.Meta().ID, size[0], size[1]), false)
		if r.s.Meta().Language == "en" && i == 0 {
			shoot(t, ctx, "screen", true)
		}
	}
	// Not a phone's page, but a narrow window wraps it rather than break.
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.WaitVisible(chromedp.CSS("#region-newest article.card")))
	if over := eval[float64](t, ctx, `document.documentElement.scrollWidth - innerWidth`); over > 0 {
		t.Errorf("screen at 390x844: %v px too wide", over)
	}
	shoot(t, ctx, r.s.Meta().ID+"-screen-390x844", false)
	noSpoilers(t, ctx, r, "")
}

func roomPlayer(t *testing.T, ctx context.Context, r *room, axe string) {
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(r.player),
		chromedp.WaitVisible(chromedp.CSS("#region-cards article.card")))
	role := r.s.Roles()[0]
	for _, ro := range r.s.Roles() {
		if ro.ID == "ic" {
			role = ro
		}
	}
	if who := eval[string](t, ctx, `document.querySelector("#region-whoami").innerText`); !strings.Contains(who, role.Name) {
		t.Errorf("the phone does not say whose it is: %q", who)
	}
	if role.RunbookURL != "" && !eval[bool](t, ctx, fmt.Sprintf(`!!document.querySelector('a[href=%q]')`, role.RunbookURL)) {
		t.Errorf("the role's runbook %s is not a link", role.RunbookURL)
	}
	first := eval[string](t, ctx, `(() => { const a = document.querySelector("#region-cards article.card");
		return a.dataset.clue + " " + a.classList.contains("fresh") + " " + !!a.querySelector(".new"); })()`)
	var newest string
	var handed struct{ Cards []struct{ ID string } }
	_ = json.Unmarshal(r.api(t, "GET", "/api/play/ic", nil), &handed)
	if n := len(handed.Cards); n > 0 {
		newest = handed.Cards[n-1].ID
	}
	if first != newest+" true true" {
		t.Errorf("the phone's first card is %q; want the newest, %s, marked new", first, newest)
	}
	do(t, ctx, press("#region-cards button.open"), chromedp.WaitVisible(chromedp.CSS("dialog#full[open] img")))
	if w := eval[float64](t, ctx, `document.querySelector("dialog#full img").getBoundingClientRect().width / innerWidth`); w < 0.85 {
		t.Errorf("a card opened full size is %.2f of the phone's width", w)
	}
	checkAxe(t, ctx, axe, "player (a card open)")
	shoot(t, ctx, r.s.Meta().ID+"-player-card-390x844", false)
	do(t, ctx, chromedp.KeyEvent(kb.Escape), until(`!document.querySelector("dialog#full").open`))
	phoneTurnsACard(t, ctx, r)
	if r.s.Meta().Language == "ko" {
		korean(t, ctx, "player")
	}
	checkAxe(t, ctx, axe, "player")
	shoot(t, ctx, r.s.Meta().ID+"-player-390x844", false)
	if r.s.Meta().Language == "en" {
		shoot(t, ctx, "phone", true)
	}
	noSpoilers(t, ctx, r, "ic")
	// On a laptop the page offers itself to a phone: its QR code holds
	// the page's own link.
	do(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.WaitVisible(chromedp.CSS("img.qr")),
		until(`document.querySelector("img.qr").naturalWidth > 0`))
	zbar := testenv.Need(t, "zbarimg")
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("img.qr")))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "qr.png")
	_ = os.WriteFile(file, png, 0o600)
	out, err := exec.Command(zbar, "--raw", "-q", file).Output()
	if got := strings.TrimSpace(string(out)); err != nil || got != r.player {
		t.Errorf("the phone page's QR code reads %q (%v), want %s", got, err, r.player)
	}
}

func roomScribe(t *testing.T, ctx context.Context, r *room, axe string) {
	do(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(r.scribe), waitSeq(r.seq))
	if r.s.Meta().Language == "ko" {
		korean(t, ctx, "scribe")
	}
	checkAxe(t, ctx, axe, "scribe")
}

// noSpoilers reads a page that is not the facilitator's (role "" for the
// screen) and its data for what it must never hold: another role's
// cards, a sealed note or condition, an expected action, a complication
// the screen was not shown (a player's page shows none), the room's notes.
func noSpoilers(t *testing.T, ctx context.Context, r *room, role string) {
	t.Helper()
	path := "/api/screen"
	if role != "" {
		path = "/api/play/" + role
	}
	page := eval[string](t, ctx, `document.documentElement.outerHTML + document.body.innerText`) + string(r.api(t, "GET", path, nil))
	var secrets []string
	for _, c := range r.s.Clues() {
		secrets = append(secrets, c.Note, c.When)
		if !c.Reaches(role) {
			secrets = append(secrets, c.Title)
		}
	}
	for _, x := range r.s.Rounds() {
		for _, e := range x.Expect {
			secrets = append(secrets, e.Action)
		}
	}
	for _, c := range r.s.ComplicationCards() {
		if role != "" || c.Title != r.shown {
			secrets = append(secrets, c.Title, c.Body)
		}
	}
	secrets = append(secrets, "No dashboard for the resolver's errors", "The vendor cannot say when")
	for _, s := range secrets {
		if len(s) > 6 && strings.Contains(page, s) {
			t.Errorf("%s shows %q", path, s)
		}
	}
}

// until waits for a script to be true on the page.
func until(script string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tgt *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Poll[bool](script)(ctx, tgt)
		return chromedp.Void{}, err
	}
}

// phoneTurnsACard opens a chart or log the role holds on the phone: the
// card is turned a quarter, as a player turns the phone, and spans the
// screen's width with its length down the screen.
func phoneTurnsACard(t *testing.T, ctx context.Context, r *room) {
	t.Helper()
	var handed struct {
		Cards []struct {
			ID, Kind string
			Picture  bool
		}
	}
	if err := json.Unmarshal(r.api(t, "GET", "/api/play/ic", nil), &handed); err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, c := range handed.Cards {
		if c.Picture != (c.Kind == "metric" || c.Kind == "log") {
			t.Errorf("card %s, a %s, says picture = %v", c.ID, c.Kind, c.Picture)
		}
		if c.Picture {
			id = c.ID
		}
	}
	if id == "" {
		t.Fatalf("%s: the test's session hands the incident commander no chart or log", r.s.Meta().ID)
	}
	do(t, ctx, press(fmt.Sprintf(`#region-cards article[data-clue=%q] button.open`, id)),
		until(`!!document.querySelector("dialog#full .turned img")`))
	box := eval[[]float64](t, ctx, `(() => { const b = document.querySelector("dialog#full .turned img").getBoundingClientRect();
		return [b.width / innerWidth, b.height / b.width]; })()`)
	if box[0] < 0.85 || box[1] <= 1 {
		t.Errorf("%s: the chart or log %s opened on a phone is %.2f of its width and %.2f times as long as wide; want it turned across the width", r.s.Meta().ID, id, box[0], box[1])
	}
	shoot(t, ctx, r.s.Meta().ID+"-player-turned-390x844", false)
	do(t, ctx, chromedp.KeyEvent(kb.Escape), until(`!document.querySelector("dialog#full").open`))
}
