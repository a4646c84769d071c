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

func TestInterruptAtNoSubcommand(t *testing.T) {
	if interruptSubcommand() {
		t.Fatal("Ctrl-C with no subcommand running was taken as an abort; the guard must end zftp")
	}
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
	s.expect("EZA1459I NAME (")
	s.send(srv.User + "\r")
	s.expect("EZA1789I PASSWORD:")
	s.send(srv.Password + "\r")
	s.expect("230 ")
	s.expect("EZA1460I Command:")
	s.send("get f.bin old.bin (replace\r")
	s.expect("125 Sending data set /f.bin")
	waitForTemp(t, home)
	s.send("\x03")
	s.expect("EZA1701I >>> ABOR")
	s.expect("transfer aborted")
	s.expect("EZA1460I Command:")
	s.send("pwd\r")
	s.expect("257 ")
	s.expect("EZA1460I Command:")
	if got, _ := os.ReadFile(old); string(got) != oldContent {
		t.Errorf("aborted GET changed the old file: %d bytes", len(got))
	}
	assertFiles(t, home, []string{"old.bin"}) // config (history) is not counted

	s.send("get f.bin old.bin (replace\r")
	s.expect("125 Sending data set /f.bin")
	waitForTemp(t, home)
	s.send("\x03")
	time.Sleep(50 * time.Millisecond)
	s.send("\x03")
	if st := s.wait(); st != 130 && st != 0 {
		t.Errorf("exit status %d after a second Ctrl-C, want 130 (or 0 if the abort finished first)", st)
	}
	tio, err := unix.IoctlGetTermios(int(s.pty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatalf("terminal state: %v", err)
	}
	if tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("terminal left raw: lflag %#x", tio.Lflag)
	}
	if got, _ := os.ReadFile(old); string(got) != oldContent {
		t.Errorf("interrupted GET changed the old file: %d bytes", len(got))
	}
	if strings.Contains(s.output(), srv.Password) {
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

// TestInterruptInProcess drives interruptSubcommand as the terminal guard
// does, in-process: the first call aborts the running GET, a second one
// during the same subcommand is left to the guard (false).
func TestInterruptInProcess(t *testing.T) {
	srv := slowServer(t)
	tmp := t.TempDir()
	writeLocal(t, tmp, "old.bin", []byte(oldContent))
	env := testEnv(t, tmp)
	var out, errOut syncBuffer
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	env.stdin, env.stdout, env.stderr, env.workDir, env.interactive = pr, &out, &errOut, tmp, true
	done := make(chan int, 1)
	go func() { done <- run([]string{"-v", "-w", "10", srv.Host, strconv.Itoa(srv.Port)}, env) }()
	pw.WriteString(srv.User + "\n" + srv.Password + "\nget f.bin old.bin (replace\n")
	waitForTemp(t, tmp)
	if !interruptSubcommand() {
		t.Fatal("first Ctrl-C during a GET was not taken as an abort")
	}
	if interruptSubcommand() {
		t.Error("second Ctrl-C during the same GET was taken as an abort; the guard must end zftp")
	}
	pw.WriteString("pwd\nquit\n")
	pw.Close()
	select {
	case st := <-done:
		if st != 0 {
			t.Errorf("status %d", st)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("zftp did not end")
	}
	o := out.String()
	if !strings.Contains(o, "EZA1701I >>> ABOR") || !strings.Contains(o, "transfer aborted") {
		t.Errorf("no ABOR and abort message:\n%s", o)
	}
	if i := strings.LastIndex(o, ">>> PWD"); i < 0 || !strings.Contains(o[i:], "257 ") {
		t.Errorf("session not usable after the abort:\n%s", o)
	}
	if got := string(readLocal(t, tmp, "old.bin")); got != oldContent {
		t.Errorf("old file changed: %d bytes", len(got))
	}
	assertFiles(t, tmp, []string{"old.bin"})
}
