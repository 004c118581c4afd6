// Package suggest finds the known name a mistyped one was meant to be: the
// "did you mean" of every message, for keys, values, ids, flags and
// example names alike.
package suggest

import (
	"strings"
)

// Closest returns the known name closest to name, when it is close enough to
// be a typo, a different case, or a longer or shorter form of it
// ("warning" for "warn"); else "".
func Closest(name string, known []string) string {
	lower := strings.ToLower(strings.TrimSpace(name))
	for _, k := range known {
		if strings.ToLower(k) == lower && k != name {
			return k
		}
	}
	// A longer or shorter form: "warning" for "warn", "long" for "long-edge".
	for _, k := range known {
		kl := strings.ToLower(k)
		if len(lower) >= 3 && len(kl) >= 3 && (strings.HasPrefix(lower, kl) || strings.HasPrefix(kl, lower)) {
			return k
		}
	}
	best, bestD := "", 1<<30
	for _, k := range known {
		d := distance(lower, strings.ToLower(k))
		// Two edits turn most short words into others: allow them only
		// in longer names; a sentence (an expected action) may be a few
		// words off and still be the one meant.
		if d < bestD && (d <= 1 || (d == 2 && len(k) >= 5) || (d < 3 && d < len(k)/3) || (len(k) >= 20 && d <= len(k)/5)) {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
