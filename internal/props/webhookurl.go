package props

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/propdeck/propdeck/internal/text"
)

// URLError is a refused webhook URL. It never holds the URL's path, query
// or password, which are its secrets: only what is wrong, and the host
// when it is a plain host name or address.
type URLError struct {
	Host   string // "" when the host is missing or not shown
	Reason text.Message
}

func (e *URLError) Error() string { return e.Message().String() }

// Message is what the error says, for the reader's language.
func (e *URLError) Message() text.Message {
	if e.Host == "" {
		return text.M("webhook-bad-url", "why", e.Reason)
	}
	return text.M("webhook-bad-url-host", "host", e.Host, "why", e.Reason)
}

var (
	schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)
	// shownHost is a host that may be printed: a name or an address.
	shownHost = regexp.MustCompile(`^([\p{L}\p{N}._-]+|\[[0-9A-Fa-f:.]+(%25[A-Za-z0-9._~-]+)?\])$`)
	badEscape = regexp.MustCompile(`%([^0-9A-Fa-f]|.[^0-9A-Fa-f]|.?$)`)
)

// ParseWebhook checks a webhook URL: absolute, http or https, with a host
// and a port from 1 to 65535 if any. Its errors are URLErrors: url.Parse's
// own quote the whole URL, so each check runs before it.
func ParseWebhook(raw string) (*url.URL, error) {
	if strings.IndexFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return nil, &URLError{Reason: text.M("webhook-url-space")}
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || !schemeRE.MatchString(scheme) {
		return nil, &URLError{Reason: text.M("webhook-url-not")}
	}
	authority := rest[:strings.IndexAny(rest+"/", "/?#")]
	hostport := authority[strings.LastIndex(authority, "@")+1:]
	host, port := splitPort(hostport)
	e := &URLError{}
	if shownHost.MatchString(host) {
		e.Host = host
	}
	switch {
	case !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https"):
		e.Reason = text.M("webhook-url-scheme", "scheme", strings.ToLower(scheme))
	case e.Host == "":
		e.Reason = text.M("webhook-url-no-host")
	case port != "" && !validPort(port):
		e.Reason = text.M("webhook-url-port")
	case badEscape.MatchString(raw):
		e.Reason = text.M("webhook-url-escape")
	default:
		u, err := url.Parse(raw)
		if err == nil && u.Host != "" {
			return u, nil
		}
		e.Reason = text.M("webhook-url-not")
	}
	return nil, e
}

// splitPort cuts host[:port] at the port's colon, after an IPv6
// address's brackets; port is "" when there is none, and holds any
// further colon.
func splitPort(hostport string) (host, port string) {
	from := 0
	if strings.HasPrefix(hostport, "[") {
		from = strings.Index(hostport, "]") + 1
	}
	i := strings.Index(hostport[from:], ":")
	if from == 0 && strings.HasPrefix(hostport, "[") || i < 0 {
		return hostport, ""
	}
	return hostport[:from+i], hostport[from+i+1:]
}

func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535 && strings.Trim(p, "0123456789") == ""
}
