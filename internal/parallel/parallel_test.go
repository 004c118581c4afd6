package parallel

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestMapKeepsOrderAndErrors(t *testing.T) {
	out, errs := Map(context.Background(), 50, func(i int) (int, error) {
		if i == 7 {
			return 0, errors.New("seven")
		}
		return i * i, nil
	})
	for i, v := range out {
		if i != 7 && (v != i*i || errs[i] != nil) {
			t.Errorf("%d: %d, %v", i, v, errs[i])
		}
	}
	if errs[7] == nil {
		t.Error("the failing job's error is lost")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, errs = Map(ctx, 3, func(i int) (int, error) { return i, nil })
	for _, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "interrupted") {
			t.Errorf("cancelled job: %v", err)
		}
	}
}
