//go:build !unix

package ideas

const noFollow = 0
