package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"maps"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/draw"
	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/render/pdf"
	"github.com/propdeck/propdeck/internal/testenv"
	"github.com/propdeck/propdeck/internal/written"

	"github.com/BurntSushi/toml"

	"github.com/propdeck/propdeck/internal/cards"
	"github.com/propdeck/propdeck/internal/premortem"
	"github.com/propdeck/propdeck/internal/scenarios"
)

// need returns the path of a verification tool. A missing tool skips the
// test on a developer's machine and fails it in CI, where .ci/run installs it.
func need(t *testing.T, tool string) string { return testenv.Need(t, tool) }

// propdeck runs the command line in-process.
func propdeck(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"propdeck"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(need(t, name), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

func buildExample(t *testing.T, name string, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	code, _, stderr := propdeck(t, append([]string{"build", name, "-o", dir}, extra...)...)
	if code != 0 {
		t.Fatalf("build %s: exit %d\n%s", name, code, stderr)
	}
	return dir
}

func pdfs(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no PDF in %s", dir)
	}
	return files
}

// text extracts a PDF's text with whitespace collapsed, so that words
// wrapped across lines still match. A shared build's files never change,
// so each of them is read once per run, whichever tests read it.
func text(t *testing.T, file string) string {
	t.Helper()
	if !strings.HasPrefix(file, sharedDir+string(filepath.Separator)) {
		return strings.Join(strings.Fields(tool(t, "pdftotext", file, "-")), " ")
	}
	v, _ := texts.LoadOrStore(file, &sharedText{})
	x := v.(*sharedText)
	x.once.Do(func() {
		out, err := exec.Command(need(t, "pdftotext"), file, "-").Output()
		x.text, x.err = strings.Join(strings.Fields(string(out)), " "), err
	})
	if x.err != nil {
		t.Fatalf("pdftotext %s: %v", file, x.err)
	}
	return x.text
}

// containsWords checks that every word of want appears in the text.
func containsWords(t *testing.T, where, got, want string) {
	t.Helper()
	for _, w := range strings.Fields(want) {
		if !strings.Contains(got, w) {
			t.Errorf("%s: word %q of %q not found", where, w, want)
		}
	}
}

func TestExamplesValidateAndBuild(t *testing.T) {
	need(t, "qpdf")
	need(t, "pdftotext")
	for _, ex := range examples.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			s, err := examples.LoadExample(ex.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			dir := exampleDecks(t, ex.Name)
			for _, f := range pdfs(t, dir) {
				tool(t, "qpdf", "--check", f)
			}
			id := s.Meta().ID
			badges := text(t, filepath.Join(dir, id+"-badges.pdf"))
			for _, r := range s.Roles() {
				containsWords(t, "badge "+r.ID, badges, r.Name+" "+r.Mission+" "+r.EscalatesTo)
				for _, x := range append(append([]string{}, r.Responsibilities...), r.Decides...) {
					containsWords(t, "badge "+r.ID, badges, x)
				}
			}
			if len(s.Systems()) > 0 {
				systems := text(t, filepath.Join(dir, id+"-systems.pdf"))
				for _, sys := range s.Systems() {
					containsWords(t, "system "+sys.ID, systems, sys.Name+" "+sys.Description+" "+sys.Owner)
				}
			}
			clues := text(t, filepath.Join(dir, id+"-clues.pdf"))
			if len(s.Timeline().Of(written.OnRequest)) > 0 {
				clues += " " + text(t, filepath.Join(dir, id+"-requests.pdf"))
			}
			for _, c := range s.Clues() {
				containsWords(t, "clue "+c.ID, clues, c.ID+" "+c.Title+" "+c.Body)
				if c.Log != nil {
					for _, l := range c.Log.Lines {
						containsWords(t, "clue "+c.ID+" log", clues, l.Msg)
						stamp := s.Meta().StartTime.Add(s.Story(l.Offset)).Format(time.RFC3339)
						if !strings.Contains(clues, stamp) {
							t.Errorf("clue %s: timestamp %s of %q not found", c.ID, stamp, l.Msg)
						}
					}
					for _, l := range c.Log.FileLines {
						containsWords(t, "clue "+c.ID+" file", clues, l)
					}
				}
			}
			run := text(t, filepath.Join(dir, id+"-facilitator.pdf"))
			for _, r := range s.Rounds() {
				containsWords(t, "run sheet round", run, r.Title+" "+r.Setup+" "+strings.Join(r.Questions, " "))
			}
			for _, c := range s.Clues() {
				containsWords(t, "run sheet clue", run, c.ID+" "+c.Title+" "+c.Note)
			}
			sheets := text(t, filepath.Join(dir, id+"-worksheets.pdf"))
			for _, q := range s.Worksheets().Questions {
				containsWords(t, "debrief question", sheets, q)
			}
			for _, f := range pdfs(t, dir) {
				all := text(t, f)
				for _, c := range s.Clues() {
					if c.Note != "" && strings.Contains(all, c.Note[:min(len(c.Note), 30)]) && !strings.HasSuffix(f, "-facilitator.pdf") {
						t.Errorf("%s: clue %s's facilitator note is printed", filepath.Base(f), c.ID)
					}
				}
			}
		})
	}
}

