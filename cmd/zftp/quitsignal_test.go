//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestPTYQuitDuringGetRemovesTempFile: Ctrl-\ (SIGQUIT) at a terminal
// during a GET ends zftp as Go ends a program on SIGQUIT (a goroutine dump,
// status 2), but first removes the download's temporary file and restores
// the terminal: no ".zftp-" file is left beside the target (issue 25
// item 13).
func TestPTYQuitDuringGetRemovesTempFile(t *testing.T) {
	srv := slowServer(t)
	home := t.TempDir()
	s := startPTY(t, home, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.send("get f.bin new.bin\r")
	s.expect("125 Sending data set /f.bin")
	waitForTemp(t, home)
	s.send("\x1c") // Ctrl-\: the terminal sends SIGQUIT
	if st := s.wait(); st != 2 {
		t.Errorf("exit status %d after SIGQUIT, want 2 (Go's goroutine dump)", st)
	}
	if left := tempFiles(t, home); len(left) != 0 {
		t.Errorf("temporary files left: %q", left)
	}
	if _, err := os.Stat(filepath.Join(home, "new.bin")); err == nil {
		t.Error("a partial new.bin was left under the target name")
	}
	tio, err := unix.IoctlGetTermios(int(s.pty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatalf("terminal state: %v", err)
	}
	if tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("terminal left raw: lflag %#x", tio.Lflag)
	}
	if strings.Contains(s.output(), srv.Password) {
		t.Error("the password was shown on the terminal")
	}
}
