//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ptytest"
)

// ptyTimeout bounds every wait of the pseudo-terminal tests.
const ptyTimeout = 10 * time.Second

// buildZftp builds the zftp binary into a temporary directory, with the
// race detector when the test binary has it (go test -race), so that the
// pty sessions are checked for data races as well.
func buildZftp(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build zftp: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "zftp")
	args := []string{"build", "-o", bin}
	if raceEnabled {
		args = append(args, "-race")
	}
	if out, err := exec.Command(goTool, append(args, ".")...).CombinedOutput(); err != nil {
		t.Fatalf("build zftp: %v\n%s", err, out)
	}
	return bin
}

// ptySession is zftp running on a pseudo-terminal (internal/ptytest).
type ptySession struct {
	*ptytest.Session
	t *testing.T
}

// startPTY runs zftp with args on a new pseudo-terminal, with HOME and
// XDG_CONFIG_HOME under home so that the user's history is left alone.
func startPTY(t *testing.T, home string, args ...string) *ptySession {
	t.Helper()
	return startPTYEnv(t, home, nil, args...)
}

// startPTYEnv is startPTY with more environment variables (NO_COLOR ...).
func startPTYEnv(t *testing.T, home string, extra []string, args ...string) *ptySession {
	t.Helper()
	return startPTYSize(t, home, 40, 132, extra, args...)
}

// startPTYSize is startPTYEnv on a terminal of rows x cols (80x24 is what
// a newcomer's terminal has).
func startPTYSize(t *testing.T, home string, rows, cols uint16, extra []string, args ...string) *ptySession {
	t.Helper()
	cmd := exec.Command(buildZftp(t), args...)
	cmd.Env = append([]string{
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"NETRC=" + filepath.Join(home, "no-netrc"),
		"TERM=xterm",
		"PATH=" + os.Getenv("PATH"),
		"LANG=C",
	}, extra...)
	cmd.Dir = home
	s := &ptySession{Session: ptytest.Start(t, cmd, rows, cols, ptyTimeout), t: t}
	t.Cleanup(func() {
		s.Close()
		if raceEnabled && strings.Contains(s.Output(), "WARNING: DATA RACE") {
			t.Errorf("the race detector reported a data race in zftp:\n%s", s.Output())
		}
	})
	return s
}

// readHistory returns the history file under home, and checks its mode.
func readHistory(t *testing.T, home string) string {
	t.Helper()
	p := filepath.Join(home, "config", "zftp", "history")
	st, err := os.Stat(p)
	if err != nil {
		t.Fatalf("history file: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", st.Mode().Perm())
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPTYLoginPassword logs in at the z/OS prompts on a terminal: the
// password typed at PASSWORD: is not echoed, and neither it nor the user
// ID reaches the history file, while the subcommands do.
func TestPTYLoginPassword(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	home := t.TempDir()
	s := startPTY(t, home, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.Expect("EZA1459I NAME (" + srv.Host + ":")
	s.Send(srv.User + "\r")
	s.Expect("EZA1789I PASSWORD:")
	s.Send(srv.Password + "\r")
	s.Expect("230 ")
	s.Expect("EZA1460I Command:")
	s.Send("pwd\r")
	s.Expect("257 ")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	s.Expect("EZA1701I >>> QUIT")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	out := s.Output()
	if strings.Contains(out, srv.Password) {
		t.Errorf("the password was shown on the terminal:\n%s", out)
	}
	if !strings.Contains(out, "EZA1701I >>> PASS\r\n") {
		t.Errorf("no >>> PASS line:\n%s", out)
	}
	hist := readHistory(t, home)
	if hist != "pwd\nquit\n" {
		t.Errorf("history file %q, want %q", hist, "pwd\nquit\n")
	}
	if strings.Contains(hist, srv.Password) || strings.Contains(hist, srv.User) {
		t.Errorf("history file holds credentials: %q", hist)
	}
}

// TestPTYCompactUserSubcommand logs in with the USER subcommand at the
// compact prompt, then checks that history is kept between sessions.
func TestPTYCompactUserSubcommand(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	home := t.TempDir()
	s := startPTY(t, home, "-n", "--prompt=compact", srv.Host, strconv.Itoa(srv.Port))
	s.Expect("zftp> ")
	s.Send("user " + srv.User + "\r")
	s.Expect("PASSWORD: ")
	s.Send(srv.Password + "\r")
	s.Expect("230 ")
	s.Expect("zftp> ")
	s.Send("pwd\r")
	s.Expect("257 ")
	s.Expect("zftp> ")
	s.Send("\x04") // Ctrl-D: the end of input, QUIT
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	out := s.Output()
	if strings.Contains(out, srv.Password) {
		t.Errorf("the password was shown on the terminal:\n%s", out)
	}
	if hist := readHistory(t, home); hist != "pwd\n" {
		t.Errorf("history file %q, want %q", hist, "pwd\n")
	}

	// The next session finds pwd with the up arrow.
	s = startPTY(t, home, "-n", "--prompt=compact")
	s.Expect("zftp> ")
	s.Send("\x1b[A")
	s.Expect("pwd")
	s.Send("\x15quit\r") // Ctrl-U, then quit
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
}

// TestPTYCtrlC: Ctrl-C on text prompts again, Ctrl-C on an empty line
// prompts again too (the session goes on), Ctrl-D ends zftp; the dropped
// line is not kept.
func TestPTYCtrlC(t *testing.T) {
	home := t.TempDir()
	s := startPTY(t, home, "-n")
	s.Expect("Command:")
	s.Send("help\r")
	s.Expect("Command:")
	s.Send("dropped line")
	s.Expect("dropped line")
	s.Send("\x03")
	s.Expect("^C")
	s.Expect("Command:")
	s.Send("\x03")
	s.Expect("^C")
	s.Expect("Command:")
	s.Send("lpwd\r")
	s.Expect("Local directory")
	s.Expect("Command:")
	s.Send("\x04")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	if hist := readHistory(t, home); hist != "help\nlpwd\n" {
		t.Errorf("history file %q, want %q", hist, "help\nlpwd\n")
	}
}
