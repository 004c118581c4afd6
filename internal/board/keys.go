package board

// indexKeys hands out fractional indices in order, as both Excalidraw
// and tldraw keep them (the fractional-indexing library's keys: "a0" to
// "az", then "b00" to "bzz", ...), so that no app has to reorder what it
// opens.
func indexKeys() func() string {
	const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	n := 0
	return func() string {
		i := n
		n++
		for width, head := 1, byte('a'); ; width, head = width+1, head+1 {
			span := 1
			for range width {
				span *= len(digits)
			}
			if i < span {
				key := make([]byte, width+1)
				key[0] = head
				for p := width; p > 0; p-- {
					key[p] = digits[i%len(digits)]
					i /= len(digits)
				}
				return string(key)
			}
			i -= span
		}
	}
}
