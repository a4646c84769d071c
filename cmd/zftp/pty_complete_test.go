//go:build linux

package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// TestPTYCompletionEscapesHostileNames: Tab at a terminal over a listing
// whose names hold an OSC title sequence, a C1 CSI and DEL lists them
// escaped: none of those bytes reaches the terminal (issue 25 item 9).
func TestPTYCompletionEscapesHostileNames(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{NameList: []string{
		"x\x1b]0;PWNED\x07one", "x\u009b31mtwo", "x\x7fthree",
	}}))
	home := t.TempDir()
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.send("get x\t\t")
	s.expect("x^[]0;PWNED^Gone")
	s.send("\x15\x15") // leave the list of candidates, erase the line
	s.send("quit\r")
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	out := s.output()
	for _, bad := range []string{"\x1b]0;", "\u009b", "\x9b", "\x7f"} {
		if strings.Contains(out, bad) {
			t.Errorf("the terminal got %q from a remote name:\n%q", bad, out)
		}
	}
}

// TestPTYCtrlCEndsStalledCompletion: a server that never answers the
// listing Tab asks for does not hold the prompt: Ctrl-C ends the wait at
// once (well before the completion's own 5-second bound), the next
// subcommand says the session was closed (ZFT0112E), and zftp goes on
// (issue 25 item 9).
func TestPTYCtrlCEndsStalledCompletion(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{SilentFor: []string{"LIST", "NLST"}}))
	home := t.TempDir()
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", "-w", "60", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.send("get \t")
	time.Sleep(200 * time.Millisecond) // the LIST is sent and waits
	start := time.Now()
	s.send("\x03")
	s.send("lpwd\r")
	s.expect("ZFT0112E")
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("Ctrl-C freed the prompt only after %v (the completion's own bound is 5 s)", d)
	}
	s.expect("EZA1460I Command:")
	s.send("quit\r")
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
}
