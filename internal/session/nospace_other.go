//go:build !unix

package session

import (
	"errors"
	"syscall"
)

func noSpace(err error) bool { return errors.Is(err, syscall.ENOSPC) }
