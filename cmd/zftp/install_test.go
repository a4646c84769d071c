package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestMakeInstall: make install PREFIX=DIR makes DIR/bin and
// DIR/share/man/man1 and installs zftp, zftpd and zftp.1 there, where
// man-db finds the page for DIR/bin on PATH (dry run: make -n, nothing is
// built or written).
func TestMakeInstall(t *testing.T) {
	mk, err := exec.LookPath("make")
	if err != nil {
		t.Skipf("no make: %v", err)
	}
	out, err := exec.Command(mk, "-n", "-C", "../..", "install", "PREFIX=/opt/zftp-test").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n install: %v\n%s", err, out)
	}
	text := string(out)
	for _, want := range []string{
		"install -d '/opt/zftp-test/bin' '/opt/zftp-test/share/man/man1'",
		"install -m 0755 bin/zftp bin/zftpd '/opt/zftp-test/bin/'",
		"install -m 0644 docs/zftp.1 '/opt/zftp-test/share/man/man1/zftp.1'",
		"-o bin/zftp ./cmd/zftp",
		"-o bin/zftpd ./cmd/zftpd",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("make -n install lacks %q:\n%s", want, text)
		}
	}
}
