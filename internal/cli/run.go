package cli

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"
	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/console"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/props"
	"github.com/propdeck/propdeck/internal/records"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/text"
)

func runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "run a session live: a local console that keeps the clock and writes the journal",
		ArgsUsage: "SCENARIO.toml|EXAMPLE",
		Description: "Serves the facilitator's console, a screen view and a view per role from the binary,\n" +
			"and appends every action to the journal (JOURNAL, fsynced). Starting again with the same\n" +
			"journal resumes where the session was. Ctrl-C stops the console; the journal stays.\n\n" +
			"Example:\n   propdeck run eu-db-latency\n   propdeck run drills/dns.toml --lan",
		Flags: []cli.Flag{
			programmeFlag(),
			nextFlag(),
			rosterFlag(),
			&cli.StringFlag{Name: "journal", Usage: "the session's journal (default: the scenario's newest journal beside it while its session has not ended, else a new SCENARIO-ID-YYYY-MM-DD.journal.jsonl)"},
			&cli.StringFlag{Name: "addr", Usage: "HOST:PORT to listen on; port 0 picks a free one (default: 127.0.0.1:0)"},
			&cli.BoolFlag{Name: "lan", Usage: "listen on every address, for players' phones and a second laptop; prints each view's URL with its token and a QR code"},
			&cli.StringFlag{Name: "public-url", Usage: "the http(s)://HOST[:PORT] people reach the console at through a proxy or tunnel: its host is accepted and the printed URLs use it"},
			&cli.StringFlag{Name: "lang", Usage: "language of the pages: en or ko (default: the scenario's)"},
			difficultyFlag(),
			tlsFlags()[0], tlsFlags()[1],
			&cli.StringFlag{Name: "webhook", Usage: "post each page and status draft handed out to this Mattermost or Slack incoming webhook (never by default)"},
			&cli.StringFlag{Name: "webhook-format", Usage: "mattermost or slack (default: slack for hooks.slack.com, else mattermost)"},
			&cli.FloatFlag{Name: "pace", Usage: "story minutes a session minute, 1 to 1440: 16 plays a 24-hour incident in 90 minutes (default: the scenario's pace, else 1)", HideDefault: true},
		},
		Action: runAction,
	}
}

func runAction(ctx context.Context, cmd *cli.Command) error {
	opt, err := runOptionsOf(ctx, cmd)
	if err != nil {
		return err
	}
	s, err := runScenario(ctx, cmd)
	if err != nil {
		return err
	}
	return saidIn(runConsole(ctx, cmd, opt, s), s.Language())
}

// runConsole serves the session of s until Ctrl-C or its end.
func runConsole(ctx context.Context, cmd *cli.Command, opt runOptions, s *scenarios.Session) error {
	// Listen before the journal is touched: a port in use writes nothing.
	ln, base, err := listenAt(cmd, opt)
	if err != nil {
		return err
	}
	defer ln.Close()
	j, files, err := openJournal(cmd, s)
	if err != nil {
		return err
	}
	defer j.Close()
	if err := j.Hold(base); err != nil {
		sayIn(cmd, s.Language(), "as-error", "err", err)
	}
	tokens, err := console.LoadTokens(files.Tokens, s)
	var notKept *console.NotKeptError
	switch {
	case errors.As(err, &notKept):
		sayIn(cmd, s.Language(), "as-error", "err", err)
	case err != nil:
		return err
	}
	srv := console.New(s, j, tokens, time.Now)
	if opt.hook != nil {
		defer startWebhook(cmd, s, srv, opt.hook, opt.flavour).Close()
	}
	srv.Pace, srv.PublicURL = s.Pace(), opt.public
	finishEnded(ctx, cmd, s, j, files)
	return serve(ctx, cmd, s, ln, base, srv, tokens, files)
}

// runOptions are run's flags that are checked before anything is read or
// written.
type runOptions struct {
	hook    *url.URL
	flavour string
	public  *url.URL
	secure  *tls.Config
}

func runOptionsOf(ctx context.Context, cmd *cli.Command) (runOptions, error) {
	var opt runOptions
	if cmd.Args().Len() != 1 {
		return opt, usage(text.M("cli-needs-one-scenario", "command", "run"))
	}
	if err := inRange(cmd, "pace", 1, 1440); err != nil {
		return opt, err
	}
	var err error
	if opt.hook, opt.flavour, err = webhookOf(cmd); err != nil {
		return opt, err
	}
	if opt.public, err = parsePublicURL(cmd.String("public-url")); err != nil {
		return opt, err
	}
	if err := checkDifficulty(cmd); err != nil {
		return opt, err
	}
	if cmd.IsSet("lang") {
		if err := checkLang(cmd.String("lang")); err != nil {
			return opt, err
		}
	}
	opt.secure, err = tlsConfig(ctx, cmd)
	return opt, err
}

