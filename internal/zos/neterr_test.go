package zos

import (
	"net"
	"os"
	"runtime"
	"syscall"
	"testing"
)

// TestTimeoutErrnoPerOS: a connection that timed out in the OS is
// FTP_TIMEOUT (9) everywhere: ETIMEDOUT on Unix, WSAETIMEDOUT (10060) on
// Windows, where syscall.Errno's Timeout does not know it. On Unix 10060
// is no errno of the network and stays a session error.
func TestTimeoutErrnoPerOS(t *testing.T) {
	wrap := func(e syscall.Errno) error {
		return &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("wsarecv", e)}
	}
	if ec := errorCode(wrap(syscall.ETIMEDOUT)); ec != ecTimeout {
		t.Errorf("ETIMEDOUT: error code %d, want %d", ec, ecTimeout)
	}
	want := ecSession
	if runtime.GOOS == "windows" {
		want = ecTimeout
	}
	if ec := errorCode(wrap(syscall.Errno(10060))); ec != want {
		t.Errorf("errno 10060 on %s: error code %d, want %d", runtime.GOOS, ec, want)
	}
	if ec := errorCode(wrap(syscall.ECONNRESET)); ec != ecSession {
		t.Errorf("ECONNRESET: error code %d, want %d", ec, ecSession)
	}
}
