// Package platformtest states, for tests, what differs between the
// operating systems zftp runs on, so that a test asserts each system's
// own behaviour instead of assuming Linux: the words of an error
// (ECONNRESET is "connection reset by peer" on Unix, Windows Sockets
// error 10054 on Windows), the mode a private file reports, whether
// symbolic links can be made, and whether the process runs under wine.
//
// It is imported by tests only.
package platformtest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// Unix error texts Words and UnixWords know.
const (
	ConnReset   = "connection reset by peer"
	ConnRefused = "connection refused"
	NoSuchFile  = "no such file or directory"
	TimedOut    = "connection timed out"
)

// Words returns a regular expression matching this OS's text for the
// Unix error text unix (one of the constants above): on Unix the text
// itself, on Windows also the system's message for the matching error
// (syscall.Errno's Error, which is Windows' own message table: "An
// existing connection was forcibly closed by the remote host." on
// Windows, "Connection reset by peer." under wine).
func Words(unix string) string {
	alts := []string{regexp.QuoteMeta(unix)}
	for _, e := range windowsTwins[unix] {
		alts = append(alts, regexp.QuoteMeta(e.Error()))
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return "(?:" + strings.Join(alts, "|") + ")"
}

// UnixWords returns s with this OS's texts for the errors Words knows
// replaced by the Unix texts (and Windows' "connectex" and "wsarecv"
// system call names by Unix's), so that a transcript can be compared
// with a golden file written on Linux. On Unix it returns s.
func UnixWords(s string) string {
	for unix, twins := range windowsTwins {
		for _, e := range twins {
			s = strings.ReplaceAll(s, e.Error(), unix)
		}
	}
	if runtime.GOOS == "windows" {
		s = strings.NewReplacer(": connectex: ", ": connect: ", ": wsarecv: ", ": read: ", ": wsasend: ", ": write: ").Replace(s)
	}
	return s
}

// IsConnReset reports whether err is a reset of the connection by the
// peer: ECONNRESET, or on Windows WSAECONNRESET (10054).
func IsConnReset(err error) bool {
	if errors.Is(err, syscall.ECONNRESET) {
		return true
	}
	for _, e := range windowsTwins[ConnReset] {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// PrivateMode is the permission bits a file created with mode 0600
// reports: 0600 on Unix; 0666 on Windows, which has no group and other
// bits (Go reports a writable file as 0666).
func PrivateMode() os.FileMode {
	if runtime.GOOS == "windows" {
		return 0o666
	}
	return 0o600
}

// Symlinks reports whether a working symbolic link can be made in dir:
// os.Symlink succeeds, Lstat sees a link, Readlink returns its target and
// reading through it gives the target's bytes. Wine 8.0's os.Symlink
// returns no error but makes no link (a stub), and Windows refuses it
// without Developer Mode; the error says which.
func Symlinks(dir string) error {
	d, err := os.MkdirTemp(dir, "symlink-probe-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(d)
	target, link := filepath.Join(d, "target"), filepath.Join(d, "link")
	if err := os.WriteFile(target, []byte("probe"), 0o600); err != nil {
		return err
	}
	where := ""
	if UnderWine() {
		where = " under wine"
	}
	if err := os.Symlink("target", link); err != nil {
		return fmt.Errorf("os.Symlink fails%s: %w", where, err)
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		return fmt.Errorf("os.Symlink makes no symbolic link%s (Lstat: %v, %v)", where, fi, err)
	}
	if got, err := os.Readlink(link); err != nil || got != "target" {
		return fmt.Errorf("os.Readlink of a new link%s: %q, %v", where, got, err)
	}
	if b, err := os.ReadFile(link); err != nil || !bytes.Equal(b, []byte("probe")) {
		return fmt.Errorf("reading through a new link%s: %q, %v", where, b, err)
	}
	return nil
}

// SkipWithoutSymlinks skips t, saying why, when Symlinks(t.TempDir())
// fails: only where the system (wine, Windows without Developer Mode)
// cannot make a symbolic link; on Unix a failure is a test failure.
func SkipWithoutSymlinks(t testing.TB) {
	t.Helper()
	err := Symlinks(t.TempDir())
	switch {
	case err == nil:
	case runtime.GOOS == "windows":
		t.Skipf("no symbolic links on this system: %v", err)
	default:
		t.Fatalf("symbolic links: %v", err)
	}
}

// CanSymlink reports whether t may make symbolic links, for a test that
// checks links among other things: on Windows, where the system may not
// make them (wine's stub, no Developer Mode), it logs why and reports
// false, so that the test checks the rest; on Unix a failure to make one
// fails t.
func CanSymlink(t testing.TB) bool {
	t.Helper()
	err := Symlinks(t.TempDir())
	switch {
	case err == nil:
		return true
	case runtime.GOOS == "windows":
		t.Logf("symbolic links left out: %v", err)
		return false
	}
	t.Fatalf("symbolic links: %v", err)
	return false
}

// LocalText returns the text s (lines ending in LF) as a text-mode (TYPE
// A) download stores it on this OS: unchanged on Unix and macOS, with CR
// LF line ends on Windows.
func LocalText(s string) string {
	if runtime.GOOS == "windows" {
		return strings.ReplaceAll(s, "\n", "\r\n")
	}
	return s
}
