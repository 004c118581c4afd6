package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/testenv"
)

// console is a propdeck run process, the URLs it printed, and what it
// says on stderr, line by line.
type console struct {
	cmd                                 *exec.Cmd
	facilitator, screen, player, scribe string
	said                                chan string
}

// startConsole runs propdeck run on a fixed port, so that a restart serves
// the pages already open, and reads the URLs it prints.
func startConsole(t *testing.T, bin, example, journal string, port int, pace ...string) *console {
	t.Helper()
	return startRun(t, bin, example, "--journal", journal, "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--pace", append(pace, "120")[0])
}

// startRun runs propdeck run with any arguments and reads the URLs it
// prints.
func startRun(t *testing.T, bin string, args ...string) *console {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"run"}, args...)...)
	out, _ := cmd.StdoutPipe()
	errs, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &console{cmd: cmd, said: make(chan string, 64)}
	go func() {
		defer close(c.said)
		for sc := bufio.NewScanner(errs); sc.Scan(); {
			fmt.Fprintln(os.Stderr, sc.Text())
			c.said <- sc.Text()
		}
	}()
	sc := bufio.NewScanner(out)
	for sc.Scan() && (c.facilitator == "" || c.player == "") {
		// A page's line is its name in the scenario's language, then its
		// URL: each is known by its route, in every language.
		line := sc.Text()
		_, url, named := strings.Cut(line, ": ")
		switch {
		case c.facilitator == "" && strings.Contains(line, "/?token="):
			// --programme says the carried actions before the URLs.
			c.facilitator = line
		case named && strings.Contains(url, "/screen?token="):
			c.screen = url
		case named && strings.Contains(url, "/scribe?token="):
			c.scribe = url
		case named && strings.Contains(url, "/play/ic?token="):
			c.player = url
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	return c
}

// waitSaid waits until the console says a line holding want on stderr:
// what it writes after an answer (the record and report after the end) is
// there once it says so, and not before.
func (c *console) waitSaid(t *testing.T, want string) {
	t.Helper()
	// No time limit: a console that never says it is a hang, which go
	// test's own deadline reports with every goroutine's stack.
	for line := range c.said {
		if strings.Contains(line, want) {
			return
		}
	}
	t.Fatalf("the console ended without saying %q", want)
}

// waitEnded waits until the console says it wrote the session's record
// (its path is the same in every language the console speaks).
func (c *console) waitEnded(t *testing.T, journal string) {
	t.Helper()
	c.waitSaid(t, session.FilesOf(journal).Record)
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// browser is a tab of the test run's one headless Chromium, in a browser
// context of its own (its cookies and storage apart from every other
// test's, as in a browser of its own), or a skip where there is none (a
// failure under CI, which installs it). A tab opened from it with
// chromedp.NewContext is in the same browser context, as a second tab of
// one user. Starting Chromium costs about a second of CPU, more than many
// a test's steps: a test that needs other flags than the shared browser's
// gets a browser of its own, and pays it.
func browser(t *testing.T, flags ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc) {
	t.Helper()
	path := testenv.Need(t, "chromium")
	var ctx context.Context
	var cancel context.CancelFunc
	if len(flags) > 0 {
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(path, flags...)...)
		tab, cancelTab := chromedp.NewContext(alloc)
		ctx, cancel = tab, func() { cancelTab(); cancelAlloc() }
	} else {
		shared := sharedBrowser(t, path)
		ctx, cancel = chromedp.NewContext(shared, chromedp.WithNewBrowserContext())
	}
	// A step that never comes true fails at go test's own deadline, less a
	// minute to name it; no step has a time of its own, which a loaded
	// machine could overrun.
	cancelTime := context.CancelFunc(func() {})
	if deadline, ok := t.Deadline(); ok {
		ctx, cancelTime = context.WithDeadline(ctx, deadline.Add(-time.Minute))
	}
	return ctx, func() { cancelTime(); cancel() }
}

// browserOptions are the flags of every test's Chromium. The HTTPS test's
// certificate is its own, self-signed: no other test meets a certificate.
func browserOptions(path string, flags ...chromedp.ExecAllocatorOption) []chromedp.ExecAllocatorOption {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1366, 900),
		chromedp.Flag("ignore-certificate-errors", true))
	return append(opts, flags...)
}

