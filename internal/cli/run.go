package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
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
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/session"
	"github.com/propdeck/propdeck/internal/suggest"
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
			&cli.StringFlag{Name: "journal", Usage: "the session's journal (default: SCENARIO-ID-YYYY-MM-DD.journal.jsonl beside the scenario)"},
			&cli.StringFlag{Name: "addr", Usage: "HOST:PORT to listen on; port 0 picks a free one (default: 127.0.0.1:0)"},
			&cli.BoolFlag{Name: "lan", Usage: "listen on every address, for players' phones and a second laptop; prints each view's URL with its token and a QR code"},
			&cli.StringFlag{Name: "public-url", Usage: "the http(s)://HOST[:PORT] people reach the console at through a proxy or tunnel: its host is accepted and the printed URLs use it"},
			&cli.StringFlag{Name: "lang", Usage: "language of the pages: en or ko (default: the scenario's)"},
			difficultyFlag(),
			&cli.StringFlag{Name: "webhook", Usage: "post each page and status draft handed out to this Mattermost or Slack incoming webhook (never by default)"},
			&cli.StringFlag{Name: "webhook-format", Usage: "mattermost or slack (default: slack for hooks.slack.com, else mattermost)"},
			&cli.FloatFlag{Name: "pace", Usage: "story minutes a session minute, 1 to 1440: 16 plays a 24-hour incident in 90 minutes (default: the scenario's pace, else 1)", HideDefault: true},
		},
		Action: runAction,
	}
}

func runAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usagef("run needs exactly one scenario file or example name")
	}
	if err := inRange(cmd, "pace", 1, 1440); err != nil {
		return err
	}
	hook, flavour, err := webhookOf(cmd)
	if err != nil {
		return err
	}
	public, err := parsePublicURL(cmd.String("public-url"))
	if err != nil {
		return err
	}
	if err := checkDifficulty(cmd); err != nil {
		return err
	}
	s, err := loadScenario(ctx, cmd.Args().First())
	if err != nil {
		return err
	}
	playAt(cmd, s)
	if cmd.IsSet("lang") {
		if err := checkLang(cmd.String("lang")); err != nil {
			return err
		}
		s.Scenario.Language = cmd.String("lang")
		s.Resolve() // complications in the pages' language
	}
	path := cmd.String("journal")
	if path == "" {
		path = filepath.Join(filepath.Dir(s.File), fmt.Sprintf("%s-%s.journal.jsonl", s.Scenario.ID, time.Now().Format("2006-01-02")))
	}
	j, err := session.Open(s, path, time.Now)
	if err != nil {
		return err
	}
	defer j.Close()
	if j.Note != "" {
		fmt.Fprintln(cmd.Root().ErrWriter, "propdeck: "+j.Note)
	}
	tokens, err := console.LoadTokens(strings.TrimSuffix(path, ".jsonl")+".tokens", s)
	if err != nil {
		return err
	}
	ln, err := listen(cmd)
	if err != nil {
		return err
	}
	srv := console.New(s, j, tokens, time.Now)
	if hook != nil {
		defer startWebhook(cmd, s, srv, hook, flavour).Close()
	}
	srv.Pace, srv.PublicURL = max(s.Scenario.Pace, 1), public
	if cmd.IsSet("pace") {
		srv.Pace = cmd.Float("pace")
	}
	return serve(ctx, cmd, s, ln, srv, tokens, path)
}

