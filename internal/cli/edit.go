package cli

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"

	"github.com/urfave/cli/v3"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/studio"
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
		return usagef("edit needs one scenario file")
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
		hint := ""
		if examples.IsExample(path) {
			hint = fmt.Sprintf(" (propdeck init --from-example %s %s.toml makes a copy to edit)", path, path)
		}
		return usagef("edit needs a scenario file on disk: %s is none%s", path, hint)
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
			fmt.Fprintf(cmd.Root().ErrWriter, "propdeck: %v\n", err)
			stop()
		}
	}()
	fmt.Fprintf(cmd.Root().Writer, "http://%s/?token=%s\n", ln.Addr(), url.QueryEscape(st.Token()))
	if err := serveUntilDone(ctx, ln, st); err != nil {
		return fmt.Errorf("serving the page: %w", err)
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
		return nil, usagef("--addr must be HOST:PORT: %v", err)
	}
	if ip, err := netip.ParseAddr(host); host != "localhost" && (err != nil || !ip.IsLoopback()) {
		return nil, usagef("--addr must be on the loopback (127.0.0.1, ::1 or localhost): the page shows the whole script")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", addr, err)
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
		return usagef("--editor-url must be a URL with a scheme, such as vscode://file{path}:{line}:{col}")
	}
	switch u.Scheme {
	case "javascript", "data", "vbscript", "blob":
		return usagef("--editor-url may not be a %s: URL", u.Scheme)
	}
	return nil
}