// TestQRCodesDecodeToRunbooks: every QR code printed decodes, with zbarimg,
// to a runbook of the scenario, and every runbook has one. Only the pages
// that carry a QR code are rasterised, and only the codes on them are
// read: the decks' drawing operations say which pages and where, and the
// PDFs' page counts are held to the decks'.
func TestQRCodesDecodeToRunbooks(t *testing.T) {
	need(t, "pdftoppm")
	need(t, "zbarimg")
	need(t, "qpdf")
	for _, ex := range examples.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			s, err := examples.LoadExample(ex.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := runbooks(s)
			dir, got := exampleDecks(t, ex.Name), map[string]bool{}
			for name, deck := range qrPages(t, s) {
				for _, u := range decodeQRPages(t, filepath.Join(dir, name+".pdf"), deck) {
					got[u] = true
				}
			}
			for u := range want {
				if !got[u] {
					t.Errorf("no QR code decodes to %s", u)
				}
			}
			for u := range got {
				if !want[u] {
					t.Errorf("a QR code decodes to %s, which is no runbook of the scenario", u)
				}
			}
		})
	}
}

// runbooks are the runbook links of a scenario's roles, systems and clues.
func runbooks(s *scenarios.Session) map[string]bool {
	want := map[string]bool{}
	for _, r := range s.Roles() {
		want[r.RunbookURL] = true
	}
	for _, x := range s.Systems() {
		want[x.RunbookURL] = true
	}
	for _, c := range s.Clues() {
		want[c.RunbookURL] = true
	}
	delete(want, "")
	return want
}

// qrDeck is where a deck draws its QR codes: the boxes (in mm, quiet zone
// included) on each page (1-based) that draws one, and its page count.
type qrDeck struct {
	boxes map[int][]draw.Rect
	pages int
}

// qrPages maps each deck build writes to where it draws QR codes.
func qrPages(t *testing.T, s *scenarios.Session) map[string]qrDeck {
	t.Helper()
	opt, _, err := documents.Resolve(s, documents.Request{Ctx: context.Background()})
	if err != nil {
		t.Fatal(err)
	}
	decks, err := documents.Build(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]qrDeck{}
	for _, d := range decks {
		q := qrDeck{boxes: map[int][]draw.Rect{}, pages: len(d.Pages)}
		for i, p := range d.Pages {
			draw.GroupOp{Ops: p.Ops}.Each(func(op draw.Op) {
				if o, ok := op.(draw.QROp); ok {
					n := float64(len(o.Bits)) * o.Module
					q.boxes[i+1] = append(q.boxes[i+1], draw.Rect{X: o.X, Y: o.Y, W: n, H: n})
				}
			})
		}
		out[d.Name] = q
	}
	return out
}

// qrDPI is the resolution QR codes are rasterised at: two pixels to a
// module of the smallest code the examples print (0.54 mm), the lowest
// that decodes every one (at 75 dpi six fail; 150 dpi cost 1.8 s of
// pdftoppm's CPU, 100 dpi 1.0 s).
const qrDPI = 100

