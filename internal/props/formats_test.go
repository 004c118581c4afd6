package props

import (
	"bytes"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	logspb "go.opentelemetry.io/proto/otlp/logs/v1"
	metricspb "go.opentelemetry.io/proto/otlp/metrics/v1"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/propdeck/propdeck/internal/written"
)

// The documented keys and rules of each tool's objects: Mattermost's bulk
// loading format (docs.mattermost.com/onboard/bulk-loading-data-format.html),
// Slack's export, Statuspage's incident and PagerDuty's Events API v2.
var (
	mmKeys = map[string][]string{
		"team":    {"name", "display_name", "type", "description", "allow_open_invite", "scheme"},
		"channel": {"team", "name", "display_name", "type", "header", "purpose", "scheme"},
		"user":    {"username", "email", "auth_service", "auth_data", "password", "nickname", "first_name", "last_name", "position", "roles", "locale", "teams"},
		"post":    {"team", "channel", "user", "type", "message", "props", "create_at", "edit_at", "flagged_by", "replies", "reactions", "attachments", "is_pinned"},
	}
	mmTeamName    = regexp.MustCompile(`^[a-z][a-z0-9-]{1,63}$`)
	mmChannelName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	username      = regexp.MustCompile(`^[a-z][a-z0-9._-]{0,21}$`)
	slackTS       = regexp.MustCompile(`^\d{10}\.\d{6}$`)
)

func decodeLine(t *testing.T, line []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(line, &m); err != nil {
		t.Fatalf("not JSON: %s: %v", line, err)
	}
	return m
}

func onlyKeys(t *testing.T, what string, m map[string]any, allowed []string) {
	t.Helper()
	for k := range m {
		if !slices.Contains(allowed, k) {
			t.Errorf("%s: key %q is not in the tool's format", what, k)
		}
	}
}

func TestMattermostImportFollowsTheFormat(t *testing.T) {
	for name, s := range shipped(t) {
		data := propFiles(t, s, Options{})[s.Meta().ID+"-mattermost.jsonl"]
		lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
		if string(lines[0]) != `{"type":"version","version":1}` {
			t.Errorf("%s: the first line is %s, not the version", name, lines[0])
		}
		order := []string{"version", "team", "channel", "user", "post"}
		stage, last := 0, int64(0)
		known := map[string]bool{}
		for i, line := range lines[1:] {
			m := decodeLine(t, line)
			typ, _ := m["type"].(string)
			k := slices.Index(order, typ)
			if k < stage || k < 1 || len(m) != 2 {
				t.Fatalf("%s line %d: a %q line out of the documented order, or with more than its object", name, i+2, typ)
			}
			stage = k
			obj, _ := m[typ].(map[string]any)
			onlyKeys(t, name+" "+typ, obj, mmKeys[typ])
			last = checkMattermost(t, name, typ, obj, known, last)
		}
		if stage != 4 && len(s.Timeline().Of(written.Timed)) > 0 {
			t.Errorf("%s: no posts", name)
		}
	}
}

// checkMattermost holds one object to the bulk importer's validators:
// names, lengths, references to what came before, post times.
func checkMattermost(t *testing.T, name, typ string, o map[string]any, known map[string]bool, last int64) int64 {
	t.Helper()
	str := func(k string) string { v, _ := o[k].(string); return v }
	runes := func(k string, lo, hi int) {
		if n := utf8.RuneCountInString(str(k)); n < lo || n > hi {
			t.Errorf("%s %s: %s has %d characters, not %d to %d", name, typ, k, n, lo, hi)
		}
	}
	switch typ {
	case "team":
		if !mmTeamName.MatchString(str("name")) || (str("type") != "O" && str("type") != "I") {
			t.Errorf("%s: team %q of type %q", name, str("name"), str("type"))
		}
		runes("display_name", 1, 64)
		known["team:"+str("name")] = true
	case "channel":
		if !known["team:"+str("team")] || !mmChannelName.MatchString(str("name")) || (str("type") != "O" && str("type") != "P") {
			t.Errorf("%s: channel %q in team %q of type %q", name, str("name"), str("team"), str("type"))
		}
		runes("display_name", 1, 64)
		runes("header", 0, 1024)
		runes("purpose", 0, 250)
		known["channel:"+str("name")] = true
	case "user":
		u := str("username")
		if !username.MatchString(u) || slices.Contains(reserved, u) || !strings.Contains(str("email"), "@") || known["user:"+u] {
			t.Errorf("%s: user %q (%q)", name, u, str("email"))
		}
		known["user:"+u] = true
		teams, _ := json.Marshal(o["teams"])
		if !bytes.Contains(teams, []byte(`"roles":"team_user"`)) || !bytes.Contains(teams, []byte(`"roles":"channel_user"`)) {
			t.Errorf("%s: user %q joins no team and channel: %s", name, u, teams)
		}
	case "post":
		if !known["team:"+str("team")] || !known["channel:"+str("channel")] || !known["user:"+str("user")] {
			t.Errorf("%s: a post in %q/%q by %q, which the file does not define", name, str("team"), str("channel"), str("user"))
		}
		runes("message", 1, maxPost)
		at, _ := o["create_at"].(float64)
		if int64(at) <= last {
			t.Errorf("%s: post create_at %v after %v: posts are told apart by it", name, at, last)
		}
		return int64(at)
	}
	return last
}

