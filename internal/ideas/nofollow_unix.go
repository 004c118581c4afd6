//go:build unix

package ideas

import "syscall"

// noFollow: a symlink at the journal's name is refused, a FIFO never waited on.
const noFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
