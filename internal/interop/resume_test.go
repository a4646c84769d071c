//go:build linux

package interop

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBinaryReputAgainstVsftpd: REPUT completes a half-uploaded remote
// file with SIZE, REST and STOR; the result is byte-exact.
func TestBinaryReputAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	data := make([]byte, 1<<20+321)
	rand.Read(data)
	half := len(data) / 2
	remote := filepath.Join(srv.Home, "up.bin")
	// the harness writes the first half, as an upload cut short would
	// have; the server's user must be able to write it
	if err := os.WriteFile(remote, data[:half], 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(remote, 0o666); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "up.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	script := srv.User + "\n" + srv.Password + "\nbinary\nreput up.bin\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	for _, want := range []string{">>> SIZE up.bin", ">>> REST " + strconv.Itoa(half), ">>> STOR up.bin"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the transcript:\n%s", want, out)
		}
	}
	got, err := os.ReadFile(remote)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("up.bin after REPUT: %d bytes (%v), want %d byte-exact\n%s", len(got), err, len(data), out)
	}
}

// TestMgetDirPatternAgainstVsftpd: "mget small/f000*" stores the files
// under their base names in the local directory, byte-exact.
func TestMgetDirPatternAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	if err := os.MkdirAll(filepath.Join(srv.Home, "small"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for i := range 12 {
		name := fmt.Sprintf("f%04d", i)
		b := make([]byte, 1000+i*517)
		rand.Read(b)
		files[name] = b
		if err := os.WriteFile(filepath.Join(srv.Home, "small", name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	script := srv.User + "\n" + srv.Password + "\nbinary\nmget small/f000*\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	if strings.Contains(out, "name refused") {
		t.Errorf("names refused:\n%s", out)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if name >= "f0010" {
			if err == nil {
				t.Errorf("%s fetched; the pattern does not match it", name)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes (%v), want %d byte-exact\n%s", name, len(got), err, len(want), out)
		}
	}
}