// decodeQRPages rasterises the pages of a PDF that draw a QR code, one
// pdftoppm for each run of consecutive pages, grey (PNG's compression was
// most of its time), cuts out each code where the deck drew it, with a
// margin, and decodes them all with one zbarimg: zbarimg's time goes with
// the pixels it scans, and the cuts are a fortieth of the pages'.
func decodeQRPages(t *testing.T, file string, deck qrDeck) []string {
	t.Helper()
	if n := strings.TrimSpace(tool(t, "qpdf", "--show-npages", file)); n != fmt.Sprint(deck.pages) {
		t.Fatalf("%s has %s pages; its deck has %d", filepath.Base(file), n, deck.pages)
	}
	pages := slices.Sorted(maps.Keys(deck.boxes))
	if len(pages) == 0 {
		return nil
	}
	dir := t.TempDir()
	var cuts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		root := filepath.Join(dir, fmt.Sprint("run", i))
		tool(t, "pdftoppm", "-gray", "-r", fmt.Sprint(qrDPI), "-f", fmt.Sprint(pages[i]), "-l", fmt.Sprint(pages[j]), file, root)
		images, _ := filepath.Glob(root + "-*.pgm")
		if len(images) != j-i+1 {
			t.Fatalf("%s: %d images of pages %d-%d", filepath.Base(file), len(images), pages[i], pages[j])
		}
		sort.Strings(images) // one run's numbers have the same width
		for k, img := range images {
			cuts = append(cuts, cutQRCodes(t, img, deck.boxes[pages[i+k]])...)
		}
		i = j + 1
	}
	// zbarimg's status is 4 when an image has no code; what it found is
	// what counts, and the callers check it.
	found, _ := exec.Command(need(t, "zbarimg"), append([]string{"--raw", "-q"}, cuts...)...).Output()
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(string(found)), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// cutQRCodes writes each box of a page's image, with a margin of 2 mm
// around it, as an image of its own beside the page's, and names them.
func cutQRCodes(t *testing.T, page string, boxes []draw.Rect) []string {
	t.Helper()
	pix, w, err := readPGM(page)
	if err != nil {
		t.Fatal(err)
	}
	h := len(pix) / w
	px := func(mm float64, limit int) int { return min(max(int(mm*qrDPI/25.4), 0), limit) }
	var out []string
	for i, b := range boxes {
		x0, y0, x1, y1 := px(b.X-2, w), px(b.Y-2, h), px(b.X+b.W+2, w), px(b.Y+b.H+2, h)
		if x1 <= x0 || y1 <= y0 {
			t.Fatalf("%s: a QR code at %v is off the page", filepath.Base(page), b)
		}
		cut := fmt.Appendf(nil, "P5\n%d %d\n255\n", x1-x0, y1-y0)
		for y := y0; y < y1; y++ {
			cut = append(cut, pix[y*w+x0:y*w+x1]...)
		}
		name := fmt.Sprintf("%s-qr%d.pgm", strings.TrimSuffix(page, ".pgm"), i)
		if err := os.WriteFile(name, cut, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, name)
	}
	return out
}

// TestBuildIsByteIdentical: a second build of every example, without
// --screen and --packets, writes every deck byte for byte as the shared
// build with them did: the same input gives the same bytes, and the two
// options add decks without changing the others.
func TestBuildIsByteIdentical(t *testing.T) {
	for _, ex := range examples.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			a, b := exampleDecks(t, ex.Name), buildExample(t, ex.Name)
			for _, f := range pdfs(t, b) {
				x, _ := os.ReadFile(f)
				y, err := os.ReadFile(filepath.Join(a, filepath.Base(f)))
				if err != nil || !bytes.Equal(x, y) {
					t.Errorf("%s: two builds differ", filepath.Base(f))
				}
			}
		})
	}
}

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir := buildExample(t, "eu-db-latency")
	before := snapshot(t, dir)
	bad := filepath.Join(t.TempDir(), "bad.toml")
	src, _ := examples.ExampleSource("eu-db-latency")
	broken := strings.Replace(string(src), `to = ["oncall-db"]`, `to = ["nobody"]`, 1)
	os.WriteFile(bad, []byte(broken), 0o644)
	code, _, stderr := propdeck(t, "build", bad, "-o", dir)
	if code != 1 {
		t.Fatalf("exit %d, want %d", code, 1)
	}
	if !strings.Contains(stderr, `no role has id "nobody"`) {
		t.Errorf("stderr does not name the problem:\n%s", stderr)
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("a failed build changed the output folder:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// snapshot describes a folder's files, their sizes and contents.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		fmt.Fprintf(&b, "%s %d %x\n", e.Name(), len(data), sha256.Sum256(data))
	}
	return b.String()
}

