package props

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// URLError is a refused webhook URL. It never holds the URL's path, query
// or password, which are its secrets: only what is wrong, and the host
// when it is a plain host name or address.
type URLError struct {
	Host   string // "" when the host is missing or not shown
	Reason string
}

func (e *URLError) Error() string {
	if e.Host == "" {
		return "--webhook " + e.Reason + " (a webhook's path is its secret and is never shown)"
	}
	return "--webhook for host " + e.Host + ": " + e.Reason + " (a webhook's path is its secret and is never shown)"
}

// example is the shape of a webhook URL, for refusals.
const example = "an http(s) URL such as https://chat.example.com/hooks/xxx"

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
		return nil, &URLError{Reason: "holds a space or a control character; is it " + example + "?"}
	}
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || !schemeRE.MatchString(scheme) {
		return nil, &URLError{Reason: "is not " + example}
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
		e.Reason = "is " + strings.ToLower(scheme) + ", not " + example
	case e.Host == "":
		e.Reason = "has no host, or a host that is not a name or an address"
	case port != "" && !validPort(port):
		e.Reason = "its port is not a number between 1 and 65535"
	case badEscape.MatchString(raw):
		e.Reason = "has a % that is not followed by two hexadecimal digits"
	default:
		u, err := url.Parse(raw)
		if err == nil && u.Host != "" {
			return u, nil
		}
		e.Reason = "is not " + example
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
