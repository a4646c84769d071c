//go:build linux

package interop

import (
	"bytes"
	"crypto/rand"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestURLFetchAgainstVsftpd: zftp ftp://user:pw@127.0.0.1:PORT/dir/file
// logs in with the URL's user and password, fetches the file byte-exact
// into the current directory and exits 0; the password is nowhere in the
// output (the transcript shows >>> PASS only).
func TestURLFetchAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	if err := os.MkdirAll(filepath.Join(srv.Home, "pub"), 0o755); err != nil {
		t.Fatal(err)
	}
	data := make([]byte, 100_000)
	rand.Read(data)
	if err := os.WriteFile(filepath.Join(srv.Home, "pub", "hello.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	u := url.URL{Scheme: "ftp", User: url.UserPassword(srv.User, srv.Password),
		Host: srv.Host + ":" + strconv.Itoa(srv.Port), Path: "/pub/hello.txt"}
	dir := t.TempDir()
	out, err := runZftpScript(t, bin, dir, "", "-v", u.String())
	if err != nil {
		t.Fatalf("zftp %s: %v\n%s", strings.ReplaceAll(u.String(), srv.Password, "***"), err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "hello.txt"))
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("hello.txt: %d bytes (%v), want %d byte-exact\n%s", len(got), err, len(data), out)
	}
	for _, want := range []string{">>> USER " + srv.User, ">>> PASS\n", ">>> CWD pub", ">>> TYPE I", ">>> RETR hello.txt", ">>> QUIT"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the transcript:\n%s", want, out)
		}
	}
	if strings.Contains(out, srv.Password) {
		t.Errorf("the password is in the output:\n%s", out)
	}
}

// TestURLFetchMissingAgainstVsftpd: a URL naming a missing file ends zftp
// with a non-zero status (the return code rules).
func TestURLFetchMissingAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	u := url.URL{Scheme: "ftp", User: url.UserPassword(srv.User, srv.Password),
		Host: srv.Host + ":" + strconv.Itoa(srv.Port), Path: "/nothing.bin"}
	out, err := runZftpScript(t, bin, t.TempDir(), "", u.String())
	if err == nil {
		t.Errorf("zftp exited 0 for a missing file:\n%s", out)
	}
}
