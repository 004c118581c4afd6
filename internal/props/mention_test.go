package props

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// mmDropped are the runes Mattermost's model.SanitizeUnicode removes: a
// mention split by one of them is whole again once it is gone.
func mmDropped(r rune) bool {
	switch r {
	case '\u0340', '\u0341', '\u17A3', '\u17D3', '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
		'\u206A', '\u206B', '\u206C', '\u206D', '\u206E', '\u206F', '\uFFF9', '\uFFFA', '\uFFFB', '\uFEFF', '\uFFFC':
		return true
	}
	return r >= 0x1D173 && r <= 0x1D17A || r >= 0xE0000 && r <= 0xE007F
}

// mattermostMentions are the names a Mattermost server would notify for
// text: its StandardMentionParser.ProcessText (app/mention_parser_standard.go),
// with every @word taken for an existing user. Stricter than the server in
// two ways: code blocks are not removed first (a fence the server's regex
// misreads would expose them), and the blocklisted runes are dropped first.
// A webhook's text first goes through ProcessSlackText: <!channel>,
// <!here> and <!all> become @channel, @here and @all, <@ID> a username.
func mattermostMentions(text string, webhook bool) []string {
	text = strings.Map(func(r rune) rune {
		if mmDropped(r) {
			return -1
		}
		return r
	}, text)
	if webhook {
		text = strings.NewReplacer("<!channel>", "@channel", "<!here>", "@here", "<!all>", "@all").Replace(text)
		text = regexp.MustCompile(`<@([a-zA-Z0-9]+)>`).ReplaceAllString(text, "@id-$1")
	}
	var out []string
	check := func(word string) bool {
		if len(word) > 1 && word[0] == '@' {
			r := []rune(word[1:])[0]
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				out = append(out, strings.ToLower(strings.TrimRight(word[1:], ".-:_")))
				return true
			}
		}
		return false
	}
	for _, word := range strings.FieldsFunc(text, func(c rune) bool {
		return !(c == ':' || c == '.' || c == '-' || c == '_' || c == '@' || unicode.IsLetter(c) || unicode.IsNumber(c))
	}) {
		if word[0] == ':' && word[len(word)-1] == ':' {
			continue
		}
		word = strings.TrimLeft(word, ":.-_")
		if word == "" || check(word) {
			continue
		}
		for _, piece := range strings.FieldsFunc(word, func(c rune) bool { return c == '.' || c == '-' || c == ':' }) {
			check(piece)
		}
	}
	return out
}

// slackTokens are Slack's mention syntaxes: <!here>, <!channel>,
// <!everyone>, <!subteam^ID>, <@U…>, <#C…>, with or without a |label.
var slackTokens = regexp.MustCompile(`<[!@#][^>]*>`)

