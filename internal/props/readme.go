package props

import (
	"fmt"
	"strings"

	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/text"
)

// words are the props' words in the scenario's language (props.toml).
type words struct {
	Intro, Start, Unasked, Alerts, StatusPage, Runbook, Team, TeamPurpose, ChannelHeader string
	Mattermost, Slack, Statuspage, PagerDuty, Prometheus, Loki, OTLP                     string
}

func wordsOf(s *scenarios.Session) words { return text.Load[words](s.Language(), "props") }

// guide says, per tool, what its files are and how a sandbox takes them.
func guide(w words) []struct{ part, text string } {
	return []struct{ part, text string }{
		{"mattermost.jsonl", w.Mattermost}, {"slack-export.zip", w.Slack}, {"statuspage-", w.Statuspage},
		{"pagerduty-", w.PagerDuty}, {"prometheus-", w.Prometheus}, {"loki-", w.Loki}, {"otlp-", w.OTLP},
	}
}

// readme is the props folder's guide: what each file is for and how to
// load it, the files this scenario has.
func readme(st story, files []output.File) []byte {
	var b strings.Builder
	w := wordsOf(st.s)
	fmt.Fprintf(&b, w.Intro+"\n", st.s.ID())
	fmt.Fprintf(&b, w.Start+"\n", st.start.Format("2006-01-02 15:04:05 -07:00"))
	b.WriteString(w.Unasked + "\n")
	for _, g := range guide(w) {
		var names []string
		for _, f := range files {
			if strings.HasPrefix(f.Name, st.s.ID()+"-"+g.part) {
				names = append(names, f.Name)
			}
		}
		if len(names) == 0 {
			continue
		}
		b.WriteString("\n" + strings.Join(names, "\n") + "\n  ")
		b.WriteString(strings.NewReplacer("CHANNEL", channelName(st.s), "ID-", st.s.ID()+"-").Replace(g.text) + "\n")
	}
	return []byte(b.String())
}
