//go:build linux

package interop

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// termTimeout bounds every wait of a terminal session.
const termTimeout = 15 * time.Second

// termSession is the zftp binary on a pseudo-terminal of a given size, as
// a person at a terminal runs it against a real server.
type termSession struct {
	t    *testing.T
	pty  *os.File
	done chan error

	mu   sync.Mutex
	out  bytes.Buffer
	seen int
	more chan struct{}
}

// startTerm runs bin with args on a rows x cols pseudo-terminal in dir,
// with HOME and the config directory under dir (the user's history is
// left alone) and no netrc.
func startTerm(t *testing.T, bin, dir string, rows, cols uint16, args ...string) *termSession {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = []string{
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"NETRC=" + filepath.Join(dir, "no-netrc"),
		"TERM=xterm", "NO_COLOR=1", "LANG=C",
		"PATH=" + os.Getenv("PATH"),
	}
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatalf("start zftp on a pty: %v", err)
	}
	s := &termSession{t: t, pty: f, done: make(chan error, 1), more: make(chan struct{}, 1)}
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
	})
	return s
}

// expect waits until the terminal shows want after what earlier expects
// matched.
func (s *termSession) expect(want string) {
	s.t.Helper()
	deadline := time.After(termTimeout)
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
func (s *termSession) send(keys string) {
	s.t.Helper()
	if _, err := s.pty.Write([]byte(keys)); err != nil {
		s.t.Fatalf("type %q: %v", keys, err)
	}
}

// login answers NAME and PASSWORD with the server's test user.
func (s *termSession) login(srv *Server) {
	s.t.Helper()
	s.expect("NAME (")
	s.send(srv.User + "\r")
	s.expect("PASSWORD:")
	s.send(srv.Password + "\r")
	s.expect("230")
	s.expect("Command:")
}

// wait waits for zftp to end and returns its exit status.
func (s *termSession) wait() int {
	s.t.Helper()
	select {
	case err := <-s.done:
		time.Sleep(100 * time.Millisecond) // let the reader drain the terminal
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			s.t.Fatalf("zftp: %v", err)
		}
		return 0
	case <-time.After(termTimeout):
		s.t.Fatalf("zftp did not end; terminal so far:\n%s", s.output())
		return -1
	}
}

// output is everything the terminal showed.
func (s *termSession) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}