// shared is the run's Chromium, started by the first test that asks for
// a browser and ended when the run ends.
var shared struct {
	once sync.Once
	ctx  context.Context
	err  error
}

func sharedBrowser(t *testing.T, path string) context.Context {
	t.Helper()
	shared.once.Do(func() {
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(path)...)
		ctx, cancel := chromedp.NewContext(alloc)
		atEnd(func() { cancel(); cancelAlloc() })
		// The first run starts the browser, with no deadline: the browser
		// lives as long as the context of its first run.
		shared.ctx, shared.err = ctx, chromedp.Do(ctx)
	})
	if shared.err != nil {
		t.Fatalf("chromium: %v", shared.err)
	}
	return shared.ctx
}

// TestLiveSessionInABrowser runs a session from propdeck run's page in a
// real browser, in English and Korean: start, hand out two cards, fire a
// contingency, answer and miss a request, draw a complication, rate three
// actions, add notes, pause, kill the server, restart it from the same
// journal and find the page as it was, then end. A player's page, open
// in a second tab all along, follows live and never shows a secret.
func TestLiveSessionInABrowser(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	for _, example := range []string{"eu-db-latency", "dns-change-ko"} {
		t.Run(example, func(t *testing.T) {
			t.Parallel()
			liveSession(t, bin, example)
		})
	}
}

// TestStoryClockJumpsInTheConsole: a round that moves the story's clock
// moves the facilitator page's story clock too. split-brain-failover's
// third round runs from T+45m (story T+4h, 02:54) and its fourth from
// T+70m (story T+10h, 08:54): a journal started 50 minutes ago opens in
// the third round, one started 75 minutes ago in the fourth, each with
// twenty minutes to spare, however slow the machine.
func TestStoryClockJumpsInTheConsole(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	ctx, cancel := browser(t)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ago   time.Duration
		hours []string
	}{{50 * time.Minute, []string{"02", "03"}}, {75 * time.Minute, []string{"08", "09"}}} {
		journal := filepath.Join(t.TempDir(), "s.journal.jsonl")
		start := time.Now().Add(-tc.ago).UTC().Format(time.RFC3339Nano)
		if err := os.WriteFile(journal, []byte(`{"seq":1,"at":"`+start+`","t":0,"kind":"start"}`+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		c := startConsole(t, bin, "split-brain-failover", journal, freePort(t), "1")
		do(t, ctx, chromedp.Navigate(c.facilitator), waitSeq(1))
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`/\d\d:\d\d/.test(document.querySelector("#story").textContent)`))
		story := ""
		if err == nil {
			story, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#story")))
		}
		_ = c.cmd.Process.Kill()
		_ = c.cmd.Wait()
		if err != nil {
			t.Fatal(err)
		}
		hour := ""
		if i := strings.LastIndex(story, ":"); i >= 2 {
			hour = story[i-2 : i]
		}
		if !slices.Contains(tc.hours, hour) {
			t.Errorf("%v into the session the story clock reads %q; want the hour %v", tc.ago, story, tc.hours)
		}
	}
}

