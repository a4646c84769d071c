//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/zftp/zftp/client/ftptest"
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

// ptySession is zftp running on a pseudo-terminal.
type ptySession struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	done chan error // the process's end

	mu   sync.Mutex
	out  bytes.Buffer // everything the terminal showed
	seen int          // how far expect has matched
	more chan struct{}
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
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatalf("start zftp on a pty: %v", err)
	}
	s := &ptySession{t: t, pty: f, cmd: cmd, done: make(chan error, 1), more: make(chan struct{}, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			if n > 0 {
				s.mu.Lock()
				s.out.Write(buf[:n])
				s.mu.Unlock()
				select {
				case s.more <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		f.Close()
		if raceEnabled && strings.Contains(s.output(), "WARNING: DATA RACE") {
			t.Errorf("the race detector reported a data race in zftp:\n%s", s.output())
		}
	})
	return s
}

// expect waits until the terminal shows want after what earlier expects
// matched.
func (s *ptySession) expect(want string) {
	s.t.Helper()
	deadline := time.After(ptyTimeout)
	for {
		s.mu.Lock()
		i := strings.Index(s.out.String()[s.seen:], want)
		if i >= 0 {
			s.seen += i + len(want)
		}
		s.mu.Unlock()
		if i >= 0 {
			return
		}
		select {
		case <-s.more:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			s.t.Fatalf("timed out waiting for %q; terminal so far:\n%s", want, s.output())
		}
	}
}

// send types keys.
func (s *ptySession) send(keys string) {
	s.t.Helper()
	if _, err := s.pty.Write([]byte(keys)); err != nil {
		s.t.Fatalf("type %q: %v", keys, err)
	}
}

// wait waits for zftp to end and returns its exit status.
func (s *ptySession) wait() int {
	s.t.Helper()
	select {
	case err := <-s.done:
		// let the reader drain what the terminal still holds
		time.Sleep(100 * time.Millisecond)
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			s.t.Fatalf("zftp: %v", err)
		}
		return 0
	case <-time.After(ptyTimeout):
		s.t.Fatalf("zftp did not end; terminal so far:\n%s", s.output())
		return -1
	}
}

func (s *ptySession) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
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
	s.expect("EZA1459I NAME (" + srv.Host + ":")
	s.send(srv.User + "\r")
	s.expect("EZA1789I PASSWORD:")
	s.send(srv.Password + "\r")
	s.expect("230 ")
	s.expect("EZA1460I Command:")
	s.send("pwd\r")
	s.expect("257 ")
	s.expect("EZA1460I Command:")
	s.send("quit\r")
	s.expect("EZA1701I >>> QUIT")
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	out := s.output()
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
	s.expect("zftp> ")
	s.send("user " + srv.User + "\r")
	s.expect("PASSWORD: ")
	s.send(srv.Password + "\r")
	s.expect("230 ")
	s.expect("zftp> ")
	s.send("pwd\r")
	s.expect("257 ")
	s.expect("zftp> ")
	s.send("\x04") // Ctrl-D: the end of input, QUIT
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	out := s.output()
	if strings.Contains(out, srv.Password) {
		t.Errorf("the password was shown on the terminal:\n%s", out)
	}
	if hist := readHistory(t, home); hist != "pwd\n" {
		t.Errorf("history file %q, want %q", hist, "pwd\n")
	}

	// The next session finds pwd with the up arrow.
	s = startPTY(t, home, "-n", "--prompt=compact")
	s.expect("zftp> ")
	s.send("\x1b[A")
	s.expect("pwd")
	s.send("\x15quit\r") // Ctrl-U, then quit
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
}

// TestPTYCtrlC: Ctrl-C on text prompts again, Ctrl-C on an empty line
// prompts again too (the session goes on), Ctrl-D ends zftp; the dropped
// line is not kept.
func TestPTYCtrlC(t *testing.T) {
	home := t.TempDir()
	s := startPTY(t, home, "-n")
	s.expect("Command:")
	s.send("help\r")
	s.expect("Command:")
	s.send("dropped line")
	s.expect("dropped line")
	s.send("\x03")
	s.expect("^C")
	s.expect("Command:")
	s.send("\x03")
	s.expect("^C")
	s.expect("Command:")
	s.send("lpwd\r")
	s.expect("Local directory")
	s.expect("Command:")
	s.send("\x04")
	if st := s.wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	if hist := readHistory(t, home); hist != "help\nlpwd\n" {
		t.Errorf("history file %q, want %q", hist, "help\nlpwd\n")
	}
}
