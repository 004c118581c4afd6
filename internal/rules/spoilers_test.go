package rules

import "testing"

func TestSharedRun(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ public, clue, want string }{
		{"갱신 알림 메일은 석 달 전부터 퇴사한 직원에게 갔다", "갱신 알림 메일", "갱신 알림 메일은"},
		{"Errors climb in the main region.", "Nothing works in the main region", ""},
		{"The replica is healthy in eu-central-1", "replica healthy eu-central-1", ""},
		{"the orders-db p99 latency climbs", "orders-db p99 latency", "orders-db p99 latency"},
		{"renewal reminder\nmail", "renewal reminder mail", ""},
	} {
		if got := sharedRun(words(tc.public), words(tc.clue)); got != tc.want {
			t.Errorf("%q in %q: %q, want %q", tc.clue, tc.public, got, tc.want)
		}
	}
}
