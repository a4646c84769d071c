//go:build linux

package interop

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Names with blanks, double-quoted as lftp and tnftp accept them, against
// every server: GET, PUT (local and remote names), RENAME and DELETE.
func TestQuotedNames(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			testQuotedNames(t, bin, Start(t, k, Options{}))
		})
	}
}

func testQuotedNames(t *testing.T, bin string, srv *Server) {
	if err := os.WriteFile(filepath.Join(srv.Home, "a b.txt"), []byte("blank\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	up := []byte{0, 1, 2, 3, 13, 10}
	if err := os.WriteFile(filepath.Join(dir, "x y.bin"), up, 0o644); err != nil {
		t.Fatal(err)
	}
	script := srv.User + "\n" + srv.Password + "\nbinary\n" +
		"get \"a b.txt\"\n" +
		"put \"x y.bin\" \"z w.bin\"\n" +
		"rename \"z w.bin\" \"c d\"\n" +
		"delete \"a b.txt\"\n" +
		"quit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "a b.txt")); err != nil || string(got) != "blank\n" {
		t.Errorf("get: %q, %v\n%s", got, err, out)
	}
	if got, err := os.ReadFile(filepath.Join(srv.Home, "c d")); err != nil || !bytes.Equal(got, up) {
		t.Errorf("put then rename: %q, %v\n%s", got, err, out)
	}
	if _, err := os.Stat(filepath.Join(srv.Home, "a b.txt")); !os.IsNotExist(err) {
		t.Errorf("delete \"a b.txt\" left the file: %v\n%s", err, out)
	}
	if strings.Contains(out, `DELE "`) {
		t.Errorf("the quotes went to the server:\n%s", out)
	}
}

// REGET against vsftpd of a file that shrank on the server: it fails
// before any data moves and the local part stays as it was (the size check
// used to skip resumed transfers). A continuation cut short needs an
// injected fault: internal/zos TestRegetFaults.
func TestRegetShrunkAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	data := bytes.Repeat([]byte("0123456789"), 2000) // 20000 bytes
	if err := os.WriteFile(filepath.Join(srv.Home, "f.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	partial := bytes.Repeat([]byte("x"), 60000)
	if err := os.WriteFile(filepath.Join(dir, "f.bin"), partial, 0o644); err != nil {
		t.Fatal(err)
	}
	script := srv.User + "\n" + srv.Password + "\nbinary\nreget f.bin\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err == nil {
		t.Errorf("REGET of a file that shrank exited 0:\n%s", out)
	}
	if !strings.Contains(out, "ZFT0176E") {
		t.Errorf("no ZFT0176E:\n%s", out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "f.bin")); !bytes.Equal(got, partial) {
		t.Errorf("the local part changed: %d bytes", len(got))
	}
}
