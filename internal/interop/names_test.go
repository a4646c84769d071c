//go:build linux

package interop

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
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

// REGET against vsftpd of a continuation cut short: the remote file
// (1 MiB) is truncated to 500 000 bytes while vsftpd, slowed to 200 000
// bytes/s (it sleeps between 64 KiB blocks), sends the part after the
// local 40 000. vsftpd 3.0.3 notices the file ending before the size it
// opened and answers 426 ("Failure writing network stream"); a server
// that says 226 instead is caught by the size check (ZFT0130E; the fault
// matrix's reget_cut_short row plays it). Either way the REGET fails with
// a non-zero code and the local file is cut back to the 40 000 bytes it
// held, not left with the short continuation appended (issue 25 item 7).
func TestRegetCutShortAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{ExtraConfig: []string{"local_max_rate=200000"}})
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	remote := filepath.Join(srv.Home, "f.bin")
	if err := os.WriteFile(remote, data, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	local := filepath.Join(dir, "f.bin")
	partial := data[:40000]
	const cutAt = 500000
	if err := os.WriteFile(local, partial, 0o644); err != nil {
		t.Fatal(err)
	}
	// Cut the remote file once the continuation is arriving (the local
	// file has grown past its part): vsftpd is then still sending.
	cut := make(chan error, 1)
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				cut <- nil
				return
			case <-time.After(5 * time.Millisecond):
			}
			if fi, err := os.Stat(local); err == nil && fi.Size() > int64(len(partial)) {
				cut <- os.Truncate(remote, cutAt)
				return
			}
		}
	}()
	script := srv.User + "\n" + srv.Password + "\nbinary\nreget f.bin\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	close(stop)
	if cerr := <-cut; cerr != nil {
		t.Fatalf("truncate: %v", cerr)
	}
	if fi, serr := os.Stat(remote); serr != nil || fi.Size() != cutAt {
		t.Fatalf("the remote file was not cut during the transfer (%v, %v):\n%s", fi, serr, out)
	}
	if err == nil {
		t.Errorf("REGET of a continuation cut short exited 0:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^(426 |ZFT0130E )`).MatchString(out) {
		t.Errorf("neither the server's 426 nor ZFT0130E:\n%s", out)
	}
	if got, _ := os.ReadFile(local); !bytes.Equal(got, partial) {
		t.Errorf("the local part was not cut back to its %d bytes: %d bytes", len(partial), len(got))
	}
}
