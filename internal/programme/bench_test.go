package programme

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/propdeck/propdeck/internal/documents"
	"github.com/propdeck/propdeck/internal/layouts"
	"github.com/propdeck/propdeck/internal/ledger"
)

// benchFolder writes an organisation's programme: scenarios copies of the
// year folder's eu-db-latency (its catalog included), records of them
// spread over five years (25 a scenario at 200), each with its ratings,
// roster, findings and two actions, and the ledger synced from them.
func benchFolder(tb testing.TB, dir string, nScenarios, nRecords int) {
	tb.Helper()
	src, err := os.ReadFile(filepath.Join(year, "scenarios", "eu-db-latency.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	copyDir(tb, filepath.Join(year, "scenarios", "catalog"), filepath.Join(dir, "scenarios", "catalog"))
	copyDir(tb, filepath.Join(year, "scenarios", "files"), filepath.Join(dir, "scenarios", "files"))
	for i := 0; i < nScenarios; i++ {
		text := strings.Replace(string(src), `id = "eu-db-latency"`, fmt.Sprintf(`id = "s%03d"`, i), 1)
		write(tb, filepath.Join(dir, "scenarios", fmt.Sprintf("s%03d.toml", i)), text)
	}
	rec, err := os.ReadFile(filepath.Join(year, "records", "2026", "2026-01-20-eu-db-latency.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Date(2022, 1, 3, 0, 0, 0, 0, time.UTC)
	for n := 0; n < nRecords; n++ {
		sc := n % nScenarios
		day := start.AddDate(0, 0, n*5*365/nRecords)
		text := strings.Replace(string(rec), `scenario = "eu-db-latency"`, fmt.Sprintf(`scenario = "s%03d"`, sc), 1)
		text = strings.Replace(text, `date = "2026-01-20"`, `date = "`+day.Format(time.DateOnly)+`"`, 1)
		text = strings.ReplaceAll(text, `due = "2026-02-`, `due = "`+day.AddDate(0, 2, 0).Format("2006-01")+`-`)
		text = strings.Replace(text, `team = "data-platform"`, fmt.Sprintf(`team = "team-%02d"`, n%50), 1)
		write(tb, filepath.Join(dir, "records", day.Format("2006"), fmt.Sprintf("%s-s%03d.toml", day.Format(time.DateOnly), sc)), text)
	}
	f, err := Scan(context.Background(), dir)
	if err != nil || len(f.Skipped) > 0 {
		tb.Fatalf("%v %v", err, f.Skipped)
	}
	// As in a programme that works: what fell due more than three months
	// before the benchmark's day is done (a tenth of the actions stay open).
	cutoff := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	err = ledger.Update(context.Background(), dir, nil, func(l *ledger.Ledger) ([]byte, error) {
		items := Sync(f, l)
		for i := range items {
			if it := &items[i].Item; it.Due < cutoff {
				it.Status, it.Closed = "done", it.Due
			}
		}
		return l.Append(items)
	})

	if err != nil {
		tb.Fatal(err)
	}
}

func write(tb testing.TB, path, text string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkProgramme is propdeck programme over 5,000 records of 200
// scenarios and a ledger of 10,000 actions: read the folder and the
// ledger, write every page, the CSV and calendars, and lay out a year's
// evidence pack (1,000 sessions). PROGRAMME_BENCH_DIR keeps the folder
// there, for timing the command itself.
func BenchmarkProgramme(b *testing.B) {
	dir := os.Getenv("PROGRAMME_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	if _, err := os.Stat(filepath.Join(dir, ledger.FileName)); err != nil {
		benchFolder(b, dir, 200, 5000)
	}
	today := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	opt := Options{Today: today, Since: today.AddDate(0, -2, 0)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f, err := Scan(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		l, err := ledger.Read(context.Background(), dir, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(f.Records) != 5000 || len(l.Items) != 10000 {
			b.Fatalf("%d records, %d actions", len(f.Records), len(l.Items))
		}
		if _, err := Files(f, l, opt); err != nil {
			b.Fatal(err)
		}
		documents.Flow(Evidence(f, l, Period{From: today.AddDate(-1, 0, 0), To: today}, today, "en"), layouts.A4, "en")
	}
}
