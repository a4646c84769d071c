//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// TestPTYCompleteDirectory: cd pu<Tab><Enter> shows "cd pub/" and sends
// CWD pub (no trailing blank, no slash), then Tab goes into a
// subdirectory of the new remote directory and completes a file there.
func TestPTYCompleteDirectory(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	srv.WriteFile(t, "pub/sub/deep.txt", []byte("deep\n"))
	srv.WriteFile(t, "pub/top.txt", []byte("top\n"))
	home := t.TempDir()
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.send("cd pu\t")
	s.expect("pub/")
	s.send("\r")
	s.expect("EZA1701I >>> CWD pub\r\n")
	s.expect("250")
	s.expect("EZA1460I Command:")
	s.send("get s\t")
	s.expect("sub/")
	s.send("d\t")
	s.expect("sub/deep.txt ")
	s.send("\r")
	s.expect("EZA1701I >>> RETR sub/deep.txt")
	s.expect("EZA1617I ")
	s.expect("EZA1460I Command:")
	s.send("pwd\r")
	s.expect("/pub")
	s.expect("EZA1460I Command:")
	s.send("quit\r")
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	if out := s.output(); strings.Contains(out, "LIST") || strings.Contains(out, "NLST") {
		t.Errorf("the completion's listing reached the transcript:\n%s", out)
	}
	if b, err := os.ReadFile(filepath.Join(home, "sub", "deep.txt")); err == nil {
		t.Logf("sub/deep.txt stored under sub/: %q", b)
	} else if b, err := os.ReadFile(filepath.Join(home, "deep.txt")); err != nil || string(b) != "deep\n" {
		t.Logf("deep.txt: %q, %v", b, err)
	}
}

// TestPTYStopMget: the first Ctrl-C during a 1000-file MGET aborts it
// and stops the rest, with a count of the files done; the session stays
// usable.
func TestPTYStopMget(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	big := strings.Repeat("x", 64<<10)
	for i := range 1000 {
		srv.WriteFile(t, fmt.Sprintf("f%04d.txt", i), []byte(big))
	}
	home := t.TempDir()
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.send("prompt\r")
	s.expect("EZA1460I Command:")
	s.send("mget f*\r")
	s.expect(">>> RETR f0003.txt")
	s.send("\x03")
	s.expect("ZFT0161W MGET stopped: ")
	s.expect(" files done.")
	s.expect("EZA1460I Command:")
	s.send("pwd\r")
	s.expect("257 ")
	s.expect("EZA1460I Command:")
	s.send("quit\r")
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	ents, _ := os.ReadDir(home)
	n := 0
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "f") {
			n++
		}
	}
	if n >= 1000 {
		t.Errorf("%d files fetched: the MGET was not stopped", n)
	}
}

// TestPTYMgetAnswers: the MGET question is IBM's ("PROMpt subcommand":
// Mput FILE1 (Yes|No|Quit|Stop prompting)?) and takes y, n, s(top
// prompting) and q(uit).
func TestPTYMgetAnswers(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	for i := range 8 {
		srv.WriteFile(t, fmt.Sprintf("g%d.txt", i), []byte("g\n"))
	}
	home := t.TempDir()
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.send("mget g0.txt g1.txt g2.txt g3.txt\r")
	s.expect("Mget g0.txt (Yes|No|Quit|Stop prompting)?")
	s.send("y\r")
	s.expect("Mget g1.txt (Yes|No|Quit|Stop prompting)?")
	s.send("n\r")
	s.expect("Mget g2.txt (Yes|No|Quit|Stop prompting)?")
	s.send("s\r")
	s.expect(">>> RETR g3.txt")
	s.expect("EZA1460I Command:")
	s.send("mget g4.txt g5.txt g6.txt\r")
	s.expect("Mget g4.txt (Yes|No|Quit|Stop prompting)?")
	s.send("q\r")
	s.expect("ZFT0161W MGET stopped: 0 files done.")
	s.expect("EZA1460I Command:")
	s.send("mget g7.txt g6.txt\r")
	s.expect("Mget g7.txt (Yes|No|Quit|Stop prompting)?")
	// The question is on the screen before the line editor reads; a key
	// typed in between can be taken by the editor's previous read. A
	// person does not answer within microseconds: wait as one would.
	time.Sleep(300 * time.Millisecond)
	s.send("\x03")
	s.expect("ZFT0161W MGET stopped: 0 files done.")
	s.expect("EZA1460I Command:")
	s.send("quit\r")
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	for i, want := range []bool{true, false, true, true, false, false, false, false} {
		_, err := os.Stat(filepath.Join(home, fmt.Sprintf("g%d.txt", i)))
		if got := err == nil; got != want {
			t.Errorf("g%d.txt fetched %v, want %v", i, got, want)
		}
	}
}
