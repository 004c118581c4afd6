//go:build unix

package session

import "syscall"

// noFollow opens a journal without following a symlink at its name, and
// without waiting for a FIFO's reader.
const noFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
