package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/chromedp/chromedp"
)

// livePremortem is a propdeck premortem --live process, the URLs it
// printed, and what it says on stdout after them.
type livePremortem struct {
	cmd                       *exec.Cmd
	facilitator, screen, join string
	out                       chan string
	stderr                    *bytes.Buffer // read only once the process is waited for
}

// startPremortem runs premortem --live on a fixed port, so that a
// restart serves the pages already open.
// writtenPath is the path in a line saying a file was written.
var writtenPath = regexp.MustCompile(`/\S+?\.(?:toml|pdf|md|json)`)

func startPremortem(t *testing.T, bin, journal, lang string, port int) *livePremortem {
	t.Helper()
	cmd := exec.Command(bin, "premortem", "--live", "--journal", journal, "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--lang", lang)
	stdout, _ := cmd.StdoutPipe()
	p := &livePremortem{cmd: cmd, out: make(chan string, 64), stderr: &bytes.Buffer{}}
	cmd.Stderr = io.MultiWriter(os.Stderr, p.stderr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for p.join == "" && sc.Scan() {
		// A page's line is its name in --lang, then its URL: each is
		// known by its route, in every language.
		line := sc.Text()
		_, url, named := strings.Cut(line, ": ")
		switch {
		case p.facilitator == "":
			p.facilitator = line
		case named && strings.Contains(url, "/screen?token="):
			p.screen = url
		case named && strings.Contains(url, "/join?token="):
			p.join = url
		}
	}
	go func() {
		defer close(p.out)
		for sc.Scan() {
			p.out <- sc.Text()
		}
	}()
	return p
}

// tokenOf is a URL's token.
func tokenOf(url string) string { _, tok, _ := strings.Cut(url, "token="); return tok }

// api sends a request as a page would, with its token, and fails unless
// it is answered 200.
func (p *livePremortem) api(t *testing.T, path, tok string, body any) []byte {
	t.Helper()
	data, _ := json.Marshal(body)
	base, _, _ := strings.Cut(p.facilitator, "/?")
	req, _ := http.NewRequest("POST", base+path, bytes.NewReader(data))
	req.Header.Set("X-Token", tok)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", path, data, res.StatusCode, out)
	}
	return out
}

// liveView is the part of a page's view the test reads.
type liveView struct {
	Seq   int            `json:"seq"`
	Dots  int            `json:"dots"`
	Votes map[string]int `json:"votes"`
	Ideas []struct {
		ID, Text string
		Hidden   bool
	} `json:"ideas"`
	Groups []struct {
		ID    string
		Ideas []string
	} `json:"groups"`
	Places map[string]struct{ Impact, Likelihood int } `json:"places"`
}

// loose are the ideas shown and in no group: what a dot may go to
// besides the groups.
func (v liveView) loose() []string {
	var out []string
	for _, i := range v.Ideas {
		if !i.Hidden && !slices.Contains(v.Groups[0].Ideas, i.ID) {
			out = append(out, i.ID)
		}
	}
	return out
}