// runScenario loads the scenario and plays it as the flags say: its level,
// the pages' language (the complications speak it too) and its pace, all
// inputs of one resolution.
func runScenario(ctx context.Context, cmd *cli.Command) (*scenarios.Session, error) {
	s, err := loadScenario(ctx, cmd.Args().First())
	if err != nil {
		return nil, err
	}
	var p scenarios.Play
	if cmd.IsSet("difficulty") {
		p.Level = cmd.String("difficulty")
	}
	if cmd.IsSet("lang") {
		p.Language = cmd.String("lang")
	}
	if cmd.IsSet("pace") {
		p.Pace = cmd.Float("pace")
	}
	if p == (scenarios.Play{}) {
		return s, nil
	}
	return s.Played(p), nil
}

// listenAt listens, and gives the base of the URLs people open, which
// the journal's holder file names.
func listenAt(cmd *cli.Command, opt runOptions) (net.Listener, string, error) {
	ln, err := listen(cmd)
	if err != nil {
		return nil, "", err
	}
	base := "http://" + publicAddr(ln.Addr(), cmd.Bool("lan"))
	if opt.secure != nil {
		ln, base = tls.NewListener(ln, opt.secure), "https://"+publicAddr(ln.Addr(), cmd.Bool("lan"))
	}
	if opt.public != nil {
		base = opt.public.Scheme + "://" + opt.public.Host
	}
	return ln, base, nil
}

// say prints one line of what the console did on stderr.
func say(cmd *cli.Command, format string, args ...any) {
	fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: "+format+"\n", args...)
}

// openJournal opens --journal, or the scenario's newest unfinished
// journal beside it, or a new one named with today's date; it says which
// session it resumed and what it repaired, and from then on every failed
// write and repair of the journal on stderr.
func openJournal(cmd *cli.Command, s *scenarios.Session) (*session.Journal, session.Files, error) {
	path := cmd.String("journal")
	if path == "" {
		var resumed bool
		path, resumed = session.DefaultJournal(s, filepath.Dir(s.File()), time.Now())
		if resumed {
			sayIn(cmd, s.Language(), "run-resuming", "path", path)
		}
	}
	j, err := session.Open(s, path, time.Now)
	if err != nil {
		return nil, session.Files{}, err
	}
	for _, line := range strings.Split(j.Note, "\n") {
		if line != "" {
			say(cmd, "%s", line)
		}
	}
	j.Report = func(msg string) { say(cmd, "%s", msg) }
	return j, session.FilesOf(path), nil
}

// finishEnded writes the record and report of a session that ended while
// they were not written (the console was killed right after end): the
// debrief still gets them.
func finishEnded(ctx context.Context, cmd *cli.Command, s *scenarios.Session, j *session.Journal, files session.Files) {
	if !j.State().Ended {
		return
	}
	_, rerr := os.Stat(files.Record)
	_, derr := os.Stat(filepath.Join(files.Report, s.ID()+"-report.md"))
	if rerr == nil && derr == nil {
		return
	}
	sayIn(cmd, s.Language(), "run-finishing", "path", files.Journal)
	writeRecord(ctx, cmd, s, j.State().Record(), files)
}

// serve prints the views' URLs, the facilitator's first, and serves until
// Ctrl-C or the session's end.
func serve(ctx context.Context, cmd *cli.Command, s *scenarios.Session, ln net.Listener, base string, srv *console.Server, tokens console.Tokens, files session.Files) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	added, err := additionsOf(ctx, cmd, s)
	if err != nil {
		return err
	}
	next, _, err := nextOf(ctx, cmd, s)
	if err == nil {
		err = putNext(ctx, cmd, next)
	}
	if err != nil {
		return err
	}
	srv.Carried = carriedOf(added.carry)
	srv.Ended = func() {
		writeRecord(ctx, cmd, s, []byte(added.to(s, string(srv.Record()), srv.Retested())), files)
	}
	sayCarried(cmd, s, added.carry)
	srv.ListenOn(ln.Addr())
	if w := plainHTTPWarning(ln.Addr(), srv.PublicURL, strings.HasPrefix(base, "https://"), s.Language()); w != "" {
		fmt.Fprintln(cmd.Root().ErrWriter, "propdeck: "+w)
	}
	out := cmd.Root().Writer
	// The facilitator's URL comes first, alone on its line; then every
	// other page's, as the console's table of page kinds lists them.
	for i, l := range tokens.Links(base, s.Language()) {
		if i == 0 {
			fmt.Fprintln(out, l.URL)
			continue
		}
		printView(out, l.Name, l.URL, cmd.Bool("lan"))
	}
	sayIn(cmd, s.Language(), "run-journal", "path", files.Journal)
	return serveUntilDone(ctx, ln, srv)
}

// listen listens on --addr: on the loopback by default, on every address
// with --lan.
func listen(cmd *cli.Command) (net.Listener, error) {
	addr := cmd.String("addr")
	switch {
	case addr == "" && cmd.Bool("lan"):
		addr = ":0"
	case addr == "":
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, text.Fail("cli-listening", "addr", addr, "err", err)
	}
	return ln, nil
}

