package board

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/propdeck/propdeck/internal/examples"
	"github.com/propdeck/propdeck/internal/output"
	"github.com/propdeck/propdeck/internal/testenv"
)

// checkPage is the bundle of the real Excalidraw and tldraw libraries
// that .ci/run installs from npm and builds (testdata/browser).
const checkPage = "testdata/browser/dist/check.js"

// appsBrowser is headless Chromium on a page with the apps' libraries,
// serving the files under test; a skip where either is missing (a
// failure under CI, which installs both).
func appsBrowser(t *testing.T, files map[string][]byte) (context.Context, string, func()) {
	t.Helper()
	path := testenv.Need(t, "chromium")
	if _, err := os.Stat(checkPage); err != nil {
		testenv.Missing(t, "the apps' libraries (cd internal/board/testdata/browser && npm ci && npm run build)")
	}
	mux := http.NewServeMux()
	mux.Handle("/dist/", http.StripPrefix("/dist/", http.FileServer(http.Dir("testdata/browser/dist"))))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if data, ok := files[strings.TrimPrefix(r.URL.Path, "/files/")]; ok {
			w.Write(data)
			return
		}
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/dist/check.css">`+
			`<style>html,body,#app{margin:0;width:100%;height:100%}</style><div id="app"></div><script src="/dist/check.js"></script>`)
	})
	srv := httptest.NewServer(mux)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.WindowSize(1600, 1100))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	ctx, cancelTime := context.WithTimeout(ctx, 4*time.Minute)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("#app"))); err != nil {
		t.Fatal(err)
	}
	return ctx, srv.URL, func() { cancelTime(); cancel(); cancelAlloc(); srv.Close() }
}

type loaded struct {
	Elements, Files, Items, Records int
	Problems                        []string
}

// TestBoardsOpenInTheApps: every board file of every shipped example and
// of a scenario of markup and quotes, in both formats, loads with the apps' own restore and parse functions with
// nothing dropped, repaired or migrated, and every image has its file.
func TestBoardsOpenInTheApps(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{}
	var names []string
	for _, e := range examples.Examples() {
		names = append(names, e.Name)
	}
	for _, name := range append(names, "testdata/hostile.toml") {
		for _, format := range Formats {
			_, list := sharedBoards(t, name, format)
			for _, f := range list {
				files[f.Name] = f.Data
			}
		}
	}
	ctx, _, done := appsBrowser(t, files)
	defer done()
	for name := range files {
		check := map[string]string{".excalidraw": "pdCheckExcalidraw", ".excalidrawlib": "pdCheckExcalidrawLib", ".tldr": "pdCheckTldraw"}[filepath.Ext(name)]
		got, err := chromedp.Run(ctx, chromedp.Evaluate[loaded](fmt.Sprintf("%s(%q)", check, "/files/"+name), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, p := range got.Problems {
			if i == 10 {
				t.Errorf("%s: and %d more", name, len(got.Problems)-10)
				break
			}
			t.Errorf("%s: %s", name, p)
		}
		if got.Elements+got.Items+got.Records == 0 {
			t.Errorf("%s: nothing loaded", name)
		}
	}
	boardScreenshots(t, ctx, files)
}

// boardScreenshots keeps a picture of each example's boards as the apps
// draw them, when PROPDECK_SCREENSHOTS names a folder.
func boardScreenshots(t *testing.T, ctx context.Context, files map[string][]byte) {
	dir := os.Getenv("PROPDECK_SCREENSHOTS")
	if dir == "" {
		return
	}
	for name := range files {
		show := map[string]string{".excalidraw": "pdShowExcalidraw", ".excalidrawlib": "pdShowExcalidrawLib", ".tldr": "pdShowTldraw"}[filepath.Ext(name)]
		if show == "" {
			continue
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("%s(%q)", show, "/files/"+name), chromedp.EvalAwaitPromise)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		time.Sleep(3 * time.Second)
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := output.WriteAll(context.Background(), dir, []output.File{{Name: name + ".png", Data: shot}}); err != nil {
			t.Fatal(err)
		}
	}
}
