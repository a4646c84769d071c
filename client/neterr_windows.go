package client

import (
	"errors"
	"syscall"
)

// Windows Sockets error codes ("Windows Sockets Error Codes", Microsoft
// Learn, winsock2 WSAE*): Go's net package returns these as
// syscall.Errno, and they never equal the Unix-style syscall.E* values
// Go defines on Windows, so each is matched beside its Unix twin.
const (
	wsaENETUNREACH  = syscall.Errno(10051)
	wsaECONNABORTED = syscall.WSAECONNABORTED // 10053
	wsaECONNRESET   = syscall.WSAECONNRESET   // 10054
	wsaETIMEDOUT    = syscall.Errno(10060)
	wsaEHOSTUNREACH = syscall.Errno(10065)
)

// connReset reports whether err is a reset of the connection by the peer:
// WSAECONNRESET ("An existing connection was forcibly closed by the
// remote host") or ECONNRESET.
func connReset(err error) bool {
	return errors.Is(err, wsaECONNRESET) || errors.Is(err, syscall.ECONNRESET)
}

// connFailure reports whether err is a failure of the connection itself:
// reset, aborted, timed out, network or host unreachable (WSAE* or E*).
func connFailure(err error) bool {
	return connReset(err) ||
		errors.Is(err, wsaECONNABORTED) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, wsaETIMEDOUT) || errors.Is(err, syscall.ETIMEDOUT) ||
		errors.Is(err, wsaENETUNREACH) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, wsaEHOSTUNREACH) || errors.Is(err, syscall.EHOSTUNREACH)
}
