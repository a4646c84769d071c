//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestGetExistingNameOfAnyKind: without (REPLACE, GET and MGET meet an
// existing local name of any kind (file, symbolic link to elsewhere,
// dangling link, FIFO) with "exists" and leave it as it was (issue 14
// item 8).
func TestGetExistingNameOfAnyKind(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	srv.WriteFile(t, "f.bin", []byte("remote\n"))
	elsewhere := filepath.Join(t.TempDir(), "target.txt")
	os.WriteFile(elsewhere, []byte("elsewhere\n"), 0o644)
	kinds := []struct {
		name string
		make func(p string) error
	}{
		{"file", func(p string) error { return os.WriteFile(p, []byte(oldContent), 0o644) }},
		{"symlink", func(p string) error { return os.Symlink(elsewhere, p) }},
		{"dangling_symlink", func(p string) error { return os.Symlink(filepath.Join(filepath.Dir(elsewhere), "none"), p) }},
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
	}
	for _, k := range kinds {
		for _, sub := range []string{"get f.bin", "mget f.bin"} {
			t.Run(k.name+"/"+strings.Fields(sub)[0], func(t *testing.T) {
				tmp := t.TempDir()
				p := filepath.Join(tmp, "f.bin")
				if err := k.make(p); err != nil {
					t.Skip(err)
				}
				before, _ := os.Lstat(p)
				out, _, _ := runFrontEnd(t, tmp, []string{"-v", "-w", "10", srv.Host, strconv.Itoa(srv.Port)},
					srv.User+"\n"+srv.Password+"\nbinary\n"+sub+"\nquit\n")
				if !strings.Contains(out, "ZFT0124E Local file") {
					t.Errorf("no 'exists' message:\n%s", clip(out))
				}
				after, err := os.Lstat(p)
				if err != nil || after.Mode() != before.Mode() || after.Size() != before.Size() {
					t.Errorf("%s changed: %v -> %v (%v)", p, before.Mode(), after, err)
				}
				if got, _ := os.ReadFile(elsewhere); string(got) != "elsewhere\n" {
					t.Errorf("the link's target was written: %q", got)
				}
				assertNoTemp(t, tmp)
			})
		}
	}
}

// TestLongNameRoundTrip: a 250-byte name can be put and fetched again:
// the temporary name (".zftp-XXXXXX") does not grow with the target's
// (issue 14 item 9).
func TestLongNameRoundTrip(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	tmp := t.TempDir()
	name := strings.Repeat("n", 246) + ".bin"
	writeLocal(t, tmp, name, payload)
	out, _, status := runFrontEnd(t, tmp, []string{"-v", "-e", "-w", "10", srv.Host, strconv.Itoa(srv.Port)},
		srv.User+"\n"+srv.Password+"\nbinary\nput "+filepath.Join(tmp, name)+" "+name+"\nget "+name+" "+filepath.Join(tmp, "copy-"+name[5:])+"\nquit\n")
	if status != 0 {
		t.Fatalf("status %d:\n%s", status, clip(out))
	}
	if got := readLocal(t, tmp, "copy-"+name[5:]); len(got) != len(payload) {
		t.Errorf("fetched %d bytes, want %d", len(got), len(payload))
	}
	assertNoTemp(t, tmp)
}
