//go:build linux

package interop

import (
	"bytes"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// runZftpScript runs the zftp binary with args and script on stdin, in dir, and
// returns its output and error.
func runZftpScript(t *testing.T, bin, dir, script string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NETRC="+filepath.Join(dir, "no-netrc"))
	cmd.Stdin = strings.NewReader(script)
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// TestBinaryRegetAgainstVsftpd: REGET continues a half-fetched local file
// with REST; the result is byte-exact.
func TestBinaryRegetAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	data := make([]byte, 1<<20+123)
	rand.Read(data)
	if err := os.WriteFile(filepath.Join(srv.Home, "big.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	half := len(data) / 2
	if err := os.WriteFile(filepath.Join(dir, "big.bin"), data[:half], 0o644); err != nil {
		t.Fatal(err)
	}
	script := srv.User + "\n" + srv.Password + "\nbinary\nreget big.bin\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	if !strings.Contains(out, ">>> REST "+strconv.Itoa(half)) {
		t.Errorf("no REST %d in the transcript:\n%s", half, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "big.bin"))
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("big.bin after REGET: %d bytes (%v), want %d byte-exact\n%s", len(got), err, len(data), out)
	}
}

// TestBinaryRestartNoLocalAgainstVsftpd: RESTART then GET into a local
// file that does not exist is refused, and no file is written.
func TestBinaryRestartNoLocalAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	if err := os.WriteFile(filepath.Join(srv.Home, "r.bin"), bytes.Repeat([]byte("r"), 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	script := srv.User + "\n" + srv.Password + "\nbinary\nrestart 1000\nget r.bin\nquit\n"
	out, _ := runZftpScript(t, bin, dir, script, "-v", srv.Host, strconv.Itoa(srv.Port))
	if !strings.Contains(out, "ZFT0162E") || strings.Contains(out, ">>> RETR") {
		t.Errorf("RESTART into a missing file not refused:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.bin")); err == nil {
		t.Errorf("r.bin written")
	}
}