func (p *livePremortem) view(t *testing.T) liveView {
	t.Helper()
	res, err := http.Get(strings.Replace(p.facilitator, "/?token=", "/api/view?token=", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v liveView
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// premortemTexts are each language's six ideas: the first typed on the
// browser's phone, two alike, the last to be hidden.
var premortemTexts = map[string][]string{
	"en": {"The DNS change took the resolvers down", "A DNS change broke the resolvers", "Nobody owned the expiring certificate",
		"The backup was never restored once", "One engineer knew the failover", "Something rude to hide"},
	"ko": {"DNS 변경으로 리졸버가 멈췄다", "DNS 변경이 리졸버를 망가뜨렸다", "만료되는 인증서의 담당자가 없었다",
		"백업을 한 번도 복원해 보지 않았다", "장애 조치를 아는 엔지니어가 한 명뿐이었다", "숨길 무례한 말"},
}

// TestThePremortemInABrowser runs a live premortem with a facilitator, a
// screen and six phones (one in the browser, five posting as their pages
// do), in English and Korean: silent writing with a timer, a hidden idea,
// the reveal, grouping a suggested pair, dots, a SIGKILL mid-vote that
// loses nothing, placing on the grid and two picks with owners; the end
// writes the record, the summary and two starters that validate and
// build. No page shows a text before its reveal or a dot before the vote
// closed.
func TestThePremortemInABrowser(t *testing.T) {
	bin := binary(t)
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	// The browser's first tab is the facilitator's, and the same three
	// tabs serve both languages, one after the other: a tab costs a
	// renderer process, and each language's room is on a port, an origin
	// with its own storage, of its own.
	tabs := pmTabs{facilitator: ctx}
	for _, tab := range []*context.Context{&tabs.screen, &tabs.phone} {
		c, cancelTab := chromedp.NewContext(ctx)
		defer cancelTab()
		*tab = c
	}
	for _, lang := range []string{"en", "ko"} {
		t.Run(lang, func(t *testing.T) { premortemRoom(t, tabs, bin, lang) })
	}
}

// pmTabs are the three pages a person sees.
type pmTabs struct{ facilitator, screen, phone context.Context }

func premortemRoom(t *testing.T, tabs pmTabs, bin, lang string) {
	dir := t.TempDir()
	journal, port := filepath.Join(dir, "room.ideas.jsonl"), freePort(t)
	p := startPremortem(t, bin, journal, lang, port)
	phones := []string{}
	defer func() { _ = p.cmd.Process.Kill(); _ = p.cmd.Wait(); quiet(t, p, phones) }()
	texts := premortemTexts[lang]
	do(t, tabs.facilitator, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(p.facilitator), press("#go"), chromedp.WaitReady(chromedp.CSS(`body[data-phase="prompt"]`)))
	// The timer and the phase go in one step: a render between the two
	// would make the field anew.
	do(t, tabs.facilitator, chromedp.WaitVisible(chromedp.CSS("#go")), until(`document.querySelector("#timer-minutes").value = "5", document.querySelector("#go").click(), true`),
		chromedp.WaitReady(chromedp.CSS(`body[data-phase="writing"]`)), until(`document.querySelector("#timer").textContent.includes(":")`))
	do(t, tabs.phone, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(p.join), chromedp.WaitVisible(chromedp.CSS("#idea")),
		until(fmt.Sprintf(`document.querySelector("#idea").value = %q, document.querySelector("#add").click(), true`, texts[0])),
		until(`document.querySelectorAll(".mine li").length === 1`))
	for _, text := range texts[1:] {
		var joined struct{ Token string }
		_ = json.Unmarshal(p.api(t, "/api/join", tokenOf(p.join), map[string]any{}), &joined)
		phones = append(phones, joined.Token)
		p.api(t, "/api/events", joined.Token, map[string]any{"kind": "idea", "text": text})
		p.api(t, "/api/events", joined.Token, map[string]any{"kind": "done"})
	}
	do(t, tabs.screen, chromedp.EmulateViewport(1920, 1080), chromedp.Navigate(p.screen), until(`document.querySelector(".n-ideas") && document.querySelector(".n-ideas").textContent.includes("6")`),
		until(`document.querySelector(".n-writing").textContent.includes("1")`))
	shoot(t, tabs.screen, "premortem-"+lang+"-screen-writing", false)
	shoot(t, tabs.phone, "premortem-"+lang+"-phone-writing", false)
	premortemShots(t, tabs, lang, "writing")
	noTexts(t, tabs.screen, texts, "the screen while writing")
	if lang == "ko" {
		fonts := `document.fonts.ready.then(() => [...document.fonts].some((f) => f.family.includes("Nanum") && f.status === "loaded"))`
		if !eval[bool](t, tabs.phone, fonts) || !eval[bool](t, tabs.screen, fonts) {
			t.Error("the Korean pages are not drawn in the embedded Nanum Gothic")
		}
	}
	revealAndGroup(t, tabs, texts, lang)
	voteThroughAKill(t, p, &tabs, phones, bin, journal, lang, port)
	placePickEnd(t, p, tabs, phones, lang, dir)
}

// quiet fails if what the server said on stderr holds a device's token,
// an id made of one, or an idea's text: no log line says who wrote what.
func quiet(t *testing.T, p *livePremortem, phones []string) {
	t.Helper()
	said := p.stderr.String()
	for _, tok := range phones {
		if strings.Contains(said, tok) || strings.Contains(said, tok[:8]) {
			t.Errorf("stderr names a device: %q", said)
		}
	}
	for _, texts := range premortemTexts {
		for _, s := range texts {
			if strings.Contains(said, s) {
				t.Errorf("stderr holds an idea: %q", said)
			}
		}
	}
}

// noTexts fails if the page shows any idea's text.
func noTexts(t *testing.T, ctx context.Context, texts []string, page string) {
	t.Helper()
	shown := eval[string](t, ctx, `document.body.innerText`)
	for _, s := range texts {
		if strings.Contains(shown, s) {
			t.Errorf("%s shows %q", page, s)
		}
	}
}

// revealAndGroup hides the last idea unseen by anyone, reveals the rest,
// and groups the pair the page suggests.
func revealAndGroup(t *testing.T, tabs pmTabs, texts []string, lang string) {
	t.Helper()
	do(t, tabs.facilitator, press("#go"), chromedp.WaitReady(chromedp.CSS(`body[data-phase="reveal"]`)), until(`document.querySelectorAll("li.sticky").length === 6`))
	noTexts(t, tabs.screen, texts, "the screen before the reveal")
	noTexts(t, tabs.phone, texts[1:], "a phone before the reveal")
	do(t, tabs.facilitator, until(fmt.Sprintf(`[...document.querySelectorAll("li.sticky")].find(li => li.querySelector(".text").textContent === %q).querySelector("button.hide").click(), true`, texts[5])),
		until(`document.querySelectorAll("li.sticky.hidden").length === 1`), press("#reveal"), until(`!document.querySelector("#reveal")`))
	do(t, tabs.screen, until(`document.querySelectorAll("li.sticky").length === 5`))
	do(t, tabs.phone, until(`document.querySelectorAll("li.sticky").length === 5`))
	noTexts(t, tabs.screen, texts[5:], "the screen after the reveal")
	do(t, tabs.facilitator, press("#go"), chromedp.WaitReady(chromedp.CSS(`body[data-phase="group"]`)), chromedp.WaitVisible(chromedp.CSS(".group-pair")))
	pair := eval[string](t, tabs.facilitator, `document.querySelector(".pair").textContent`)
	if !strings.Contains(pair, texts[0]) || !strings.Contains(pair, texts[1]) {
		t.Errorf("the suggested pair is %q, not the two alike ideas", pair)
	}
	do(t, tabs.facilitator, press(".group-pair"), until(`document.querySelectorAll(".group").length === 1`))
	do(t, tabs.screen, until(`document.querySelectorAll(".group").length === 1`))
	shoot(t, tabs.facilitator, "premortem-"+lang+"-facilitator-group", false)
	shoot(t, tabs.screen, "premortem-"+lang+"-screen-group", false)
	premortemShots(t, tabs, lang, "group")
}

// voteThroughAKill gives dots, kills the server with SIGKILL mid-vote,
// starts it again on the same journal and port, and finds every dot and
// every device's dots left as they were; then the vote goes on.
func voteThroughAKill(t *testing.T, p *livePremortem, tabs *pmTabs, phones []string, bin, journal, lang string, port int) {
	t.Helper()
	do(t, tabs.facilitator, press("#go"), chromedp.WaitReady(chromedp.CSS(`body[data-phase="vote"]`)))
	do(t, tabs.phone, chromedp.WaitVisible(chromedp.CSS("button.dot")), press("li.target button.dot"), until(`document.querySelector(".dots-left").textContent.includes("2")`))
	v := p.view(t)
	group := v.Groups[0].ID
	for i, ph := range phones {
		p.api(t, "/api/events", ph, map[string]any{"kind": "vote", "target": group})
		p.api(t, "/api/events", ph, map[string]any{"kind": "vote", "target": v.loose()[i%len(v.loose())]})
	}
	before := p.view(t)
	premortemShots(t, *tabs, lang, "vote")
	if before.Votes != nil || before.Dots != 11 {
		t.Fatalf("during the vote: dots %d, votes %v", before.Dots, before.Votes)
	}
	for _, tab := range []context.Context{tabs.screen, tabs.phone, tabs.facilitator} {
		if n := eval[int](t, tab, `document.querySelectorAll(".dots").length`); n != 0 {
			t.Errorf("a page shows %d dot counts during the vote", n)
		}
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	_ = p.cmd.Wait()
	quiet(t, p, phones)
	*p = *startPremortem(t, bin, journal, lang, port)
	after := p.view(t)
	if after.Seq != before.Seq || after.Dots != before.Dots {
		t.Fatalf("after SIGKILL: seq %d dots %d, before seq %d dots %d", after.Seq, after.Dots, before.Seq, before.Dots)
	}
	// The pages connect again by themselves: the phone, which still has
	// two dots, gives one more.
	do(t, tabs.phone, until(`document.querySelector(".dots-left").textContent.includes("2")`), press("li.target button.dot:not([disabled])"),
		until(`document.querySelector(".dots-left").textContent.includes("1")`))
	for i, ph := range phones {
		p.api(t, "/api/events", ph, map[string]any{"kind": "vote", "target": v.loose()[(i+1)%len(v.loose())]})
	}
	if got := p.view(t).Dots; got != 17 {
		t.Errorf("dots %d after the restart's votes, want 17", got)
	}
}

// placePickEnd places two targets, picks them with owners and ends; the
// end writes the record, the summary and two starters that validate and
// build.
func placePickEnd(t *testing.T, p *livePremortem, tabs pmTabs, phones []string, lang, dir string) {
	t.Helper()
	do(t, tabs.facilitator, press("#go"), chromedp.WaitReady(chromedp.CSS(`body[data-phase="place"]`)), chromedp.WaitVisible(chromedp.CSS("li.target button.place")))
	v := p.view(t)
	if v.Votes[v.Groups[0].ID] != 6 {
		t.Errorf("the group's dots after the vote: %v", v.Votes)
	}
	other := v.loose()[len(v.loose())-1]
	place := `(id, i, l, c) => { const li = document.querySelector('li.target[data-id="' + id + '"]'); li.querySelector("select.impact").value = i;
		li.querySelector("select.likelihood").value = l; li.querySelector("select.class").value = c; li.querySelector("button.place").click(); return true; }`
	roomPlaces(t, p, tabs, phones, v.Groups[0].ID, lang)
	take := `(id, c) => { const li = document.querySelector('li.target[data-id="' + id + '"]'); li.querySelector("select.class").value = c; li.querySelector("button.take-room").click(); return true; }`
	do(t, tabs.facilitator, until(fmt.Sprintf(`(%s)(%q, "tiger")`, take, v.Groups[0].ID)), until(`document.querySelectorAll(".placed").length === 1`),
		until(fmt.Sprintf(`(%s)(%q, "2", "3", "elephant")`, place, other)), until(`document.querySelectorAll(".placed").length === 2`))
	if got := p.view(t); got.Places[v.Groups[0].ID].Impact != 3 || got.Places[v.Groups[0].ID].Likelihood != 3 {
		t.Errorf("the group placed as the room did: %+v", got.Places)
	}
	do(t, tabs.screen, until(`document.querySelectorAll(".placed").length === 2`))
	premortemShots(t, tabs, lang, "place")
	axe, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	for name, tab := range map[string]context.Context{"facilitator": tabs.facilitator, "screen": tabs.screen, "phone": tabs.phone} {
		checkAxe(t, tab, string(axe), lang+" "+name)
	}
	do(t, tabs.facilitator, press("#go"), chromedp.WaitReady(chromedp.CSS(`body[data-phase="pick"]`)))
	pick := `(id, owner, signal) => { const li = document.querySelector('li.target[data-id="' + id + '"]'); li.querySelector("input.owner").value = owner;
		li.querySelector("input.due").value = "2027-01-15"; li.querySelector("textarea.signals").value = signal; li.querySelector("button.pick").click(); return true; }`
	do(t, tabs.facilitator, until(fmt.Sprintf(`(%s)(%q, "Dana", "resolver SERVFAIL rate above 1%%")`, pick, v.Groups[0].ID)), until(`document.querySelectorAll("li.pick").length === 1`),
		until(fmt.Sprintf(`(%s)(%q, "김민지", "")`, pick, other)), until(`document.querySelectorAll("li.pick").length === 2`))
	do(t, tabs.phone, until(`document.querySelectorAll("li.pick").length === 2`))
	shoot(t, tabs.phone, "premortem-"+lang+"-phone-pick", false)
	premortemShots(t, tabs, lang, "pick")
	do(t, tabs.facilitator, press("#end"))
	var wrote []string
	for line := range p.out {
		// "wrote PATH", or the path in the room's language's words.
		wrote = append(wrote, writtenPath.FindString(line))
		if len(wrote) == 7 { // record, its schema, summary PDF and MD, two starters, the scenario schema
			break
		}
	}
	do(t, tabs.facilitator, until(`document.querySelectorAll(".wrote li").length === 7`))
	starters := 0
	for _, f := range wrote {
		if strings.HasSuffix(f, ".toml") && !strings.HasSuffix(f, "premortem.toml") {
			starters++
			if code, _, stderr := propdeck(t, "build", f, "-o", filepath.Join(dir, "build")); code != 0 {
				t.Errorf("build %s: %d %s", f, code, stderr)
			}
		}
	}
	if starters != 2 {
		t.Errorf("wrote %v: %d starters", wrote, starters)
	}
	// The record reads as a typed one does: init --from-premortem takes it.
	record := filepath.Join(filepath.Dir(wrote[0]), "premortem.toml")
	if code, stdout, stderr := propdeck(t, "init", "--from-premortem", record, "-o", filepath.Join(dir, "again")); code != 0 || strings.Count(stdout, ".toml") != 2 {
		t.Errorf("init --from-premortem %s: %d %s %s", record, code, stdout, stderr)
	}
}

// roomPlaces opens placing to the room: the browser's phone taps impact
// 3 and likelihood 3 of the group, the five other phones rate as their
// pages do; closed, the facilitator sees the room's medians.
func roomPlaces(t *testing.T, p *livePremortem, tabs pmTabs, phones []string, group, lang string) {
	t.Helper()
	do(t, tabs.facilitator, press("#room-place"), chromedp.WaitVisible(chromedp.CSS(".raters")))
	tap := func(scale string) string {
		return fmt.Sprintf(`document.querySelector('li.rating[data-id=%q] button.rate.%s:last-of-type').click(), true`, group, scale)
	}
	do(t, tabs.phone, chromedp.WaitVisible(chromedp.CSS("li.rating")), until(tap("impact")), until(tap("likelihood")),
		until(fmt.Sprintf(`document.querySelectorAll('li.rating[data-id=%q] button[aria-pressed="true"]').length === 2`, group)))
	shoot(t, tabs.phone, "premortem-"+lang+"-phone-rate", false)
	for i, ph := range phones {
		p.api(t, "/api/events", ph, map[string]any{"kind": "rate", "target": group, "impact": 3, "likelihood": []int{3, 3, 2, 3, 2}[i%5]})
	}
	do(t, tabs.screen, until(`document.querySelector(".raters") && document.querySelector(".raters").textContent.includes("6")`))
	shoot(t, tabs.screen, "premortem-"+lang+"-screen-rate", false)
	premortemShots(t, tabs, lang, "rate")
	do(t, tabs.facilitator, until(`document.querySelector(".raters").textContent.includes("6")`), press("#room-place"), chromedp.WaitVisible(chromedp.CSS(".room-says")))
	shoot(t, tabs.facilitator, "premortem-"+lang+"-facilitator-rated", false)
}

// premortemShots keeps the three pages at the three sizes a person sees
// them at, in a phase, when PROPDECK_SCREENSHOTS names a folder.
func premortemShots(t *testing.T, tabs pmTabs, lang, phase string) {
	t.Helper()
	if os.Getenv("PROPDECK_SCREENSHOTS") == "" {
		return
	}
	for _, size := range [][2]int64{{1280, 800}, {1920, 1080}, {390, 844}} {
		for name, tab := range map[string]context.Context{"facilitator": tabs.facilitator, "screen": tabs.screen, "phone": tabs.phone} {
			do(t, tab, chromedp.EmulateViewport(size[0], size[1]), until(`document.fonts.ready.then(() => true)`))
			shoot(t, tab, fmt.Sprintf("premortem-%s-%s-%s-%dx%d", lang, name, phase, size[0], size[1]), false)
		}
	}
	do(t, tabs.facilitator, chromedp.EmulateViewport(1280, 800))
	do(t, tabs.screen, chromedp.EmulateViewport(1920, 1080))
	do(t, tabs.phone, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
}
