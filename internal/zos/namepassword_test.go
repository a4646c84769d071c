package zos

import (
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestNamePromptUserAndPassword: "userid password" typed at a terminal's
// NAME prompt logs in as a batch NAME record does: USER carries the user
// ID only, the password goes in PASS (shown as >>> PASS), and no PASSWORD
// prompt follows. One word is still the user ID alone.
func TestNamePromptUserAndPassword(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	for _, tt := range []struct {
		name, input string
	}{
		{"one line", srv.User + " " + srv.Password + "\npwd\nquit\n"},
		{"blanks around", "  " + srv.User + "   " + srv.Password + "\npwd\nquit\n"},
		{"tab between", srv.User + "\t" + srv.Password + "\npwd\nquit\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := interactive(t, srv, "TESTER", tt.input)
			if !strings.Contains(out, ">>> USER "+srv.User+"\n") || !strings.Contains(out, ">>> PASS\n") || !strings.Contains(out, "230 ") {
				t.Errorf("no USER %s, PASS and 230:\n%s", srv.User, out)
			}
			if strings.Contains(out, srv.Password) {
				t.Errorf("the password is in the transcript:\n%s", out)
			}
			if strings.Contains(out, "PASSWORD:") {
				t.Errorf("a PASSWORD prompt followed a NAME line that held the password:\n%s", out)
			}
		})
	}
	out, _ := interactive(t, srv, "TESTER", srv.User+"\n"+srv.Password+"\nquit\n")
	if !strings.Contains(out, ">>> USER "+srv.User+"\n") || !strings.Contains(out, "PASSWORD:") || !strings.Contains(out, "230 ") {
		t.Errorf("a user ID alone at NAME: want USER, the PASSWORD prompt, 230:\n%s", out)
	}
}
