//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestPTYOtherClientsHabits: at an 80x24 and a 40x12 terminal, what lftp and tnftp
// users type is understood or refused clearly: get -c continues a partial
// file (REST, never RETR -c), get name & is refused (no file named &), an
// unknown -x is refused, and did-you-mean names quit for bye, rename for
// mv (which stays ambiguous, as z/OS says), quote SIZE for size.
func TestPTYOtherClientsHabits(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	data := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	srv.WriteFile(t, "f.bin", data)
	for _, sz := range ptySizes {
		t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
			home := t.TempDir()
			if err := os.WriteFile(filepath.Join(home, "f.bin"), data[:1000], 0o644); err != nil {
				t.Fatal(err)
			}
			s := startPTYSize(t, home, sz.rows, sz.cols, []string{"NO_COLOR=1"}, srv.Host, strconv.Itoa(srv.Port))
			s.login(srv)
			for _, step := range []struct{ typed, want string }{
				{"binary", "200 "},
				{"get f.bin &", "a trailing & (run in the background) is not supported"},
				{"get -x f.bin", "-x is not an option of GET"},
				{"get -c f.bin", ">>>REST 1000"},
				{"bye", "Hint: did you mean quit?"},
				{"mv a b", "Hint: did you mean rename?"},
				{"size f.bin", "Hint: did you mean quote SIZE name?"},
			} {
				s.Send(step.typed + "\r")
				s.Expect(step.want)
				s.Expect("Command:")
			}
			s.Send("quit\r")
			if st := s.Wait(); st != 0 {
				t.Errorf("exit status %d, want 0", st)
			}
			out := s.Output()
			if strings.Contains(out, "RETR -c") || strings.Contains(out, "RETR -x") {
				t.Errorf("an option was sent as a name:\n%s", out)
			}
			if _, err := os.Lstat(filepath.Join(home, "&")); err == nil {
				t.Error("a local file named & was written")
			}
			if got, err := os.ReadFile(filepath.Join(home, "f.bin")); err != nil || !bytes.Equal(got, data) {
				t.Errorf("f.bin after get -c: %d bytes (%v), want %d", len(got), err, len(data))
			}
			if !strings.Contains(out, "Ambiguous subcommand mv: it could be mvsget, mvsput.") {
				t.Errorf("mv is no longer reported as z/OS's ambiguous abbreviation:\n%s", out)
			}
		})
	}
}
