package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoPageStartsDashed: a dashed series on one slide leaves every later
// page solid (it used to carry the dash onto every later page, so that
// chart frames and axes printed dashed).
func TestNoPageStartsDashed(t *testing.T) {
	need(t, "qpdf")
	dir := buildExample(t, "eu-db-latency", "--screen", "--packets", "--duplex", "long-edge")
	for _, f := range pdfs(t, dir) {
		qdf := filepath.Join(t.TempDir(), "q.pdf")
		tool(t, "qpdf", "--qdf", "--object-streams=disable", f, qdf)
		data, err := os.ReadFile(qdf)
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(string(data), "%% Contents for page ")
		for i, p := range pages[1:] {
			stream := p[strings.Index(p, "stream\n")+len("stream\n"):]
			stream = stream[:strings.Index(stream, "endstream")]
			// Everything before the first path or text is the page's
			// starting state.
			head := stream
			if j := regexp.MustCompile(`(?m) (m|re)$|BT`).FindStringIndex(stream); j != nil {
				head = stream[:j[0]]
			}
			if regexp.MustCompile(`\[[0-9. ]+\] [0-9.]+ d`).MatchString(head) {
				t.Errorf("%s page %d starts with a dash pattern:\n%.200s", filepath.Base(f), i+1, head)
			}
		}
	}
}