// TestKoreanOutputHasNoEnglish: every deck of the Korean example, the blank
// Korean worksheets and the Korean calibration sheet print no English word
// propdeck itself wrote; the English left is the scenario's own (service
// names, log lines) or command-line flags and file names.
func TestKoreanOutputHasNoEnglish(t *testing.T) {
	need(t, "pdftotext")
	dir := buildExample(t, "dns-change-ko", "--screen", "--packets")
	for _, args := range [][]string{{"worksheets", "-o", dir, "--lang", "ko"}, {"calibrate", "-o", dir, "--lang", "ko"}} {
		if code, _, stderr := propdeck(t, args...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	src, _ := examples.ExampleSource("dns-change-ko")
	var tree map[string]any
	if _, err := toml.Decode(string(src), &tree); err != nil {
		t.Fatal(err)
	}
	// The scenario's own words are its values, not its keys; URLs wrap at
	// their dashes, and pdftotext joins the halves.
	own := strings.Join(stringValues(tree), "\n")
	own += strings.ReplaceAll(own, "-", "")
	allowed := map[string]bool{}
	// The keys of JSON and logfmt log lines, and the tool's own name.
	for _, w := range strings.Fields("UTC propdeck time level msg") {
		allowed[w] = true
	}
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	// Command-line flags with their values, and file names, stay as typed.
	typed := regexp.MustCompile(`--[a-z-]+(\s+(long|short)-edge|\s+[XY\d.,-]+)?|[\w.-]+\.pdf`)
	for _, f := range pdfs(t, dir) {
		for _, w := range word.FindAllString(typed.ReplaceAllString(text(t, f), " "), -1) {
			// Acronyms (VPN, CEO) are how Korean writes them too.
			if !allowed[w] && !strings.Contains(own, w) && strings.ToUpper(w) != w {
				t.Errorf("%s: English word %q", filepath.Base(f), w)
				allowed[w] = true // once is enough
			}
		}
	}
}

// stringValues collects every string value of a decoded TOML tree.
func stringValues(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		var out []string
		for k, e := range x {
			if k == "fields" || k == "levels" {
				// A log line's own keys and levels are printed with it.
				for name := range e.(map[string]any) {
					out = append(out, name)
				}
			}
			out = append(out, stringValues(e)...)
		}
		return out
	case []map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, stringValues(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, stringValues(e)...)
		}
		return out
	}
	return nil
}

// TestLightLogThemeSavesToner measures how much of each clue sheet prints
// solid dark (grey below 25%) in the dark and the light log theme: the light
// one exists for black-and-white laser printers, and must spend a fraction
// of the toner.
func TestLightLogThemeSavesToner(t *testing.T) {
	need(t, "pdftoppm")
	dark := func(theme string) (overall, worst float64) {
		dir := buildExample(t, "eu-db-latency", "--duplex", "none", "--log-theme", theme)
		out := filepath.Join(t.TempDir(), "p")
		tool(t, "pdftoppm", "-gray", "-r", "40", filepath.Join(dir, "eu-db-latency-clues.pdf"), out)
		files, _ := filepath.Glob(out + "*.pgm")
		var all, black int
		for _, f := range files {
			img, _, err := readPGM(f)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, v := range img {
				if v < 64 {
					n++
				}
			}
			all, black = all+len(img), black+n
			worst = max(worst, float64(n)/float64(len(img)))
		}
		return float64(black) / float64(all), worst
	}
	d, dw := dark("dark")
	l, lw := dark("light")
	t.Logf("solid dark: dark theme %.1f%% of the clue sheets (worst sheet %.1f%%), light theme %.1f%% (worst %.1f%%)", 100*d, 100*dw, 100*l, 100*lw)
	if l > d/5 || lw > 0.02 {
		t.Errorf("the light theme prints %.1f%% dark (worst sheet %.1f%%), the dark one %.1f%%", 100*l, 100*lw, 100*d)
	}
}