// parsePublicURL reads --public-url: an http or https origin, since the
// pages ask for /api/… at its root. "" is none.
func parsePublicURL(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		u = &url.URL{}
	}
	bad := err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" || u.User != nil ||
		u.Path != "" && u.Path != "/" || u.RawQuery != "" || u.Fragment != "" || u.Opaque != ""
	if p := u.Port(); !bad && p != "" {
		n, err := strconv.Atoi(p)
		bad = err != nil || n < 1 || n > 65535
	}
	if bad {
		return nil, usage(text.M("cli-public-url"))
	}
	u.Path = ""
	return u, nil
}

// plainHTTPWarning is what to say when the pages' tokens cross a network
// in clear: the console listens beyond the loopback, or is reached
// through a public URL over plain HTTP. "" when they do not; else said
// in lang.
func plainHTTPWarning(a net.Addr, public *url.URL, direct bool, lang string) string {
	tcp, ok := a.(*net.TCPAddr)
	reachable := !ok || !tcp.IP.IsLoopback()
	if (direct || !reachable) && (public == nil || public.Scheme == "https") {
		return ""
	}
	return text.M("plain-http").In(lang)
}

// webhookOf reads --webhook and --webhook-format: the URL and the chat's
// flavour, or no URL.
func webhookOf(cmd *cli.Command) (*url.URL, string, error) {
	raw := cmd.String("webhook")
	if raw == "" {
		if cmd.IsSet("webhook-format") {
			return nil, "", usage(text.M("cli-flag-needs", "flag", "webhook-format", "needs", "webhook"))
		}
		return nil, "", nil
	}
	u, err := props.ParseWebhook(raw)
	var bad *props.URLError
	if errors.As(err, &bad) {
		// The refusal names the host at most: the path is the secret.
		return nil, "", usage(text.M("as-error", "err", bad))
	}
	if err != nil {
		return nil, "", err
	}
	flavour := props.FlavourOf(u)
	if cmd.IsSet("webhook-format") {
		flavour = cmd.String("webhook-format")
		if !slices.Contains(props.Flavours, flavour) {
			return nil, "", usage(text.M("cli-flag-one-of", "flag", "webhook-format", "values", text.OrList(props.Flavours), "hint", hintOf(flavour, props.Flavours)))
		}
	}
	return u, flavour, nil
}

// startWebhook posts each clue handed out to the webhook's chat.
func startWebhook(cmd *cli.Command, s *scenarios.Session, srv *console.Server, u *url.URL, flavour string) *props.Webhook {
	hook := props.NewWebhook(s, u, flavour)
	errw := cmd.Root().ErrWriter
	hook.Report = func(msg string) { fmt.Fprintln(errw, "propdeck: "+msg) }
	srv.Stored = func(e session.Event) {
		if c := session.HandedOut(s, e); c != nil {
			hook.Post(c)
		}
	}
	// The URL's path is the webhook's secret: only the host is printed.
	sayIn(cmd, s.Language(), "webhook-posting", "flavour", flavour, "host", u.Host)
	return hook
}

// printView prints a view's URL, with a QR code to scan on the LAN.
func printView(w io.Writer, name, url string, lan bool) {
	fmt.Fprintf(w, "%s: %s\n", name, url)
	if !lan {
		return
	}
	if q, err := qrcode.New(url, qrcode.Low); err == nil {
		fmt.Fprint(w, q.ToSmallString(false))
	}
}

// publicAddr is the address to give people: the listener's, or on the
// LAN the machine's first address others can reach.
func publicAddr(a net.Addr, lan bool) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !lan || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	addrs, _ := net.InterfaceAddrs()
	for _, x := range addrs {
		if ipn, ok := x.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
			return net.JoinHostPort(ipn.IP.String(), fmt.Sprint(tcp.Port))
		}
	}
	return a.String()
}

// writeRecord writes the session's record beside its journal when the
// session ends, and its report (ID-report.md, .pdf, ID-actions.csv) in a
// folder beside it: the debrief has it seconds later.
func writeRecord(ctx context.Context, cmd *cli.Command, s *scenarios.Session, data []byte, files session.Files) {
	name, dir := files.Record, files.Report
	if err := output.WriteAll(ctx, filepath.Dir(name), []output.File{{Name: filepath.Base(name), Data: data}}); err != nil {
		sayIn(cmd, s.Language(), "run-record-failed", "err", err)
		return
	}
	r, err := records.ParseRecord(name, data, s)
	if err == nil {
		var out []output.File
		if out, err = reportFiles(ctx, s, r, layouts.A4); err == nil {
			err = output.WriteAll(ctx, dir, out)
		}
	}
	if err != nil {
		sayIn(cmd, s.Language(), "run-report-failed", "path", name, "err", err)
		return
	}
	sayIn(cmd, s.Language(), "run-ended", "path", name, "dir", dir)
}