func liveSession(t *testing.T, bin, example string) {
	ctx, cancel := browser(t)
	defer cancel()
	journal := filepath.Join(t.TempDir(), "s.journal.jsonl")
	port := freePort(t)
	c := startConsole(t, bin, example, journal, port)
	defer func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() }()
	defer func() {
		if t.Failed() {
			data, _ := os.ReadFile(journal)
			t.Logf("the journal:\n%s", data)
		}
	}()
	player, cancelPlayer := chromedp.NewContext(ctx)
	defer cancelPlayer()
	// The first run of a context opens its browser or tab, and must have
	// no deadline of its own: open both before any step.
	for _, c := range []context.Context{ctx, player} {
		if err := chromedp.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	do(t, player, chromedp.Navigate(c.player), chromedp.WaitVisible(chromedp.CSS("main section")))
	screen, cancelScreen := chromedp.NewContext(ctx)
	defer cancelScreen()
	if err := chromedp.Do(screen); err != nil {
		t.Fatal(err)
	}
	do(t, screen, chromedp.Navigate(c.screen), chromedp.WaitVisible(chromedp.CSS("main section:not([hidden])")))
	// The end button asks to confirm: say yes.
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			if ev.Type != page.DialogTypeConfirm {
				t.Errorf("the page says: %s", ev.Message)
			}
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	do(t, ctx, chromedp.Navigate(c.facilitator), chromedp.WaitVisible(chromedp.CSS("#start")), press("#start"), waitSeq(1),
		press("button.rate[data-rating=met]"), waitSeq(2),
		press("button.rate[data-rating=partly]:not(.on)"), waitSeq(3),
		press("button.hand"), waitSeq(4),
		press("button.hand"), waitSeq(5),
		press("button.answer"), waitSeq(6),
		chromedp.SendKeys(chromedp.CSS("#ask"), "replica lag history"), press("#no-card"), waitSeq(7),
		press("#draw"), waitSeq(8),
		chromedp.SendKeys(chromedp.CSS("#note"), "Nobody knew who declares the incident"), press("#add-note"), waitSeq(9),
		chromedp.WaitVisible(chromedp.CSS("button.fire")), press("button.fire"), waitSeq(10))
	screenshots(t, ctx, player, example)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(".rate:not(.on)")), press("button.rate[data-rating=not-met]"), waitSeq(11),
		press("#pause"), waitSeq(12))
	before := pageText(t, ctx)
	checkNoSecrets(t, player, example)
	checkNoSecrets(t, screen, example)
	// Kill the server as the laptop's battery would, and start it again.
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	_ = c.cmd.Wait()
	c = startConsole(t, bin, example, journal, port)
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#resume")), waitSeq(12))
	if after := pageText(t, ctx); after != before {
		t.Errorf("the page after the restart differs:\n%s\n---\n%s", before, after)
	}
	do(t, ctx, press("#end"), waitSeq(13))
	c.waitEnded(t, journal)
	data, _ := os.ReadFile(journal)
	for _, url := range []string{c.facilitator, c.screen, c.player} {
		if tok := url[strings.LastIndex(url, "=")+1:]; strings.Contains(string(data), tok) {
			t.Errorf("a token is in the journal")
		}
	}
	if n := strings.Count(string(data), "\n"); n != 13 {
		t.Errorf("the journal has %d events, want 13:\n%s", n, data)
	}
	// The end wrote the record and its report beside the journal, with
	// nothing typed in; propdeck report builds the same from the record.
	base := strings.TrimSuffix(journal, ".journal.jsonl")
	out := filepath.Join(t.TempDir(), "report")
	if msg, err := exec.Command(bin, "report", example, base+".record.toml", "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("report from the record: %v\n%s", err, msg)
	}
	md, _ := os.ReadFile(filepath.Join(base+"-report", example+"-report.md"))
	again, _ := os.ReadFile(filepath.Join(out, example+"-report.md"))
	if len(md) == 0 || string(md) != string(again) {
		t.Errorf("the report run wrote differs from propdeck report's (%d and %d bytes)", len(md), len(again))
	}
	for _, want := range []string{"replica lag history", "Nobody knew who declares the incident"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the report does not say %q", want)
		}
	}
}

// do runs actions in order and names the one that fails.
func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	for i, a := range actions {
		if err := chromedp.Do(ctx, a); err != nil {
			t.Fatalf("step %d of %d: %v", i+1, len(actions), err)
		}
	}
}

// press clicks a button the way the page's own script sees a click,
// after waiting for it to be there: a mouse click at coordinates can land
// on the sticky header or on a button a re-render just moved.
func press(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.WaitVisible(chromedp.CSS(sel)), func(ctx context.Context, tgt *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool](fmt.Sprintf("document.querySelector(%q).click(), true", sel))(ctx, tgt)
		return chromedp.Void{}, err
	})
}