// readPGM reads the grey values of a binary PGM file as pdftoppm writes
// it, row by row, and its width.
func readPGM(path string) ([]byte, int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	// The header is four fields, "P5 W H MAX", and one whitespace byte.
	var fields []string
	n := 0
	for len(fields) < 4 && n < len(data) {
		for n < len(data) && (data[n] == ' ' || data[n] == '\n') {
			n++
		}
		start := n
		for n < len(data) && data[n] != ' ' && data[n] != '\n' {
			n++
		}
		fields = append(fields, string(data[start:n]))
	}
	n++
	var w, h int
	if len(fields) != 4 || fields[0] != "P5" {
		return nil, 0, fmt.Errorf("%s: not a binary PGM file", path)
	}
	fmt.Sscan(fields[1], &w)
	fmt.Sscan(fields[2], &h)
	if len(data)-n < w*h {
		return nil, 0, fmt.Errorf("%s: short image", path)
	}
	return data[n : n+w*h], w, nil
}

// TestReadmePictureIsCurrent: the README's picture is the first sheet of
// the shipped example's clue deck as it builds today, and its alt text names
// the cards on it.
func TestReadmePictureIsCurrent(t *testing.T) {
	need(t, "pdftoppm")
	dir := exampleDecks(t, "eu-db-latency")
	out := filepath.Join(t.TempDir(), "p")
	clues := filepath.Join(dir, "eu-db-latency-clues.pdf")
	tool(t, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", clues, out)
	got, want := decodePNG(t, out+".png"), decodePNG(t, "docs/clue-sheet.png")
	if got.Bounds() != want.Bounds() {
		t.Fatalf("docs/clue-sheet.png is %v, the sheet renders at %v: regenerate it (pdftoppm -png -r 60 -f 1 -l 1)", want.Bounds(), got.Bounds())
	}
	var diff, n float64
	b := got.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			diff += math.Abs(float64(r1)-float64(r2)) + math.Abs(float64(g1)-float64(g2)) + math.Abs(float64(b1)-float64(b2))
			n += 3 * 65535
		}
	}
	if diff/n > 0.005 {
		t.Errorf("docs/clue-sheet.png differs from the first clue sheet by %.2f%%: regenerate it", 100*diff/n)
	}
	readme, _ := os.ReadFile("README.md")
	alt := regexp.MustCompile(`!\[([^\]]*)\]\(docs/clue-sheet.png\)`).FindSubmatch(readme)
	if alt == nil {
		t.Fatal("README.md does not show docs/clue-sheet.png")
	}
	page := tool(t, "pdftotext", "-f", "1", "-l", "1", clues, "-")
	for _, kind := range []string{"ALERT", "METRIC SNAPSHOT", "LOG SNAPSHOT", "CUSTOMER REPORT", "SOCIAL POST", "OBSERVATION", "CONSTRAINT", "STATUS UPDATE"} {
		if strings.Contains(page, kind) != strings.Contains(strings.ToUpper(string(alt[1])), kind) {
			t.Errorf("the picture's alt text %q and the sheet disagree about %s", alt[1], strings.ToLower(kind))
		}
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// TestAccentedLatinPrints: names such as Müller, José and Łódź print (the
// Nanum faces lack them; a DejaVu fallback has them), in every face, and
// pdftotext reads every word back.
func TestAccentedLatinPrints(t *testing.T) {
	need(t, "pdftotext")
	dir := t.TempDir()
	if code, _, stderr := propdeck(t, "build", "testdata/accents.toml", "-o", dir); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	all := ""
	for _, f := range pdfs(t, dir) {
		all += text(t, f) + " "
	}
	containsWords(t, "accents", all, "Zürich Łódź São Jürgen Müller José Ñúñez, Ōsaka Señor Müller's Ålesund øst Straße, Œuvre, Čapek, Ğ, İstanbul, Ţară, Żółć. 장애 대응 refusée Genève: délai dépassé")
}

// TestConversationDecks: in both examples that use them, every ask phrase
// and on-request id is in the run sheet's request index, every condition on
// the run sheet, every expected action on the run sheet and the evaluator
// sheet — and none of the conditions or expected actions is on a page a
// player sees (clues, requests, complications, screen, packets).
func TestConversationDecks(t *testing.T) {
	need(t, "pdftotext")
	for _, ex := range examples.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			conversationDecks(t, ex.Name)
		})
	}
}

