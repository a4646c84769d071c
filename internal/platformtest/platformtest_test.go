package platformtest

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"syscall"
	"testing"
)

// TestWordsMatchTheSystem: the words this OS gives a refused connection
// and a missing file match Words, and UnixWords turns them into Linux's.
func TestWordsMatchTheSystem(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, dialErr := net.Dial("tcp", addr)
	_, openErr := os.Open(filepath.Join(t.TempDir(), "none"))
	for _, c := range []struct {
		err  error
		unix string
	}{{dialErr, ConnRefused}, {openErr, NoSuchFile}} {
		if c.err == nil {
			t.Fatalf("no error for %s", c.unix)
		}
		if !regexp.MustCompile(Words(c.unix)).MatchString(c.err.Error()) {
			t.Errorf("%q does not match %s", c.err, Words(c.unix))
		}
		if got := UnixWords(c.err.Error()); !regexp.MustCompile(regexp.QuoteMeta(c.unix)).MatchString(got) {
			t.Errorf("UnixWords(%q) = %q", c.err, got)
		}
	}
}

func TestIsConnReset(t *testing.T) {
	if !IsConnReset(&net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}) {
		t.Error("ECONNRESET")
	}
	if got := IsConnReset(os.NewSyscallError("wsarecv", syscall.Errno(10054))); got != (runtime.GOOS == "windows") {
		t.Errorf("errno 10054 on %s: %v", runtime.GOOS, got)
	}
	if IsConnReset(os.ErrClosed) {
		t.Error("ErrClosed")
	}
}

func TestPrivateModeAndLocalText(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != PrivateMode() {
		t.Errorf("mode %v, want %v (%v)", fi.Mode().Perm(), PrivateMode(), err)
	}
	want := "a\nb\n"
	if runtime.GOOS == "windows" {
		want = "a\r\nb\r\n"
	}
	if got := LocalText("a\nb\n"); got != want {
		t.Errorf("LocalText = %q, want %q", got, want)
	}
}

// TestSymlinks: Unix makes working links; on Windows the probe says why
// it cannot, naming wine when it runs there.
func TestSymlinks(t *testing.T) {
	err := Symlinks(t.TempDir())
	switch {
	case runtime.GOOS != "windows" && err != nil:
		t.Fatal(err)
	case err != nil && UnderWine() && !regexp.MustCompile(`under wine`).MatchString(err.Error()):
		t.Errorf("the error does not name wine: %v", err)
	}
}
