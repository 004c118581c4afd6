package props

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/propdeck/propdeck/internal/mdw"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// teamName is the chat team the incident channel is in.
const teamName = "tabletop"

// chatKinds are the clues a chat channel carries: pages and status drafts.
var chatKinds = []string{"alert", "status"}

// user is one chat account: a role's, or one of the posters of pages and
// status drafts.
type user struct {
	name     string // the username: lower case, starts with a letter
	fullName string
	role     string // the role id, "" for a poster
}

// reserved are usernames Mattermost and Slack keep for mentions of many.
var reserved = []string{"all", "channel", "here", "everyone", "matterbot", "system"}

// users are one per role, then the poster of pages and of status drafts,
// each with a username both tools accept (at most 22 characters).
func users(s *scenarios.Session) []user {
	var out []user
	taken := map[string]bool{}
	name := func(want string) string {
		n := want
		if n == "" || n[0] < 'a' || n[0] > 'z' {
			n = "r-" + n
		}
		if len(n) > 22 {
			n = strings.TrimRight(n[:22], "-")
		}
		base := n
		for k := 2; taken[n] || slices.Contains(reserved, n); k++ {
			suffix := fmt.Sprintf("-%d", k)
			n = base[:min(len(base), 22-len(suffix))] + suffix
		}
		taken[n] = true
		return n
	}
	for _, r := range s.Roles() {
		out = append(out, user{name(r.ID), r.Name, r.ID})
	}
	w := wordsOf(s)
	out = append(out, user{name("alerts"), w.Alerts, ""}, user{name("status-page"), w.StatusPage, ""})
	return out
}

// email is a user's address in both chats' files, at the domain kept for
// examples (RFC 2606), so that a sandbox never mails anyone.
func email(u user) string { return u.name + "@example.com" }

// poster is who posts a clue: the alerts account for a page, the status
// page account for a status draft.
func poster(us []user, c *written.Clue) user {
	if c.Kind == "alert" {
		return us[len(us)-2]
	}
	return us[len(us)-1]
}

// mentions are the usernames of the roles a clue is for; none when it is
// for everyone.
func mentions(us []user, c *written.Clue) []string {
	if c.To == nil {
		return nil
	}
	var out []string
	for _, u := range us {
		if u.role != "" && c.Reaches(u.role) {
			out = append(out, u.name)
		}
	}
	return out
}

// channelName is the incident channel's name: inc-ID, within the 64
// characters Mattermost allows (Slack allows 80).
func channelName(s *scenarios.Session) string {
	return strings.TrimRight(clip("inc-"+s.ID(), 64), "-")
}

// clip shortens s to n runes, the last an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// markdown is a clue as a Mattermost message: the title in bold, the body
// as text (a fenced block when it is command output), nothing of either
// read as Markdown.
func markdown(c *written.Clue, at []string) string {
	var b strings.Builder
	for _, m := range at {
		b.WriteString("@" + m + " ")
	}
	b.WriteString("**" + quiet(mdw.Inline(c.Title)) + "**")
	if c.Body == "" {
		return b.String()
	}
	if c.Mono {
		// Quiet inside the fence too: Mattermost finds mentions in code it
		// strips with a regular expression that a longer fence escapes.
		fence := strings.Repeat("`", max(3, longestRun(c.Body, '`')+1))
		b.WriteString("\n" + fence + "text\n" + quiet(c.Body) + "\n" + fence)
		return b.String()
	}
	for _, line := range strings.Split(c.Body, "\n") {
		b.WriteString("\n" + quiet(mdw.Inline(line)))
	}
	return b.String()
}

func longestRun(s string, r byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == r {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// mrkdwn is a clue as a Slack message: Slack reads only &, < and > as
// markup in text, so those are escaped, which leaves no <!here>, <@U…> or
// <!subteam^…> of the scenario's. Mentions of the roles come as they are:
// <@ID> in an export, plain @names through a webhook, which cannot resolve
// them.
func mrkdwn(c *written.Clue, at []string) string {
	esc := slackEscape
	var b strings.Builder
	for _, m := range at {
		b.WriteString(m + " ")
	}
	b.WriteString("*" + quiet(esc.Replace(strings.Join(strings.Fields(c.Title), " "))) + "*")
	switch {
	case c.Body == "":
	case c.Mono:
		b.WriteString("\n```\n" + quiet(esc.Replace(c.Body)) + "\n```")
	default:
		b.WriteString("\n" + quiet(esc.Replace(c.Body)))
	}
	return b.String()
}

// slackEscape escapes the only characters Slack reads as markup in text.
var slackEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// plain is scenario text in a chat field that is not a post (a channel's
// name, header, purpose or topic, a user's name or title), clipped to the
// field's n runes: the tools show these to every member and Mattermost
// posts a changed header into the channel, so they follow the posts' rule,
// quiet, and mention no one. Quieted before clipping, so that the clip
// holds the field's limit.
func plain(s string, n int) string { return clip(quiet(s), n) }

// slackPlain is plain for a Slack field Slack reads as mrkdwn (a channel's
// topic and purpose): escaped first, so that no <!here> or <@U…> is left.
func slackPlain(s string, n int) string { return plain(slackEscape.Replace(s), n) }

// carried reports whether chat carries a clue: a page or a status draft
// for someone (a clue for nobody is the facilitator's own).
func carried(c *written.Clue) bool {
	return slices.Contains(chatKinds, c.Kind) && (c.To == nil || len(c.To) > 0)
}

// message is a handed-out clue as a webhook's text, in the flavour of the
// tool (mattermost or slack), or false when chat does not carry the clue.
func message(s *scenarios.Session, c *written.Clue, flavour string) (string, bool) {
	if !carried(c) {
		return "", false
	}
	us := users(s)
	at := mentions(us, c)
	if flavour == "slack" {
		for i, m := range at {
			at[i] = "@" + m
		}
		return clip(mrkdwn(c, at), maxSlack), true
	}
	return clip(markdown(c, at), maxPost), true
}
