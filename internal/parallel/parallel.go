// Package parallel runs independent jobs on one worker per processor: the
// decks of a build, the images of an export.
package parallel

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Map runs do for every index below n, one worker per processor, and
// returns the results in order with each job's error. Jobs not started
// when ctx is cancelled fail with "interrupted".
func Map[T any](ctx context.Context, n int, do func(i int) (T, error)) ([]T, []error) {
	out := make([]T, n)
	errs := make([]error, n)
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				if err := ctx.Err(); err != nil {
					errs[i] = fmt.Errorf("interrupted: %w", err)
					continue
				}
				out[i], errs[i] = do(i)
			}
		})
	}
	wg.Wait()
	return out, errs
}
