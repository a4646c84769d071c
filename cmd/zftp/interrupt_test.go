//go:build linux

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// slowServer serves f.bin (4 MiB) at 16 KiB every 20 ms: a download that
// takes about five seconds, long enough to interrupt.
func slowServer(t *testing.T) *ftptest.Server {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{DataDelay: 20 * time.Millisecond}))
	srv.WriteFile(t, "f.bin", bytes.Repeat([]byte("z"), 4<<20))
	return srv
}

// TestPTYInterruptTransfer types Ctrl-C during a GET on a terminal: the
// transfer is aborted (ABOR), the old local file is kept, the prompt comes
// back and the session works; then a second GET gets two Ctrl-C, which
// end zftp with status 130 and the terminal restored (cooked, echo on).
func TestPTYInterruptTransfer(t *testing.T) {
	srv := slowServer(t)
	home := t.TempDir()
	old := filepath.Join(home, "old.bin")
	if err := os.WriteFile(old, []byte(oldContent), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startPTY(t, home, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.Expect("EZA1459I NAME (")
	s.Send(srv.User + "\r")
	s.Expect("EZA1789I PASSWORD:")
	s.Send(srv.Password + "\r")
	s.Expect("230 ")
	s.Expect("EZA1460I Command:")
	s.Send("get f.bin old.bin (replace\r")
	s.Expect("125 Sending data set /f.bin")
	waitForTemp(t, home)
	s.Send("\x03")
	s.Expect("EZA1701I >>> ABOR")
	s.Expect("transfer aborted")
	s.Expect("EZA1460I Command:")
	s.Send("pwd\r")
	s.Expect("257 ")
	s.Expect("EZA1460I Command:")
	if got, _ := os.ReadFile(old); string(got) != oldContent {
		t.Errorf("aborted GET changed the old file: %d bytes", len(got))
	}
	assertFiles(t, home, []string{"old.bin"}) // config (history) is not counted

	s.Send("get f.bin old.bin (replace\r")
	s.Expect("125 Sending data set /f.bin")
	waitForTemp(t, home)
	s.Send("\x03")
	time.Sleep(50 * time.Millisecond)
	s.Send("\x03")
	if st := s.Wait(); st != 130 && st != 0 {
		t.Errorf("exit status %d after a second Ctrl-C, want 130 (or 0 if the abort finished first)", st)
	}
	tio, err := unix.IoctlGetTermios(int(s.PTY.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatalf("terminal state: %v", err)
	}
	if tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("terminal left raw: lflag %#x", tio.Lflag)
	}
	if got, _ := os.ReadFile(old); string(got) != oldContent {
		t.Errorf("interrupted GET changed the old file: %d bytes", len(got))
	}
	if strings.Contains(s.Output(), srv.Password) {
		t.Error("the password was shown on the terminal")
	}
}

// waitForTemp waits until the GET's temporary file has data: the
// transfer is running.
func waitForTemp(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(ptyTimeout)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".zftp-") {
				if fi, err := e.Info(); err == nil && fi.Size() > 0 {
					return
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the GET never started writing")
}
