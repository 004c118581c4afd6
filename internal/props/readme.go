package props

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/output"
)

// guide says, per tool, what its files are and how a sandbox takes them.
var guide = []struct{ part, text string }{
	{"mattermost.jsonl", `Mattermost bulk import (docs.mattermost.com/onboard/bulk-loading-data-format.html):
  team "tabletop", channel CHANNEL, one user per role and the posters "alerts" and
  "status-page", a post per page and status draft at its story time.
    zip data.zip ID-mattermost.jsonl && mmctl import process --bypass-upload data.zip --local
  Users come without passwords: set them with mmctl user change-password.`},
	{"slack-export.zip", `Slack export (slack.com/help/articles/220556107): users.json, channels.json and
  CHANNEL/YYYY-MM-DD.json, for tools that replay an export (Mattermost's mmetl, viewers).
  Every user, the posters "alerts" and "status-page" too, is an ordinary user with an
  email at example.com, so mmetl (github.com/mattermost/mmetl) needs no --bot-owner
  and no --default-email-domain; the team must exist (the Mattermost import makes it):
    mmetl transform slack --team tabletop --file ID-slack-export.zip --output ID-slack-mattermost.jsonl --skip-attachments
    zip slack.zip ID-slack-mattermost.jsonl && mmctl import process --bypass-upload slack.zip --local`},
	{"statuspage-", `Atlassian Statuspage incident bodies (developer.statuspage.io/#operation/postPagesPageIdIncidents):
  POST the first to /v1/pages/PAGE_ID/incidents of a sandbox page, PATCH the incident
  with the next ones. component_ids hold the page's component ids given with
  propdeck props --statuspage-component SYSTEM=ID, else system ids to replace with
  them. deliver_notifications is false, so nobody is emailed.`},
	{"pagerduty-", `PagerDuty Events API v2 triggers (developer.pagerduty.com/docs/events-api-v2/trigger-events/):
  POST each to https://events.pagerduty.com/v2/enqueue after replacing routing_key
  (YOUR_PAGERDUTY_INTEGRATION_KEY) with a test service's integration key.
  dedup_key is the clue id, so sending one twice raises one incident.`},
	{"prometheus-", `Prometheus query_range answers (prometheus.io/docs/prometheus/latest/querying/api/#range-queries),
  one series per file: CLUE-N.json is series N of the clue. propdeck reads them back
  as [[clues.metric.series]] file = "...", and a sandbox Grafana's TestData or JSON
  data source shows them.`},
	{"loki-", `Loki query_range answers (grafana.com/docs/loki/latest/reference/loki-http-api/#query-logs-within-a-range-of-time):
  a stream per level, oldest line first.`},
	{"otlp-", `OTLP JSON lines (opentelemetry.io/docs/specs/otel/protocol/file-exporter/): one
  MetricsData or LogsData per line, one signal per file, for a collector's otlpjsonfile
  receiver.`},
}

// readme is the props folder's guide: what each file is for and how to
// load it, the files this scenario has.
func readme(st story, files []output.File) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "Props of %s for the team's real tools, written by propdeck props.\n", st.s.Meta().ID)
	fmt.Fprintf(&b, "T+0 is %s. Use a sandbox: these are rehearsal data.\n", st.start.Format("2006-01-02 15:04:05 -07:00"))
	b.WriteString("The clues here are those handed out unasked; contingencies, notes and\nexpected actions stay on the facilitator's run sheet.\n")
	for _, g := range guide {
		var names []string
		for _, f := range files {
			if strings.HasPrefix(f.Name, st.s.Meta().ID+"-"+g.part) {
				names = append(names, f.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		b.WriteString("\n" + strings.Join(names, "\n") + "\n  ")
		b.WriteString(strings.NewReplacer("CHANNEL", channelName(st.s), "ID-", st.s.Meta().ID+"-").Replace(g.text) + "\n")
	}
	return []byte(b.String())
}
