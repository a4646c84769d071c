package client

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"runtime"
	"syscall"
	"testing"
)

// opError wraps errno as the net package returns it.
func opError(errno syscall.Errno) error {
	return &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("wsarecv", errno)}
}

// TestConnErrorsPerOS: a connection's failures are known by their Unix
// errno everywhere and, on Windows, by their Windows Sockets twin
// (WSAECONNRESET 10054 ...), which never equals the Unix value; a Windows
// code means nothing on Unix.
func TestConnErrorsPerOS(t *testing.T) {
	win := runtime.GOOS == "windows"
	tests := []struct {
		name           string
		err            error
		reset, failure bool
	}{
		{"ECONNRESET", opError(syscall.ECONNRESET), true, true},
		{"ECONNABORTED", opError(syscall.ECONNABORTED), false, true},
		{"ETIMEDOUT", opError(syscall.ETIMEDOUT), false, true},
		{"ENETUNREACH", opError(syscall.ENETUNREACH), false, true},
		{"EHOSTUNREACH", opError(syscall.EHOSTUNREACH), false, true},
		{"WSAECONNRESET", opError(syscall.Errno(10054)), win, win},
		{"WSAECONNABORTED", opError(syscall.Errno(10053)), false, win},
		{"WSAETIMEDOUT", opError(syscall.Errno(10060)), false, win},
		{"WSAENETUNREACH", opError(syscall.Errno(10051)), false, win},
		{"WSAEHOSTUNREACH", opError(syscall.Errno(10065)), false, win},
		{"ENOSPC", opError(syscall.ENOSPC), false, false},
		{"plain", errors.New("disk on fire"), false, false},
	}
	for _, tt := range tests {
		if got := connReset(tt.err); got != tt.reset {
			t.Errorf("%s on %s: connReset = %v, want %v", tt.name, runtime.GOOS, got, tt.reset)
		}
		if got := connFailure(tt.err); got != tt.failure {
			t.Errorf("%s on %s: connFailure = %v, want %v", tt.name, runtime.GOOS, got, tt.failure)
		}
		// A download's write error that is really the connection's is not
		// reported as the local file's (ErrLocalWrite).
		pe := &fs.PathError{Op: "write", Path: "f", Err: tt.err}
		if got := errors.Is(localWrite(pe), ErrLocalWrite); got == tt.failure {
			t.Errorf("%s on %s: localWrite says local write %v", tt.name, runtime.GOOS, got)
		}
	}
}