func conversationDecks(t *testing.T, name string) {
	s, err := examples.LoadExample(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := exampleDecks(t, name)
	run := text(t, filepath.Join(dir, name+"-facilitator.pdf"))
	eval := text(t, filepath.Join(dir, name+"-evaluator.pdf"))
	var secrets []string
	reqs := s.Timeline().Of(written.OnRequest)
	conts := s.Timeline().Of(written.Contingent)
	if len(reqs) == 0 || len(conts) == 0 || (len(s.ComplicationCards()) == 0) != (s.Difficulty() == "intro") {
		t.Fatalf("%s: the example should use requests, contingencies and complications", name)
	}
	for _, rv := range reqs {
		containsWords(t, name+" request index", run, rv.Clue.Ask+" "+rv.Clue.ID)
	}
	for _, rv := range conts {
		containsWords(t, name+" condition", run, rv.Clue.When)
		secrets = append(secrets, rv.Clue.When)
	}
	for _, c := range s.Clues() {
		if len(c.Note) > 12 {
			secrets = append(secrets, c.Note)
		}
	}
	for _, src := range s.Meta().Sources {
		// A long URL may wrap on the run sheet; its host is on one line.
		u, _ := url.Parse(src)
		containsWords(t, name+" sources", run, u.Host)
		secrets = append(secrets, u.Host)
	}
	expects := 0
	for _, r := range s.Rounds() {
		for _, e := range r.Expect {
			containsWords(t, name+" run sheet expected", run, e.Action)
			containsWords(t, name+" evaluator", eval, e.Action)
			secrets = append(secrets, e.Action)
			expects++
		}
	}
	if expects == 0 {
		t.Fatalf("%s: no expected actions", name)
	}
	for _, f := range pdfs(t, dir) {
		base := filepath.Base(f)
		if strings.HasSuffix(base, "-facilitator.pdf") || strings.HasSuffix(base, "-evaluator.pdf") {
			continue
		}
		page := text(t, f)
		for _, secret := range secrets {
			if strings.Contains(page, strings.Join(strings.Fields(secret), " ")) {
				t.Errorf("%s: %q is on a player-facing page", base, secret)
			}
		}
	}
	if len(s.Complications().Cards) == 0 {
		return
	}
	comp := text(t, filepath.Join(dir, name+"-complications.pdf"))
	for _, c := range s.Complications().Cards {
		containsWords(t, name+" complication", comp, c.ID+" "+c.Title)
	}
}

// TestEveryScenarioPlaysThrough: every shipped scenario, at every level,
// builds with --screen and --packets, exports its cards, and runs through
// record and report with every expected action rated.
func TestEveryScenarioPlaysThrough(t *testing.T) {
	need(t, "pdftotext")
	for _, ex := range examples.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			s, _ := examples.LoadExample(ex.Name, nil)
			for _, level := range []string{"intro", "standard", "hard"} {
				if level == s.Difficulty() {
					exampleDecks(t, ex.Name) // the shared build is the one at its own level
					continue
				}
				if code, _, stderr := propdeck(t, "build", ex.Name, "-o", filepath.Join(dir, level), "--screen", "--packets", "--difficulty", level); code != 0 {
					t.Fatalf("build at %s: %s", level, stderr)
				}
			}
			if code, _, stderr := propdeck(t, "export", ex.Name, "-o", filepath.Join(dir, "cards"), "--format", "svg"); code != 0 {
				t.Fatalf("export: %s", stderr)
			}
			rec := filepath.Join(dir, "rec.toml")
			if code, _, stderr := propdeck(t, "record", ex.Name, "-o", rec); code != 0 {
				t.Fatalf("record: %s", stderr)
			}
			data, _ := os.ReadFile(rec)
			os.WriteFile(rec, []byte(strings.ReplaceAll(string(data), `rating = ""`, `rating = "partly"`)), 0o644)
			out := filepath.Join(dir, "report")
			if code, _, stderr := propdeck(t, "report", ex.Name, rec, "-o", out); code != 0 {
				t.Fatalf("report: %s", stderr)
			}
			expects := 0
			for _, r := range s.Rounds() {
				expects += len(r.Expect)
			}
			pdf, _ := filepath.Glob(filepath.Join(out, "*-report.pdf"))
			if len(pdf) != 1 || expects == 0 {
				t.Fatalf("report files %v, %d expected actions", pdf, expects)
			}
		})
	}
}