// TestChatMessagesAreText renders each Mattermost post as Markdown: the
// only markup is propdeck's own (the bold title, a code block), and every
// word of the clue is there as text.
func TestChatMessagesAreText(t *testing.T) {
	s := shipped(t)["hostile"]
	for _, c := range s.Timeline().Of(written.Timed) {
		msg, ok := message(s, c.Clue, "mattermost")
		if !ok {
			continue
		}
		var html bytes.Buffer
		if err := goldmark.Convert([]byte(msg), &html); err != nil {
			t.Fatal(err)
		}
		out := html.String()
		for _, tag := range []string{"<a ", "<img", "<h1", "<em>", "<ol", "<li", "<blockquote", "<script", "<b>", "<del>", "raw HTML omitted"} {
			if strings.Contains(out, tag) {
				t.Errorf("clue %s: the message renders %q:\n%s", c.Clue.ID, tag, out)
			}
		}
		if !strings.Contains(out, "<strong>") {
			t.Errorf("clue %s: the title is not bold:\n%s", c.Clue.ID, out)
		}
		if c.Clue.Mono && !strings.Contains(out, "<pre><code") {
			t.Errorf("clue %s: command output is not a code block:\n%s", c.Clue.ID, out)
		}
	}
}

func TestSlackExportFollowsTheFormat(t *testing.T) {
	for name, s := range shipped(t) {
		files := propFiles(t, s, Options{})
		zipName := s.Meta().ID + "-slack-export.zip/"
		var users []map[string]any
		var chans []map[string]any
		mustJSON(t, files[zipName+"users.json"], &users)
		mustJSON(t, files[zipName+"channels.json"], &chans)
		ids := map[string]bool{}
		for _, u := range users {
			id, _ := u["id"].(string)
			ids[id] = strings.HasPrefix(id, "U") && username.MatchString(u["name"].(string))
		}
		if len(chans) != 1 || chans[0]["name"] != channelName(s) {
			t.Fatalf("%s: channels.json is %v", name, chans)
		}
		last := ""
		for _, path := range slices.Sorted(maps.Keys(files)) {
			data := files[path]
			day, ok := strings.CutPrefix(path, zipName+channelName(s)+"/")
			if !ok {
				continue
			}
			var msgs []map[string]any
			mustJSON(t, data, &msgs)
			for _, m := range msgs {
				ts, _ := m["ts"].(string)
				sec, _ := strconv.ParseInt(strings.Split(ts, ".")[0], 10, 64)
				if !slackTS.MatchString(ts) || ts <= last || time.Unix(sec, 0).In(s.Meta().StartTime.Location()).Format(time.DateOnly)+".json" != day {
					t.Errorf("%s: message ts %q in %s", name, ts, day)
				}
				last = ts
				if !ids[m["user"].(string)] || m["type"] != "message" {
					t.Errorf("%s: message by %v of type %v", name, m["user"], m["type"])
				}
				for _, mention := range regexp.MustCompile(`<@([A-Z0-9]+)>`).FindAllStringSubmatch(m["text"].(string), -1) {
					if !ids[mention[1]] {
						t.Errorf("%s: a mention of %s, who is not in users.json", name, mention[1])
					}
				}
			}
		}
	}
}

func mustJSON(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
}

func TestStatuspageIncidentsFollowTheAPI(t *testing.T) {
	statuses := []string{"investigating", "identified", "monitoring", "resolved"}
	impacts := []string{"none", "minor", "major", "critical"}
	for name, s := range shipped(t) {
		for path, data := range propFiles(t, s, Options{}) {
			if !strings.Contains(path, "-statuspage-") {
				continue
			}
			var body struct {
				Incident map[string]any `json:"incident"`
			}
			mustJSON(t, data, &body)
			inc := body.Incident
			onlyKeys(t, path, inc, []string{"name", "status", "impact_override", "scheduled_for", "scheduled_until", "scheduled_remind_prior", "scheduled_auto_in_progress",
				"scheduled_auto_completed", "metadata", "deliver_notifications", "auto_transition_deliver_notifications_at_end", "auto_transition_deliver_notifications_at_start",
				"auto_transition_to_maintenance_state", "auto_transition_to_operational_state", "auto_tweet_at_beginning", "auto_tweet_on_completion", "auto_tweet_on_creation",
				"auto_tweet_one_hour_before", "backfill_date", "backfilled", "body", "components", "component_ids", "scheduled_auto_transition"})
			comps, _ := inc["components"].(map[string]any)
			ids, _ := inc["component_ids"].([]any)
			if !slices.Contains(statuses, inc["status"].(string)) || !slices.Contains(impacts, inc["impact_override"].(string)) || inc["body"] == "" || len(ids) != len(comps) || inc["deliver_notifications"] != false {
				t.Errorf("%s %s: %v", name, path, inc)
			}
			for _, id := range ids {
				if st, _ := comps[id.(string)].(string); !slices.Contains(slices.Collect(maps.Values(componentStatus)), st) {
					t.Errorf("%s %s: component %v has status %v", name, path, id, comps[id.(string)])
				}
			}
		}
	}
}