// waitSeq waits until the page shows the state after event n; the seq
// marker is in the DOM but empty, so it waits for it to be there.
func waitSeq(n int) chromedp.Action[chromedp.Void] {
	return chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`#seq[data-seq="%d"]`, n)))
}

// pageText is the facilitator page's text, the running clock left out.
func pageText(t *testing.T, ctx context.Context) string {
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// checkNoSecrets reads the player's page, updated live, for the cards it
// should show and for every secret of the scenario.
func checkNoSecrets(t *testing.T, player context.Context, example string) {
	t.Helper()
	s, err := examples.LoadExample(example, nil)
	if err != nil {
		t.Fatal(err)
	}
	do(t, player, chromedp.WaitVisible(chromedp.CSS("article.card")))
	text, err := chromedp.Run(player, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range s.Clues() {
		for _, secret := range []string{c.Note, c.When} {
			if len(secret) > 6 && strings.Contains(text, secret) {
				t.Errorf("the player's page shows %q", secret)
			}
		}
	}
	for _, r := range s.Rounds() {
		for _, x := range r.Expect {
			if strings.Contains(text, x.Action) {
				t.Errorf("the player's page shows the expected action %q", x.Action)
			}
		}
	}
}

// screenshots keeps the facilitator's page at laptop size and the
// player's at phone size when PROPDECK_SCREENSHOTS names a folder.
func screenshots(t *testing.T, facilitator, player context.Context, example string) {
	dir := os.Getenv("PROPDECK_SCREENSHOTS")
	if dir == "" {
		return
	}
	laptop, err := chromedp.Run(facilitator, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	do(t, player, chromedp.EmulateViewport(390, 844))
	phone, err := chromedp.Run(player, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, example+"-facilitator.png"), laptop, 0o644)
	os.WriteFile(filepath.Join(dir, example+"-player-phone.png"), phone, 0o644)
}

// TestTypingSurvivesAnEvent: a note typed half-way, its tag chosen and an
// open log stay as they are when an event arrives from another page; the
// region the event changed is drawn again, the rest is not.
func TestTypingSurvivesAnEvent(t *testing.T) {
	t.Parallel()
	bin := binary(t)
	ctx, cancel := browser(t)
	defer cancel()
	journal := filepath.Join(t.TempDir(), "s.journal.jsonl")
	start := time.Now().UTC().Format(time.RFC3339Nano)
	if err := os.WriteFile(journal, []byte(`{"seq":1,"at":"`+start+`","t":0,"kind":"start"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := startConsole(t, bin, "eu-db-latency", journal, freePort(t), "1")
	defer func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() }()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	// The event comes from another page: a fetch with the facilitator's
	// token, as a second tab would post it.
	post := fmt.Sprintf(`fetch("/api/events", {method: "POST", headers: {"X-Token": %q},
		body: JSON.stringify({kind: "reveal", clue: "c01"})}).then((r) => r.ok)`, c.facilitator[strings.LastIndex(c.facilitator, "=")+1:])
	do(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(c.facilitator), waitSeq(1),
		chromedp.SetValue(chromedp.CSS("#tag"), "ownership"),
		chromedp.SendKeys(chromedp.CSS("#note"), "Nobody knew who"),
		func(ctx context.Context, tgt *chromedp.Target) (chromedp.Void, error) {
			_, err := chromedp.Evaluate[bool](post, chromedp.EvalAwaitPromise)(ctx, tgt)
			return chromedp.Void{}, err
		},
		waitSeq(2), chromedp.WaitVisible(chromedp.CSS(`#region-cards article[data-clue="c01"]`)))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`[document.getElementById("note").value, document.getElementById("tag").value, document.activeElement.id].join("|")`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Nobody knew who|ownership|note"; got != want {
		t.Errorf("after an event the note, its tag and the focus are %q, want %q", got, want)
	}
	if dir := os.Getenv("PROPDECK_SCREENSHOTS"); dir != "" {
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "facilitator-1280x800.png"), shot, 0o644)
		}
		if err != nil {
			t.Error(err)
		}
	}
}
