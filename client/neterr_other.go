//go:build !windows

package client

import (
	"errors"
	"syscall"
)

// connReset reports whether err is a reset of the connection by the peer.
func connReset(err error) bool { return errors.Is(err, syscall.ECONNRESET) }

// connFailure reports whether err is a failure of the connection itself:
// reset, aborted, timed out, network or host unreachable.
func connFailure(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, syscall.ETIMEDOUT) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, syscall.EHOSTUNREACH)
}
