package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/propdeck/propdeck/internal/text"
)

// icebergChain is an IcebergTTX file of n injects in a chain, each with a
// title, some content and an expected action, the way other authors write
// them (no times: the import spaces them).
func icebergChain(n int) []byte {
	type inject struct {
		ID      string   `json:"id"`
		Title   string   `json:"title"`
		Content string   `json:"content"`
		Targets []string `json:"target_teams"`
		Next    *string  `json:"next_inject_id"`
		Expect  []string `json:"expected_actions"`
	}
	injects := make([]inject, n)
	for i := range injects {
		injects[i] = inject{ID: fmt.Sprintf("step_%d", i), Title: fmt.Sprintf("Step %d", i), Content: "The on-call engineer sees the queue grow again.",
			Targets: []string{"ops"}, Expect: []string{"Check the queue"}}
		if i+1 < n {
			next := fmt.Sprintf("step_%d", i+1)
			injects[i].Next = &next
		}
	}
	data, _ := json.Marshal(map[string]any{"schema_version": "1.0", "title": "A long chain", "start_inject_id": "step_0",
		"participant_teams": []map[string]string{{"id": "ops", "label": "Operations"}}, "injects": injects,
		"metadata": map[string]int{"estimated_duration_minutes": 90}})
	return data
}

// BenchmarkIcebergChain imports chains of injects, 16,000 past
// IcebergTTX's 5,000 (refused): "plan" is the import's own work (read,
// check, plan, write) and stays linear, time and memory per inject flat as
// the chain grows; "import" adds the check that the scenario validates and
// builds.
func BenchmarkIcebergChain(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		data := icebergChain(n)
		for _, step := range []struct {
			name string
			run  func(context.Context, string, []byte, string) ([]byte, []text.Message, error)
		}{{"plan", icebergPlan}, {"import", Iceberg}} {
			b.Run(fmt.Sprintf("%s/%d", step.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					_, _, _ = step.run(context.Background(), "chain.json", data, "chain")
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/inject")
			})
		}
	}
}