// serve prints the views' URLs, the facilitator's first, and serves until
// Ctrl-C or the session's end.
func serve(ctx context.Context, cmd *cli.Command, s *scenarios.Scenario, ln net.Listener, srv *console.Server, tokens console.Tokens, journal string) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	srv.Ended = func() { writeRecord(ctx, cmd, s, srv, journal) }
	srv.ListenOn(ln.Addr())
	base := "http://" + publicAddr(ln.Addr(), cmd.Bool("lan"))
	if srv.PublicURL != nil {
		base = srv.PublicURL.Scheme + "://" + srv.PublicURL.Host
	}
	if w := plainHTTPWarning(ln.Addr(), srv.PublicURL); w != "" {
		fmt.Fprintln(cmd.Root().ErrWriter, "propdeck: "+w)
	}
	out := cmd.Root().Writer
	fmt.Fprintf(out, "%s/?token=%s\n", base, tokens.Facilitator)
	printView(out, "screen", base+"/screen?token="+tokens.Screen, cmd.Bool("lan"))
	printView(out, "scribe", base+"/scribe?token="+tokens.Scribe, cmd.Bool("lan"))
	for _, role := range slices.Sorted(maps.Keys(tokens.Roles)) {
		printView(out, "player "+role, base+"/play/"+role+"?token="+tokens.Roles[role], cmd.Bool("lan"))
	}
	fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: journal %s; Ctrl-C stops the console, and starting again resumes\n", journal)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = hs.Shutdown(shut)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
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
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
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
		return nil, usagef("--public-url must be http(s)://HOST or http(s)://HOST:PORT, the address people open the console at")
	}
	u.Path = ""
	return u, nil
}

// plainHTTPWarning is what to say when the pages' tokens cross a network
// in clear: the console listens beyond the loopback, or is reached
// through a public URL over plain HTTP. "" when they do not.
func plainHTTPWarning(a net.Addr, public *url.URL) string {
	tcp, ok := a.(*net.TCPAddr)
	reachable := !ok || !tcp.IP.IsLoopback()
	if !reachable && (public == nil || public.Scheme == "https") {
		return ""
	}
	return "warning: the console speaks plain HTTP: anyone on the network between a page and it can read the page's token, " +
		"and with it the page; use a network you trust, or put the console behind HTTPS on the loopback (--public-url https://…)"
}

// webhookOf reads --webhook and --webhook-format: the URL and the chat's
// flavour, or no URL.
func webhookOf(cmd *cli.Command) (*url.URL, string, error) {
	raw := cmd.String("webhook")
	if raw == "" {
		if cmd.IsSet("webhook-format") {
			return nil, "", usagef("--webhook-format needs --webhook")
		}
		return nil, "", nil
	}
	u, err := props.ParseWebhook(raw)
	if err != nil {
		return nil, "", usagef("%v", err)
	}
	flavour := props.FlavourOf(u)
	if cmd.IsSet("webhook-format") {
		flavour = cmd.String("webhook-format")
		if !slices.Contains(props.Flavours, flavour) {
			return nil, "", usagef("--webhook-format must be %s%s", strings.Join(props.Flavours, " or "), suggest.Hint(flavour, props.Flavours))
		}
	}
	return u, flavour, nil
}

// startWebhook posts each clue handed out to the webhook's chat.
func startWebhook(cmd *cli.Command, s *scenarios.Scenario, srv *console.Server, u *url.URL, flavour string) *props.Webhook {
	hook := props.NewWebhook(s, u, flavour)
	errw := cmd.Root().ErrWriter
	hook.Report = func(msg string) { fmt.Fprintln(errw, "propdeck: "+msg) }
	srv.Stored = func(e session.Event) {
		if c := session.HandedOut(s, e); c != nil {
			hook.Post(c)
		}
	}
	// The URL's path is the webhook's secret: only the host is printed.
	fmt.Fprintf(errw, "propdeck: posting pages and status drafts to the %s webhook at %s as they are handed out\n", flavour, u.Host)
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
func writeRecord(ctx context.Context, cmd *cli.Command, s *scenarios.Scenario, srv *console.Server, journal string) {
	base := strings.TrimSuffix(strings.TrimSuffix(journal, ".jsonl"), ".journal")
	name, dir := base+".record.toml", base+"-report"
	say := func(format string, args ...any) { fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: "+format+"\n", args...) }
	data := srv.Record()
	if err := output.WriteAll(ctx, filepath.Dir(name), []output.File{{Name: filepath.Base(name), Data: data}}); err != nil {
		say("writing the record: %v", err)
		return
	}
	r, err := scenarios.ParseRecord(name, data, s)
	if err == nil {
		var files []output.File
		if files, err = reportFiles(ctx, s, r, layouts.A4); err == nil {
			err = output.WriteAll(ctx, dir, files)
		}
	}
	if err != nil {
		say("the session has ended; wrote %s, but not its report: %v", name, err)
		return
	}
	say("the session has ended; wrote %s and its report in %s; the pages stay open until Ctrl-C", name, dir)
}
