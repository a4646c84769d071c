package client

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
	"testing"
)

// TestLocalWriteTellsNetworkFromLocal: a splice from the data connection
// into a file reports both sides' failures as a PathError of the file;
// only the local ones (disk full, I/O error) are ErrLocalWrite (client
// error code 20), a reset or timeout of the data connection is not
// (issue 14 item 11).
func TestLocalWriteTellsNetworkFromLocal(t *testing.T) {
	splice := func(err error) error {
		return &fs.PathError{Op: "write", Path: "/tmp/f", Err: os.NewSyscallError("splice", err)}
	}
	tests := []struct {
		name  string
		err   error
		local bool
	}{
		{"disk full", splice(syscall.ENOSPC), true},
		{"i/o error", splice(syscall.EIO), true},
		{"read-only", &fs.PathError{Op: "write", Path: "/tmp/f", Err: syscall.EROFS}, true},
		{"connection reset", splice(syscall.ECONNRESET), false},
		{"connection aborted", splice(syscall.ECONNABORTED), false},
		{"timed out", splice(syscall.ETIMEDOUT), false},
		{"deadline", &fs.PathError{Op: "write", Path: "/tmp/f", Err: os.ErrDeadlineExceeded}, false},
		{"no path error", syscall.ECONNRESET, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(localWrite(tt.err), ErrLocalWrite); got != tt.local {
				t.Errorf("localWrite(%v) is ErrLocalWrite: %v, want %v", tt.err, got, tt.local)
			}
		})
	}
}