// TestRecordToReport: record writes a pre-filled record, a scribe fills it
// in, report writes the Markdown, the PDF (every action title, owner and due
// date in it) and the CSV; a wrong record leaves the output folder alone.
func TestRecordToReport(t *testing.T) {
	need(t, "pdftotext")
	dir := t.TempDir()
	rec := filepath.Join(dir, "rec.toml")
	if code, _, stderr := propdeck(t, "record", "eu-db-latency", "-o", rec); code != 0 {
		t.Fatalf("record: %s", stderr)
	}
	if code, _, _ := propdeck(t, "record", "eu-db-latency", "-o", rec); code != 1 {
		t.Error("record overwrote an existing file")
	}
	data, _ := os.ReadFile(rec)
	filled := strings.Replace(string(data), `rating = ""`, `rating = "met"`, 1) + `
[[actions]]
title = "Add a replica lag panel to the orders-db dashboard"
kind = "dashboard"
owner = "data-platform"
due = "2099-04-01"
from = "missing_data"
`
	os.WriteFile(rec, []byte(filled), 0o644)
	out := filepath.Join(dir, "out")
	if code, _, stderr := propdeck(t, "report", "eu-db-latency", rec, "-o", out); code != 0 {
		t.Fatalf("report: %s", stderr)
	}
	pdf := text(t, filepath.Join(out, "eu-db-latency-report.pdf"))
	containsWords(t, "report PDF", pdf, "Add a replica lag panel to the orders-db dashboard data-platform 2099-04-01 1 of 5 met")
	md, _ := os.ReadFile(filepath.Join(out, "eu-db-latency-report.md"))
	if !strings.Contains(string(md), "| 1 | Add a replica lag panel to the orders-db dashboard | dashboard | data-platform | 2099-04-01 |") {
		t.Errorf("Markdown:\n%s", md)
	}
	before := snapshot(t, out)
	i := strings.LastIndex(filled, `kind = "dashboard"`)
	os.WriteFile(rec, []byte(filled[:i]+`kind = "dashbord"`+filled[i+len(`kind = "dashboard"`):]), 0o644)
	code, _, stderr := propdeck(t, "report", "eu-db-latency", rec, "-o", out)
	if code != 1 || !strings.Contains(stderr, rec+":") || !strings.Contains(stderr, `did you mean "dashboard"`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if snapshot(t, out) != before {
		t.Error("a wrong record changed the output folder")
	}
}

// TestExportedImages: every QR code in the exported PNGs decodes to a
// runbook of the scenario, every runbook is found; and one card's PNG looks
// like the same card of the PDF rendered by pdftoppm at the same
// resolution.
func TestExportedImages(t *testing.T) {
	need(t, "zbarimg")
	need(t, "pdftoppm")
	s, err := examples.LoadExample("eu-db-latency", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if code, _, stderr := propdeck(t, "export", "eu-db-latency", "-o", dir, "--dpi", "150"); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	want := map[string]bool{}
	for _, r := range s.Roles() {
		want[r.RunbookURL] = r.RunbookURL != ""
	}
	for _, x := range s.Systems() {
		want[x.RunbookURL] = x.RunbookURL != ""
	}
	for _, c := range s.Clues() {
		want[c.RunbookURL] = c.RunbookURL != ""
	}
	delete(want, "")
	files, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	got := map[string]bool{}
	// One zbarimg reads every image; its status is 4 when one has no code.
	out, _ := exec.Command(need(t, "zbarimg"), append([]string{"-q", "--raw"}, files...)...).Output()
	for _, u := range strings.Fields(string(out)) {
		if !want[u] {
			t.Errorf("an exported image has a QR code that decodes to %s", u)
		}
		got[u] = true
	}
	for u := range want {
		if !got[u] {
			t.Errorf("no exported image has a QR code for %s", u)
		}
	}

	list, err := cards.AllCards(s, cards.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		if c.Name != "clue-020-c02" && c.Name != "clue-010-c01" {
			continue
		}
		page := c.Faces()[0]
		d := &draw.Deck{Name: "card", Title: "card", Pages: []*draw.Page{page}}
		pdf, err := pdf.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		pdfPath := filepath.Join(dir, c.Name+".pdf")
		os.WriteFile(pdfPath, pdf, 0o644)
		tool(t, "pdftoppm", "-png", "-r", "150", "-singlefile", pdfPath, filepath.Join(dir, c.Name+"-poppler"))
		a := decodePNG(t, filepath.Join(dir, "eu-db-latency-"+c.Name+".png"))
		b := decodePNG(t, filepath.Join(dir, c.Name+"-poppler.png"))
		if a.Bounds().Dx()-b.Bounds().Dx() > 1 || b.Bounds().Dx()-a.Bounds().Dx() > 1 {
			t.Fatalf("%s: %v against poppler's %v", c.Name, a.Bounds(), b.Bounds())
		}
		mean, far := compareImages(a, b)
		t.Logf("%s: mean difference %.2f%%, %.2f%% of pixels differ by more than a quarter", c.Name, 100*mean, 100*far)
		// Two rasterisers anti-alias edges and place glyphs to the pixel
		// differently, so a few percent of pixels along edges differ; a
		// missing block of text, a shifted chart or a wrong colour moves
		// these numbers well past the bounds.
		if mean > 0.025 || far > 0.03 {
			t.Errorf("%s: the PNG does not look like the PDF (mean %.2f%%, far %.2f%%)", c.Name, 100*mean, 100*far)
		}
	}
}

// compareImages returns the mean absolute difference of two images (0..1)
// and the fraction of pixels whose grey levels differ by more than 64.
func compareImages(a, b image.Image) (mean, far float64) {
	r := a.Bounds().Intersect(b.Bounds())
	var sum float64
	n, farN := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ga := color.GrayModel.Convert(a.At(x, y)).(color.Gray).Y
			gb := color.GrayModel.Convert(b.At(x, y)).(color.Gray).Y
			d := math.Abs(float64(ga) - float64(gb))
			sum += d / 255
			if d > 64 {
				farN++
			}
			n++
		}
	}
	return sum / float64(n), float64(farN) / float64(n)
}

// TestPremortemCardsInThePDF: every prompt card's provocation and question
// is in the kit's PDF, in English and Korean.
func TestPremortemCardsInThePDF(t *testing.T) {
	need(t, "pdftotext")
	for _, lang := range []string{"en", "ko"} {
		dir := t.TempDir()
		if code, _, stderr := propdeck(t, "premortem", "-o", dir, "--lang", lang); code != 0 {
			t.Fatalf("premortem: %s", stderr)
		}
		all := text(t, filepath.Join(dir, "premortem.pdf"))
		for _, c := range premortem.Cards(lang) {
			containsWords(t, lang+" card "+c.ID, all, c.Provocation+" "+c.Question)
		}
	}
}
