//go:build !unix

package journal

import (
	"errors"
	"syscall"
)

func noSpace(err error) bool { return errors.Is(err, syscall.ENOSPC) }
