package pdf

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/fonts"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/scenarios"
)

func TestRenderIsRepeatableAndRecoversPanics(t *testing.T) {
	d := &draw.Deck{Name: "t", Title: "t"}
	p := d.AddPage(layouts.A4)
	p.Cards = []string{"c01"}
	p.Text(10, 10, 0, 10, draw.Black, "안녕 hello")
	p.Ops = append(p.Ops, draw.OpSamples()...) // a QR code among them
	a, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Render(d)
	if !bytes.Equal(a, b) {
		t.Error("two renders differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Error("not a PDF")
	}
	// A nil operation panics inside the renderer (the set of operations is
	// closed, so nothing else can); the panic must come back as an error
	// naming the deck, page and card.
	p.Ops = append(p.Ops, nil)
	_, err = Render(d)
	if err == nil || !strings.Contains(err.Error(), "t.pdf page 1 (cards c01)") {
		t.Errorf("panic not turned into a named error: %v", err)
	}
}

// TestRenderLeavesEmbeddedFontsAlone guards against the PDF library
// writing into the font bytes it is given: the embedded fonts are shared
// by every document of the process, so a write there is a race between
// decks and changes what later documents embed.
func TestRenderLeavesEmbeddedFontsAlone(t *testing.T) {
	before := map[fonts.Face][32]byte{}
	for _, f := range fonts.All {
		before[f] = sha256.Sum256(f.TTF())
	}
	d := &draw.Deck{Name: "a", Title: "t"}
	p := d.AddPage(layouts.A4)
	// Glyphs with high ids reach the part of the metrics table the
	// library's subsetter used to overwrite.
	p.Text(10, 10, 0, 10, draw.Black, "가나다라 힣 ÄÖÜ — 한국어 English")
	p.Text(10, 20, 1, 10, draw.Black, "굵게 bold 힣")
	p.Text(10, 30, 2, 8, draw.Black, "mono 로그 힣")
	first, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fonts.All {
		if sha256.Sum256(f.TTF()) != before[f] {
			t.Errorf("rendering changed the embedded %s font", f.Family())
		}
	}
	second, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Error("the same deck rendered twice in one process differs")
	}
}

// TestRenderAllExampleTwiceAtOnce renders every deck of a shipped example
// in two builds running side by side, as a CI job rebuilding many decks
// would: under -race it covers every face, QR codes and charts, and the
// two builds must agree byte for byte.
func TestRenderAllExampleTwiceAtOnce(t *testing.T) {
	s, err := examples.LoadExample("dns-change-ko", nil)
	if err != nil {
		t.Fatal(err)
	}
	opt := documents.DefaultOptions()
	opt.Duplex = layouts.DuplexLong
	decks, err := documents.Build(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	screen, err := documents.Screen(s, true)
	if err != nil {
		t.Fatal(err)
	}
	packets, err := documents.Packets(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	decks = append(append(decks, screen), packets...)
	var got [2][]output.File
	var errs [2]error
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i], errs[i] = drawEach(decks) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range got[0] {
		if !bytes.Equal(got[0][i].Data, got[1][i].Data) {
			t.Errorf("%s differs between two builds at once", got[0][i].Name)
		}
	}
}

// TestIncludedCatalogBuildsTheSameDecks: the example with its roles moved
// into a catalog it includes builds byte-identical decks.
func TestIncludedCatalogBuildsTheSameDecks(t *testing.T) {
	src, err := examples.ExampleSource("eu-db-latency")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	start, end := strings.Index(text, "[[roles]]"), strings.Index(text, "[[rounds]]")
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "catalog"), 0o755)
	os.MkdirAll(filepath.Join(dir, "drills", "files"), 0o755)
	for _, f := range []string{"replica-status.log", "lb-queue.json", "search-p95.csv"} {
		data, _ := os.ReadFile(filepath.Join("..", "..", "examples", "files", f))
		os.WriteFile(filepath.Join(dir, "drills", "files", f), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "catalog", "org.toml"), []byte(text[start:end]), 0o644)
	// The example already takes its systems from the shipped catalog; its
	// roles move to a second one, up a folder.
	withInclude := strings.Replace(text[:start]+text[end:], `include = ["catalog/systems.toml"]`, `include = ["catalog/systems.toml", "../catalog/org.toml"]`, 1)
	os.MkdirAll(filepath.Join(dir, "drills", "catalog"), 0o755)
	systems, _ := os.ReadFile(filepath.Join("..", "..", "examples", "catalog", "systems.toml"))
	os.WriteFile(filepath.Join(dir, "drills", "catalog", "systems.toml"), systems, 0o644)
	inline, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "drills", "eu-db-latency.toml"), []byte(withInclude), 0o644)
	included, err := scenarios.Load(filepath.Join(dir, "drills", "eu-db-latency.toml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := documents.Build(inline, documents.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := documents.Build(included, documents.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d decks inline, %d with the catalog", len(a), len(b))
	}
	for i := range a {
		x, _ := Render(a[i])
		y, _ := Render(b[i])
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs when its roles and systems come from a catalog", a[i].Name)
		}
	}
}

func TestCancelledRenderStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := newDeck()
	if _, err := Draw(ctx, d); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
}

func newDeck() *draw.Deck {
	d := &draw.Deck{Name: "t", Title: "t"}
	p := d.AddPage(layouts.A4)
	p.Text(10, 10, 0, 10, draw.Black, "text")
	return d
}

// drawEach draws decks one after the other, as one build's worker does.
func drawEach(decks []*draw.Deck) ([]output.File, error) {
	var out []output.File
	for _, d := range decks {
		data, err := Draw(context.Background(), d)
		if err != nil {
			return nil, err
		}
		out = append(out, output.File{Name: d.Name, Data: data})
	}
	return out, nil
}
