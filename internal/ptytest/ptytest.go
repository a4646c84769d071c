//go:build unix

// Package ptytest runs a command on a pseudo-terminal for tests, as a
// person at a terminal runs it: it types keys and waits for what the
// terminal shows. The cmd/zftp and interop tests share it.
package ptytest

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Session is a command running on a pseudo-terminal.
type Session struct {
	PTY *os.File  // the terminal's controlling side
	Cmd *exec.Cmd // the command, started

	t       testing.TB
	timeout time.Duration // bounds every wait
	done    chan error    // the process's end
	close   sync.Once

	mu   sync.Mutex
	out  bytes.Buffer // everything the terminal showed
	seen int          // how far the waits have matched
	more chan struct{}
}

// Start runs cmd on a new rows x cols pseudo-terminal. Every wait of the
// session is bounded by timeout. The process is killed and the terminal
// closed when the test ends, or at Close.
func Start(t testing.TB, cmd *exec.Cmd, rows, cols uint16, timeout time.Duration) *Session {
	t.Helper()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Fatalf("start %s on a pty: %v", cmd.Path, err)
	}
	s := &Session{PTY: f, Cmd: cmd, t: t, timeout: timeout, done: make(chan error, 1), more: make(chan struct{}, 1)}
	go s.read()
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(s.Close)
	return s
}

// read keeps what the terminal shows.
func (s *Session) read() {
	buf := make([]byte, 4096)
	for {
		n, err := s.PTY.Read(buf)
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
}

// Close kills the process and closes the terminal (once).
func (s *Session) Close() {
	s.close.Do(func() {
		s.Cmd.Process.Kill()
		s.PTY.Close()
	})
}

// Expect waits until the terminal shows want after what earlier waits
// matched.
func (s *Session) Expect(want string) {
	s.t.Helper()
	s.waitFor(func(out string) int {
		if i := strings.Index(out, want); i >= 0 {
			return i + len(want)
		}
		return -1
	}, want)
}

// ExpectRegexp waits until the terminal shows a match of re after what
// earlier waits matched; what names it in the failure.
func (s *Session) ExpectRegexp(re *regexp.Regexp, what string) {
	s.t.Helper()
	s.waitFor(func(out string) int {
		if loc := re.FindStringIndex(out); loc != nil {
			return loc[1]
		}
		return -1
	}, what)
}

// waitFor waits until find, given what the terminal showed past the last
// match, returns where a match ends in it.
func (s *Session) waitFor(find func(string) int, what string) {
	s.t.Helper()
	deadline := time.After(s.timeout)
	for {
		s.mu.Lock()
		end := find(s.out.String()[s.seen:])
		if end >= 0 {
			s.seen += end
		}
		s.mu.Unlock()
		if end >= 0 {
			return
		}
		select {
		case <-s.more:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			s.t.Fatalf("timed out waiting for %q; terminal so far:\n%s", what, s.Output())
		}
	}
}

// Send types keys.
func (s *Session) Send(keys string) {
	s.t.Helper()
	if _, err := s.PTY.Write([]byte(keys)); err != nil {
		s.t.Fatalf("type %q: %v", keys, err)
	}
}

// Wait waits for the process to end and returns its exit status.
func (s *Session) Wait() int {
	s.t.Helper()
	select {
	case err := <-s.done:
		time.Sleep(100 * time.Millisecond) // let the reader drain the terminal
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			s.t.Fatalf("%s: %v", s.Cmd.Path, err)
		}
		return 0
	case <-time.After(s.timeout):
		s.t.Fatalf("%s did not end; terminal so far:\n%s", s.Cmd.Path, s.Output())
		return -1
	}
}

// Output is everything the terminal showed.
func (s *Session) Output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}
