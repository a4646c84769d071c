package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// hostile is server text that would drive a terminal if printed as it
// is: ESC (a CSI that clears the screen), a raw 0x9B byte (8-bit CSI),
// U+009B (CSI in UTF-8) and U+009D (OSC: an OSC 52 clipboard write).
const hostile = "A\x1b[2JB\x9b31mC\u009b2JD\u009d52;c;cHduZWQ=\aE"

// terminalControls are the byte sequences none of which may reach stdout
// or stderr: ESC, BEL, raw 0x9B and 0x9D, and U+009B, U+009D in UTF-8.
var terminalControls = []string{"\x1b", "\a", "\xc2\x9b", "\xc2\x9d", "\x9b", "\x9d"}

// assertNoControls fails when text holds a terminal control sequence.
func assertNoControls(t *testing.T, name, text string) {
	t.Helper()
	for _, c := range terminalControls {
		if i := strings.Index(text, c); i >= 0 {
			t.Errorf("%s holds %q unescaped near %q", name, c, text[max(0, i-60):min(len(text), i+20)])
		}
	}
}

// TestHostileServerText: every byte that came from a server and reaches
// stdout or stderr goes through transcript.Escape (issue 14 item 6): a
// reply, a listing, the AUTH refusal (the ALLOWED warning and the
// REQUIRED error), MDELETE's ">>> DELE name" lines, a reply quoted in an
// error message, and the -d trace of all of them.
func TestHostileServerText(t *testing.T) {
	for _, tt := range []struct {
		name   string
		faults ftpd.Faults
		args   []string
		cmd    string
		want   string // an escaped form the transcript must hold
	}{
		{
			name:   "reply",
			faults: ftpd.Faults{RawReplyFor: map[string]string{"PWD": "257-" + hostile + "\r\n257 \"/\" " + hostile + "\r\n"}},
			cmd:    "pwd",
			want:   `A^[[2JB\x9b31mC\u009b2JD\u009d52;c;cHduZWQ=^GE`,
		},
		{
			name:   "error_text",
			faults: ftpd.Faults{ReplyCodeFor: map[string]string{"CWD": "550 " + hostile}},
			cmd:    "cd x\nmkdir y",
			want:   `\u009b2J`,
		},
		{
			name:   "auth_allowed_warning",
			faults: ftpd.Faults{ReplyCodeFor: map[string]string{"AUTH": "534 " + hostile}},
			args:   []string{"-a", "TLS"},
			cmd:    "pwd",
			want:   `^[[2J`,
		},
		{
			name:   "auth_required_error",
			faults: ftpd.Faults{ReplyCodeFor: map[string]string{"AUTH": "534 " + hostile}},
			args:   []string{"-r", "TLS"},
			cmd:    "pwd",
			want:   `\x9b31m`,
		},
		{
			name:   "mdelete_names",
			faults: ftpd.Faults{NameList: []string{"m" + hostile, "ok.txt"}},
			cmd:    "mdelete *\nls\ndir",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(tt.faults))
			srv.WriteFile(t, "ok.txt", []byte("fine\n"))
			tmp := t.TempDir()
			args := append([]string{"-v", "-d", "-w", "5"}, tt.args...)
			args = append(args, srv.Host, strconv.Itoa(srv.Port))
			input := srv.User + "\n" + srv.Password + "\n" + tt.cmd + "\nquit\n"
			out, errOut, _ := runFrontEnd(t, tmp, args, input)
			if testing.Verbose() {
				t.Logf("stdout:\n%s\nstderr:\n%s", out, errOut)
			}
			assertNoControls(t, "stdout", out)
			assertNoControls(t, "stderr", errOut)
			if tt.want != "" && !strings.Contains(out, tt.want) {
				t.Errorf("stdout lacks the escaped text %q:\n%s", tt.want, clip(out))
			}
		})
	}
}