// slackLinked is a plain @name that link_names would link.
var slackLinked = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_])(@[\p{L}\p{N}][\p{L}\p{N}._-]*)`)

// slackMentions are Slack's mentions in mrkdwn text, as tokens, and the
// plain @names a tool that links names (link_names=1, or a replay of the
// export into Mattermost) would ping.
func slackMentions(text string) []string {
	out := slackTokens.FindAllString(text, -1)
	for _, m := range slackLinked.FindAllStringSubmatch(slackTokens.ReplaceAllString(text, " "), -1) {
		out = append(out, m[1])
	}
	return out
}

// mentionProbes are texts a scenario may quote that the real tools read as
// mentions, by each tool's own rule, and variants of them.
var mentionProbes = []string{
	"@here is anyone on checkout?", "@HERE", "@Here.", "@here,", "(@channel)", "x-@channel", "x.@all", "x:@all",
	"_@here", "-@here-", "@all!", "@everyone", "ping @dana.", "@dana:remote", "cc @dana_b and @ic",
	"<!here>", "<!channel>", "<!everyone>", "<!here|here>", "<!all>", "<@U123>", "<@U123|dana>",
	"<!subteam^S123|@ops>", "<#C123>", "&lt;!here&gt;", "@\u200dhere", "\u200b@here", "@\ufeffhere", "-\u2028@here",
	"e\u0301@here", "[x](@here)", "[@here](http://x)", "`@here`", "*@here*", "~@channel~", "\u17a3@here", "@\u0301here",
	"@1234", "@\u2028here", "@\ufe0fhere", "\u00a0@here", "<mailto:x@y>@here", "@here\u200b", "**@here**", "> @channel",
	"\\@here", "@@here", "@:here", "ping:@dana", "（@here）",
}

// harmless are texts that are not mentions and come through unchanged.
var harmless = []string{"dana@example.com", "＠here", "a@b", "T+4m at 09:04", "@ alone", "@"}

// TestChatNeverMentionsWhatTheScenarioQuotes: a clue's title and body,
// as text or as command output, mention no one in Mattermost (import and
// webhook), the Slack export or a Slack webhook; only the roles the clue is
// for are mentioned, by propdeck.
func TestChatNeverMentionsWhatTheScenarioQuotes(t *testing.T) {
	t.Parallel()
	for _, probe := range mentionProbes {
		for _, mono := range []bool{false, true} {
			s, err := scenarios.Load("testdata/hostile.toml", nil)
			if err != nil {
				t.Fatal(err)
			}
			s = s.Edited(func(w *written.Scenario) {
				c := &w.Clues[0]
				c.Title, c.Body, c.Mono = "Page "+probe, "first line\n"+probe+" and "+probe+"\nlast", mono
			})
			c := &s.Clues()[0]
			files := propFiles(t, s, Options{})
			checkMentions(t, probe, "mattermost import", mmPosts(t, files["hostile-mattermost.jsonl"]), func(m string) []string {
				return mattermostMentions(m, false)
			}, []string{"ic"})
			checkMentions(t, probe, "slack export", slackTexts(t, files), slackMentions, []string{"<@U00000001>"})
			mm, _ := message(s, c, "mattermost")
			checkMentions(t, probe, "mattermost webhook", []string{mm}, func(m string) []string { return mattermostMentions(m, true) }, []string{"ic"})
			sl, _ := message(s, c, "slack")
			checkMentions(t, probe, "slack webhook", []string{sl}, slackMentions, []string{"@ic"})
			// Mattermost reads a Slack-flavoured payload too.
			checkMentions(t, probe, "slack text in mattermost", []string{sl}, func(m string) []string { return mattermostMentions(m, true) }, []string{"ic"})
		}
	}
}

func checkMentions(t *testing.T, probe, where string, texts []string, rule func(string) []string, allowed []string) {
	t.Helper()
	if len(texts) == 0 {
		t.Fatalf("%q: no message in the %s", probe, where)
	}
	for _, text := range texts {
		if got := rule(text); !slices.Equal(got, allowed) {
			t.Errorf("%q, %s: mentions %q, want only %q, in %q", probe, where, got, allowed, text)
		}
	}
}

func mmPosts(t *testing.T, data []byte) []string {
	var out []string
	for _, line := range nonEmptyLines(data) {
		var l mmLine
		mustJSON(t, line, &l)
		if l.Post != nil && strings.HasPrefix(l.Post.User, "alerts") {
			out = append(out, l.Post.Message)
		}
	}
	return out
}

func slackTexts(t *testing.T, files map[string][]byte) []string {
	var out []string
	for name, data := range files {
		if !strings.HasPrefix(name, "hostile-slack-export.zip/inc-hostile/") {
			continue
		}
		var msgs []slackMessage
		mustJSON(t, data, &msgs)
		for _, m := range msgs {
			if m.User == slackID('U', 2) {
				out = append(out, m.Text)
			}
		}
	}
	return out
}

// TestHarmlessAtSignsStayAsTheyAre: what no chat reads as a mention is
// written as it is, so that an address or a count reads the same.
func TestHarmlessAtSignsStayAsTheyAre(t *testing.T) {
	t.Parallel()
	s, err := scenarios.Load("testdata/hostile.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range harmless {
		for _, flavour := range Flavours {
			c := s.Clues()[0]
			c.Title, c.Body, c.Mono = "t", text, true
			msg, _ := message(s, &c, flavour)
			if !strings.Contains(msg, "\n"+text+"\n") {
				t.Errorf("%s: %q became %q", flavour, text, msg)
			}
		}
	}
}

// TestChatFieldsMentionNoOne: the scenario's title and summary and the
// roles' names, written into the channel's name, header, purpose and topic
// and the users' profiles, mention no one by either chat's rule. The Slack
// rule holds for the fields Slack reads as mrkdwn (the topic and purpose).
func TestChatFieldsMentionNoOne(t *testing.T) {
	t.Parallel()
	for _, probe := range mentionProbes {
		s, err := scenarios.Load("testdata/hostile.toml", nil)
		if err != nil {
			t.Fatal(err)
		}
		s = s.Edited(func(w *written.Scenario) {
			w.Scenario.Title, w.Scenario.Summary = "Exercise "+probe, probe+" and "+probe
			w.Roles[0].Name = probe
		})
		files := propFiles(t, s, Options{})
		var mm []string
		for _, line := range nonEmptyLines(files["hostile-mattermost.jsonl"]) {
			var l mmLine
			mustJSON(t, line, &l)
			if l.Post == nil {
				mm = append(mm, unescaped(line))
			}
		}
		var slackUsers, slackChans []string
		for _, name := range []string{"users.json", "channels.json"} {
			var v any
			mustJSON(t, files["hostile-slack-export.zip/"+name], &v)
			if name == "users.json" {
				slackUsers = leaves(v)
			} else {
				slackChans = leaves(v)
			}
		}
		for _, c := range []struct {
			where string
			texts []string
			rule  func(string) []string
		}{
			{"mattermost import", mm, func(m string) []string { return mattermostMentions(m, false) }},
			{"slack users", slackUsers, func(m string) []string { return mattermostMentions(m, false) }},
			{"slack channel", slackChans, func(m string) []string { return mattermostMentions(m, false) }},
			{"slack channel", slackChans, slackMentions},
		} {
			checkMentions(t, probe, c.where, c.texts, c.rule, nil)
		}
	}
}
