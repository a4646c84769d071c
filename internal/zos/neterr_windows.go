package zos

import (
	"errors"
	"syscall"
)

// wsaETIMEDOUT is Windows Sockets' "connection timed out" (10060,
// "Windows Sockets Error Codes", Microsoft Learn).
const wsaETIMEDOUT = syscall.Errno(10060)

// osTimeout reports a timeout that the error's Timeout method does not:
// on Windows, syscall.Errno's Timeout knows ETIMEDOUT (a value Go makes
// up) but not WSAETIMEDOUT, which is what the network returns, so a
// connection that timed out would count as a session error (10) where
// Unix gives FTP_TIMEOUT (9).
func osTimeout(err error) bool { return errors.Is(err, wsaETIMEDOUT) }
