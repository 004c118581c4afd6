//go:build unix

package output

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// TestMain doubles as the child of the fault-injection test: given a
// folder of files, it writes them with WriteAll and kills itself with
// SIGKILL after the Nth step of the commit (N=0: it names the steps, one
// a line).
func TestMain(m *testing.M) {
	if src := os.Getenv("PROPDECK_CRASH_SRC"); src != "" {
		os.Exit(crashChild(src, os.Getenv("PROPDECK_CRASH_DST"), os.Getenv("PROPDECK_CRASH_AT")))
	}
	os.Exit(m.Run())
}

func crashChild(src, dst, at string) int {
	n, err := strconv.Atoi(at)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	count := 0
	var names []string
	step = func(name string) {
		count++
		names = append(names, name)
		if count == n {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal arrives; nothing more of the commit runs
		}
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var files []File
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		files = append(files, File{e.Name(), data})
	}
	if err := WriteAll(context.Background(), dst, files); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for _, name := range names {
		fmt.Println(name)
	}
	return 0
}
