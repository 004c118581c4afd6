package rules

import (
	"slices"
	"strconv"
	"strings"
)

// maxPollOptions is the most options a poll has: a phone shows each as
// a button a thumb wide.
const maxPollOptions = 10

// polls checks each round's prepared polls: a unique id, 2 to 10
// different options, and an expected answer that is one of them.
func (v *validator) polls() {
	seen := map[string]string{}
	for i := range v.s.Rounds {
		for j, p := range v.s.Rounds[i].Polls {
			path := "rounds." + strconv.Itoa(i) + ".polls." + strconv.Itoa(j)
			v.uniqueID("poll", path, p.ID, seen)
			if n := len(p.Options); n < 2 || n > maxPollOptions {
				v.Errorf(path+".options", "poll-options", "n", n, "max", maxPollOptions)
			}
			for k, o := range p.Options {
				if strings.TrimSpace(o) == "" || slices.Contains(p.Options[:k], o) {
					v.Errorf(path+".options."+strconv.Itoa(k), "poll-option", "option", o)
				}
			}
			if p.Expected != "" {
				v.enum(path+".expected", p.Expected, p.Options...)
			}
		}
	}
}
