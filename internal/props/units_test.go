package props

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/propdeck/propdeck/internal/scenarios"
	"github.com/propdeck/propdeck/internal/written"
)

// ucumCode is the UCUM syntax of the codes propdeck writes: a power of
// ten, a unit atom with a prefix, an annotation, then a per-time.
var ucumCode = regexp.MustCompile(`^(1|%|(10\*\d+)?([kMGT]?(By|W|Hz)|m?s|min|h)?(\{[!-z|~]+\})?(/(s|min|h))?)$`)

func TestUCUM(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"%", "%"}, {"ms", "ms"}, {"req/s", "{req}/s"}, {"k req/s", "10*3{req}/s"}, {"M req/s", "10*6{req}/s"},
		{"MB/s", "MBy/s"}, {"machines", "{machines}"}, {"만 건/초", "1"}, {"million events", "1"}, {"곳", "1"},
	} {
		if got := ucum(tc.in); got != tc.want || !ucumCode.MatchString(got) {
			t.Errorf("ucum(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTelemetryAgreesAcrossFormats: every Prometheus series has the job
// that OTLP's service.name of its clue is, and the unit label OTLP's UCUM
// unit is; the card's words for the unit stay in OTLP's description.
func TestTelemetryAgreesAcrossFormats(t *testing.T) {
	t.Parallel()
	for name, s := range shipped(t) {
		files := propFiles(t, s, Options{Requests: true})
		service, unit := map[string]string{}, map[string]string{}
		data := files[s.Meta().ID+"-otlp-metrics.jsonl"]
		for line := range bytes.Lines(data) {
			var m struct {
				ResourceMetrics []struct {
					Resource     struct{ Attributes []otlpAttr }
					ScopeMetrics []struct{ Metrics []otlpMetric }
				}
			}
			mustJSON(t, line, &m)
			rm := m.ResourceMetrics[0]
			at := map[string]string{}
			for _, a := range rm.Resource.Attributes {
				at[a.Key] = a.Value.StringValue
			}
			om := rm.ScopeMetrics[0].Metrics[0]
			clue := at["propdeck.clue"]
			service[clue], unit[clue] = at["service.name"], om.Unit
			if c := clueOf(s, clue); c.Metric.Unit != "" && (!ucumCode.MatchString(om.Unit) || !strings.Contains(om.Description+" "+om.Unit, c.Metric.Unit)) {
				t.Errorf("%s: clue %s's unit %q, description %q for the card's %q", name, clue, om.Unit, om.Description, c.Metric.Unit)
			}
		}
		for path, data := range files {
			if !strings.HasPrefix(path, s.Meta().ID+"-prometheus-") {
				continue
			}
			var a promAnswer
			mustJSON(t, data, &a)
			l := a.Data.Result[0].Metric
			if l["job"] == "" || l["job"] != service[l["clue"]] || l["unit"] != unit[l["clue"]] {
				t.Errorf("%s: %s has job %q and unit %q; OTLP has %q and %q", name, path, l["job"], l["unit"], service[l["clue"]], unit[l["clue"]])
			}
		}
	}
}

func clueOf(s *scenarios.Session, id string) *written.Clue {
	if c, ok := s.Clue(id); ok {
		return &c
	}
	return nil
}
