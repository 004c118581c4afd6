package tomlfile

import "strings"

// maxDepth is how deeply arrays and inline tables may nest in a file. A
// scenario needs four or five levels; thousands make the TOML library (and
// the key locator) take time and memory that grow with the square of the
// depth.
const maxDepth = 64

// tooDeep finds the first bracket or brace that opens a level deeper than
// maxDepth, outside strings and comments, before anything decodes the file.
func tooDeep(src string) (Pos, bool) {
	depth, line, col := 0, 1, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		col++
		switch {
		case c == '\n':
			line, col = line+1, 0
		case c == '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			start := i
			i = skipString(src, i)
			// Strings may span lines; keep the line count right.
			if n := strings.Count(src[start:i+1], "\n"); n > 0 {
				line += n
				col = i - strings.LastIndexByte(src[:i+1], '\n')
			} else {
				col += i - start
			}
		case c == '[' || c == '{':
			depth++
			if depth > maxDepth {
				return Pos{line, col}, true
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return Pos{}, false
}

// skipString returns the index of the last byte of the string that starts
// at src[i]: basic or literal, on one line or three-quoted.
func skipString(src string, i int) int {
	q := src[i]
	if strings.HasPrefix(src[i:], strings.Repeat(string(q), 3)) {
		end := strings.Index(src[i+3:], strings.Repeat(string(q), 3))
		if end < 0 {
			return len(src) - 1
		}
		j := i + 3 + end + 2
		for j+1 < len(src) && src[j+1] == q { // up to two more quotes close it
			j++
		}
		return j
	}
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q, '\n':
			return j
		}
	}
	return len(src) - 1
}
