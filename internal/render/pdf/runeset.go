package pdf

import (
	"math/bits"
	"slices"
)

// runeSet is a set of runes: a bitmap over the Basic Multilingual Plane,
// where every rune a deck prints lies, and a map beyond it. A deck of 1,000
// clues adds some two million runes, and hashing each into a map was 5% of
// a build's rendering.
type runeSet struct {
	bmp    [0x10000 / 64]uint64
	beyond map[rune]bool
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 0x10000 {
		s.bmp[r/64] |= 1 << (r % 64)
		return
	}
	if s.beyond == nil {
		s.beyond = map[rune]bool{}
	}
	s.beyond[r] = true
}

// sorted lists the set's runes in ascending order.
func (s *runeSet) sorted() []rune {
	var out []rune
	for i, w := range s.bmp {
		for w != 0 {
			out = append(out, rune(i*64+bits.TrailingZeros64(w)))
			w &= w - 1
		}
	}
	var more []rune
	for r := range s.beyond {
		more = append(more, r)
	}
	slices.Sort(more)
	return append(out, more...)
}
