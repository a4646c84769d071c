//go:build unix

package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestPTYNameWithPassword: at an 80x24 and a 40x12 terminal, "userid password" typed
// at the NAME prompt logs in as a batch NAME record does: USER carries the
// user ID only, the password is sent in PASS (>>> PASS, no PASSWORD
// prompt), no >>> line shows it, and the history file holds neither.
func TestPTYNameWithPassword(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	for _, sz := range ptySizes {
		t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
			home := t.TempDir()
			s := startPTYSize(t, home, sz.rows, sz.cols, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
			s.Expect("EZA1459I NAME (" + srv.Host + ":")
			s.Send(srv.User + " " + srv.Password + "\r")
			s.Expect("EZA1701I >>> USER " + srv.User + "\r\n")
			s.Expect("EZA1701I >>> PASS\r\n")
			s.Expect("230 ")
			s.Expect("EZA1460I Command:")
			s.Send("pwd\r")
			s.Expect("257 ")
			s.Expect("EZA1460I Command:")
			s.Send("quit\r")
			if st := s.Wait(); st != 0 {
				t.Errorf("exit status %d, want 0", st)
			}
			out := s.Output()
			for _, line := range strings.Split(out, "\n") {
				if strings.Contains(line, ">>>") && strings.Contains(line, srv.Password) {
					t.Errorf("a >>> line shows the password: %q", line)
				}
			}
			if strings.Contains(out, "PASSWORD:") {
				t.Errorf("PASSWORD: asked although the NAME line held the password:\n%s", out)
			}
			if hist := readHistory(t, home); hist != "pwd\nquit\n" {
				t.Errorf("history file %q, want %q", hist, "pwd\nquit\n")
			}
		})
	}
}
