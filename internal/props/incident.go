package props

import (
	"cmp"
	"strings"
	"time"

	"github.com/propdeck/propdeck/internal/written"
)

// placeholderKey stands where a pager service's integration key goes.
const placeholderKey = "YOUR_PAGERDUTY_INTEGRATION_KEY"

// componentStatus is what a status page shows a component as while an
// incident of that impact is open.
var componentStatus = map[string]string{
	"none":     "operational",
	"minor":    "degraded_performance",
	"major":    "partial_outage",
	"critical": "major_outage",
}

type spIncident struct {
	Incident spBody `json:"incident"`
}

type spBody struct {
	Name                 string            `json:"name"`
	Status               string            `json:"status"`
	ImpactOverride       string            `json:"impact_override"`
	Body                 string            `json:"body"`
	ComponentIDs         []string          `json:"component_ids"`
	Components           map[string]string `json:"components"`
	DeliverNotifications bool              `json:"deliver_notifications"`
}

// statusDrafts are the status clues with a [clues.status_page] table, each
// as the body of a Statuspage incident request (POST to create the
// incident with the first, PATCH it with the next ones). Component ids
// are the page's own given for a system (--statuspage-component), else
// the system's id for the author to replace; nobody is notified.
func statusDrafts(st story) []named {
	var out []named
	for _, c := range st.of("status") {
		sp := c.StatusPage
		if sp == nil {
			continue
		}
		impact := sp.Impact
		if impact == "" {
			impact = "none"
		}
		systems := sp.Components
		if len(systems) == 0 && c.System != "" {
			systems = []string{c.System}
		}
		comps := make([]string, len(systems))
		for i, id := range systems {
			comps[i] = cmp.Or(st.components[id], id)
		}
		state := map[string]string{}
		for _, id := range comps {
			state[id] = componentStatus[impact]
			if sp.Status == "resolved" {
				state[id] = "operational"
			}
		}
		body := spIncident{spBody{Name: clip(st.s.Title(), 255), Status: sp.Status, ImpactOverride: impact,
			Body: c.Body, ComponentIDs: append([]string{}, comps...), Components: state}}
		data, err := indented(body)
		out = append(out, named{"statuspage-" + c.ID + ".json", data, err})
	}
	return out
}

type pdEvent struct {
	RoutingKey  string    `json:"routing_key"`
	EventAction string    `json:"event_action"`
	DedupKey    string    `json:"dedup_key"`
	Payload     pdPayload `json:"payload"`
	Links       []pdLink  `json:"links,omitempty"`
}

type pdPayload struct {
	Summary       string            `json:"summary"`
	Source        string            `json:"source"`
	Severity      string            `json:"severity"`
	Timestamp     string            `json:"timestamp"`
	Component     string            `json:"component,omitempty"`
	Group         string            `json:"group"`
	Class         string            `json:"class"`
	CustomDetails map[string]string `json:"custom_details"`
}

type pdLink struct {
	Href string `json:"href"`
	Text string `json:"text"`
}

// pages are the alert clues as PagerDuty Events API v2 triggers, deduped
// by clue id so that sending one twice raises one incident.
func pages(st story) []named {
	var out []named
	for _, c := range st.of("alert") {
		out = append(out, page(st, c))
	}
	return out
}

func page(st story, c *written.Clue) named {
	severity := c.Severity
	if severity == "" {
		severity = "critical"
	}
	source := c.System
	if source == "" {
		source = st.s.ID()
	}
	details := map[string]string{"body": c.Body}
	var links []pdLink
	if c.RunbookURL != "" {
		details["runbook"] = c.RunbookURL
		links = []pdLink{{Href: c.RunbookURL, Text: wordsOf(st.s).Runbook}}
	}
	e := pdEvent{RoutingKey: placeholderKey, EventAction: "trigger", DedupKey: c.ID, Links: links, Payload: pdPayload{
		Summary: clip(strings.Join(strings.Fields(c.Title), " "), 1024), Source: clip(source, 255), Severity: severity,
		Timestamp: st.at(c.Offset).Format(time.RFC3339), Component: c.System, Group: st.s.ID(), Class: c.Kind,
		CustomDetails: details,
	}}
	data, err := indented(e)
	return named{"pagerduty-" + c.ID + ".json", data, err}
}
