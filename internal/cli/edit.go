package cli

import (
	"cmp"
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/studio"
	"github.com/propdeck/propdeck/internal/text"
)

func editCommand() *cli.Command {
	return &cli.Command{
		Name:      "edit",
		Usage:     "show a scenario's mistakes, cards, timeline and players' view on a local page, updated as you save",
		ArgsUsage: "SCENARIO.toml",
		Description: "Serves a page on the loopback, behind a token, that reads the scenario again each time it or a file it\n" +
			"includes is saved: every mistake and warning as validate says it, the cards as the decks draw them, the\n" +
			"timeline and what each role and the screen will see. It never writes a file.\n\nExample:\n" +
			"   propdeck edit drills/db-failover.toml --editor-url 'vscode://file{path}:{line}:{col}'",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Usage: "HOST:PORT on the loopback to listen on; port 0 picks a free one (default: 127.0.0.1:0)"},
			&cli.StringFlag{Name: "lang", Usage: "the page's language (default: the scenario's)"},
			&cli.StringFlag{Name: "editor-url", Usage: "make each FILE:LINE a link, filling {path}, {line} and {col}, e.g. vscode://file{path}:{line}:{col}"},
		},
		Action: editAction,
	}
}

func editAction(ctx context.Context, cmd *cli.Command) error {
	if cmd.Args().Len() != 1 {
		return usage(text.M("cli-edit-needs-file"))
	}
	if cmd.IsSet("lang") {
		if err := checkLang(cmd.String("lang")); err != nil {
			return err
		}
	}
	if err := checkEditorURL(cmd.String("editor-url")); err != nil {
		return err
	}
	path := cmd.Args().First()
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
		var hint text.Message
		if examples.IsExample(path) {
			hint = text.M("cli-edit-copy-hint", "name", path)
		}
		return usage(text.M("cli-edit-not-file", "path", path, "hint", hint))
	}
	ln, err := listenLoopback(cmd.String("addr"))
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	st := studio.New(ctx, path, studio.Options{Lang: cmd.String("lang"), EditorURL: cmd.String("editor-url")})
	go func() {
		if err := st.Watch(ctx); err != nil {
			fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: %s\n", text.In(err, cmp.Or(cmd.String("lang"), "en")))
			stop()
		}
	}()
	fmt.Fprintf(cmd.Root().Writer, "http://%s/?token=%s\n", ln.Addr(), url.QueryEscape(st.Token()))
	if err := serveUntilDone(ctx, ln, st); err != nil {
		return text.Fail("cli-serving", "err", err)
	}
	return nil
}

// listenLoopback listens on addr, which must be on the loopback: the page
// shows the whole script, sealed cards included.
func listenLoopback(addr string) (net.Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, usage(text.M("cli-addr-form", "err", err))
	}
	if ip, err := netip.ParseAddr(host); host != "localhost" && (err != nil || !ip.IsLoopback()) {
		return nil, usage(text.M("cli-addr-loopback"))
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, text.Fail("cli-listening", "addr", addr, "err", err)
	}
	return ln, nil
}

// checkEditorURL refuses a template a link could run script from.
func checkEditorURL(tmpl string) error {
	if tmpl == "" {
		return nil
	}
	u, err := url.Parse(tmpl)
	if err != nil || u.Scheme == "" {
		return usage(text.M("cli-editor-url-form"))
	}
	switch u.Scheme {
	case "javascript", "data", "vbscript", "blob":
		return usage(text.M("cli-editor-url-scheme", "scheme", u.Scheme))
	}
	return nil
}
