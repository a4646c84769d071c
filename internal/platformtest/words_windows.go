package platformtest

import "syscall"

// windowsTwins are, by Unix text, the Windows errors of the same meaning
// (Windows Sockets and Win32 error codes).
var windowsTwins = map[string][]error{
	ConnReset:   {syscall.Errno(10054)}, // WSAECONNRESET
	ConnRefused: {syscall.Errno(10061)}, // WSAECONNREFUSED
	TimedOut:    {syscall.Errno(10060)}, // WSAETIMEDOUT
	NoSuchFile:  {syscall.ERROR_FILE_NOT_FOUND, syscall.ERROR_PATH_NOT_FOUND},
}