func TestPagerDutyEventsFollowTheAPI(t *testing.T) {
	for name, s := range shipped(t) {
		files := propFiles(t, s, Options{})
		for _, c := range s.Timeline().Of(written.Timed) {
			if c.Clue.Kind != "alert" {
				continue
			}
			var e map[string]any
			mustJSON(t, files[s.Meta().ID+"-pagerduty-"+c.Clue.ID+".json"], &e)
			onlyKeys(t, name+" event", e, []string{"routing_key", "event_action", "dedup_key", "payload", "images", "links", "client", "client_url"})
			p, _ := e["payload"].(map[string]any)
			onlyKeys(t, name+" payload", p, []string{"summary", "source", "severity", "timestamp", "component", "group", "class", "custom_details"})
			summary, _ := p["summary"].(string)
			ts, err := time.Parse(time.RFC3339, p["timestamp"].(string))
			switch {
			case e["event_action"] != "trigger" || e["routing_key"] != placeholderKey || e["dedup_key"] != c.Clue.ID:
				t.Errorf("%s %s: %v", name, c.Clue.ID, e)
			case summary == "" || utf8.RuneCountInString(summary) > 1024 || p["source"] == "":
				t.Errorf("%s %s: summary %q, source %v", name, c.Clue.ID, summary, p["source"])
			case !slices.Contains([]string{"critical", "error", "warning", "info"}, p["severity"].(string)):
				t.Errorf("%s %s: severity %v", name, c.Clue.ID, p["severity"])
			case err != nil || !ts.Equal(s.Meta().StartTime.Add(c.At())):
				t.Errorf("%s %s: timestamp %v (%v)", name, c.Clue.ID, p["timestamp"], err)
			}
		}
	}
}

func TestLokiStreamsFollowTheAPI(t *testing.T) {
	for name, s := range shipped(t) {
		files := propFiles(t, s, Options{Requests: true})
		for _, c := range s.Clues() {
			data, ok := files[s.Meta().ID+"-loki-"+c.ID+".json"]
			if c.Log == nil || !ok {
				continue
			}
			var a lokiAnswer
			mustJSON(t, data, &a)
			n := 0
			for _, st := range a.Data.Result {
				last := int64(0)
				for _, v := range st.Values {
					ns, err := strconv.ParseInt(v[0], 10, 64)
					if err != nil || ns < last {
						t.Errorf("%s %s: timestamp %q after %d", name, c.ID, v[0], last)
					}
					last = ns
					n++
				}
				if st.Stream["service_name"] == "" || st.Stream["level"] == "" {
					t.Errorf("%s %s: stream labels %v", name, c.ID, st.Stream)
				}
			}
			if a.Status != "success" || a.Data.ResultType != "streams" || n != len(s.LogEntries(c)) {
				t.Errorf("%s %s: %s %s with %d of %d lines", name, c.ID, a.Status, a.Data.ResultType, n, len(s.LogEntries(c)))
			}
		}
	}
}

// TestOTLPLinesDecodeAsTheProtocol decodes every line with the
// OpenTelemetry protocol's own Go types, which refuse an unknown field
// and a value of the wrong type.
func TestOTLPLinesDecodeAsTheProtocol(t *testing.T) {
	for name, s := range shipped(t) {
		files := propFiles(t, s, Options{Requests: true})
		points, records := 0, 0
		for _, line := range nonEmptyLines(files[s.Meta().ID+"-otlp-metrics.jsonl"]) {
			var m metricspb.MetricsData
			if err := protojson.Unmarshal(line, &m); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, dp := range m.ResourceMetrics[0].ScopeMetrics[0].Metrics[0].GetGauge().GetDataPoints() {
				if dp.TimeUnixNano == 0 {
					t.Errorf("%s: a point with no time", name)
				}
				points++
			}
		}
		for _, line := range nonEmptyLines(files[s.Meta().ID+"-otlp-logs.jsonl"]) {
			var l logspb.LogsData
			if err := protojson.Unmarshal(line, &l); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, r := range l.ResourceLogs[0].ScopeLogs[0].LogRecords {
				if r.SeverityNumber == 0 || r.Body.GetStringValue() == "" {
					t.Errorf("%s: record %v", name, r)
				}
				records++
			}
		}
		wantPoints, wantRecords := 0, 0
		for _, c := range s.Clues() {
			if c.Mode == written.Contingent {
				continue
			}
			if c.Metric != nil {
				for i := range c.Metric.Series {
					wantPoints += len(s.Samples(c, i))
				}
			}
			if c.Log != nil {
				wantRecords += len(s.LogEntries(c))
			}
		}
		if points != wantPoints || records != wantRecords {
			t.Errorf("%s: %d points and %d records, want %d and %d", name, points, records, wantPoints, wantRecords)
		}
	}
}

func nonEmptyLines(data []byte) [][]byte {
	var out [][]byte
	for _, l := range bytes.Split(data, []byte("\n")) {
		if len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}
