//go:build unix

package input

import "syscall"

// NoFollow opens a journal without following a symlink at its name, and
// without waiting for a FIFO's reader.
const NoFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
