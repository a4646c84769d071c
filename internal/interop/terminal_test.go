//go:build linux

package interop

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/ptytest"
)

// termTimeout bounds every wait of a terminal session.
const termTimeout = 15 * time.Second

// termSession is the zftp binary on a pseudo-terminal of a given size, as
// a person at a terminal runs it against a real server (internal/ptytest).
type termSession struct {
	*ptytest.Session
	t *testing.T
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
	return &termSession{Session: ptytest.Start(t, cmd, rows, cols, termTimeout), t: t}
}

// login answers NAME and PASSWORD with the server's test user.
func (s *termSession) login(srv *Server) {
	s.t.Helper()
	s.Expect("NAME (")
	s.Send(srv.User + "\r")
	s.Expect("PASSWORD:")
	s.Send(srv.Password + "\r")
	s.Expect("230")
	s.Expect("Command:")
}
