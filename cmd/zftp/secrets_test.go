//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// The password must not appear in any output channel of a session:
// stdout (the transcript), stderr (the -d trace, warnings, errors), the
// history file, nor the process's arguments or environment.

// assertNoSecret fails when any of the named texts holds the secret, or
// its hexadecimal or reversed form (a careless "%x" or a byte dump).
func assertNoSecret(t *testing.T, secret string, channels map[string]string) {
	t.Helper()
	forms := []string{secret, strings.ToUpper(secret), reverse(secret)}
	for name, text := range channels {
		for _, f := range forms {
			if strings.Contains(text, f) {
				i := strings.Index(text, f)
				t.Errorf("%s holds the password near %q", name, text[max(0, i-60):min(len(text), i+len(f)+20)])
			}
		}
	}
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// TestSecretsBatchSession runs a full batch session with the -d trace:
// login from the input lines, PUT, GET, DIR, LS, a failed GET, a wrong
// password and a USER subcommand with the password on the line, then
// greps stdout and stderr.
func TestSecretsBatchSession(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	tmp := t.TempDir()
	writeLocal(t, tmp, "data.bin", payload)
	input := srv.User + "\n" + srv.Password + "\n" +
		"binary\nput $TMP/data.bin data.bin\nget data.bin $TMP/copy.bin\ndir\nls\n" +
		"get nosuch $TMP/x\n" +
		"debug\ndebug all\n" + // tracing toggled at run time too
		"user " + srv.User + " " + srv.Password + "\n" +
		"pass " + srv.Password + "\n" +
		"quote PASS " + srv.Password + "\n" +
		"close\nopen " + srv.Host + " " + strconv.Itoa(srv.Port) + "\n" + srv.User + "\n" + srv.Password + "\n" +
		"pwd\nquit\n"
	input = strings.ReplaceAll(input, "$TMP", tmp)
	out, errOut, _ := runFrontEnd(t, tmp, []string{"-v", "-d", "-w", "10", srv.Host, strconv.Itoa(srv.Port)}, input)
	if !strings.Contains(errOut, "sent: PASS (password not shown)") {
		t.Errorf("no -d trace on stderr:\n%s", clip(errOut))
	}
	if !bytes.Equal(readLocal(t, tmp, "copy.bin"), payload) {
		t.Error("GET: local copy differs")
	}
	if !strings.Contains(out, "EZA1701I >>> PASS") {
		t.Errorf("no >>> PASS line:\n%s", clip(out))
	}
	assertNoSecret(t, srv.Password, map[string]string{"stdout": out, "stderr (-d trace)": errOut})
	// the local files the session wrote besides the transfers
	filepath.WalkDir(tmp, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".bin") {
			b, _ := os.ReadFile(p)
			assertNoSecret(t, srv.Password, map[string]string{p: string(b)})
		}
		return nil
	})
}

// TestSecretsNetrcSession logs in from a netrc file with -d: the password
// is in no output.
func TestSecretsNetrcSession(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	tmp := t.TempDir()
	p := (&testServer{srv}).writeNetrc(t, tmp, 0o600)
	out, errOut, st := runFrontEnd(t, tmp, []string{"-v", "-d", "--netrc", p, srv.Host, strconv.Itoa(srv.Port)}, "pwd\nquit\n")
	if st != 0 || !strings.Contains(out, "230 ") {
		t.Fatalf("netrc login failed (%d):\n%s\n%s", st, out, errOut)
	}
	assertNoSecret(t, srv.Password, map[string]string{"stdout": out, "stderr (-d trace)": errOut})
}

// TestSecretsNoPasswordFlag checks that no command-line option takes a
// password: it can come only from stdin, the terminal or netrc, so it
// never shows in ps.
func TestSecretsNoPasswordFlag(t *testing.T) {
	_, fs, err := parseFlags(nil, new(bytes.Buffer))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"password", "pass", "passwd", "pw"} {
		if fs.Lookup(name) != nil {
			t.Errorf("option --%s exists: a password on the command line shows in ps", name)
		}
	}
	if fs.ShorthandLookup("p") != nil && strings.Contains(strings.ToLower(fs.ShorthandLookup("p").Usage), "password") {
		t.Error("-p takes a password")
	}
}

// TestPTYSecrets runs the binary on a terminal with -d: it logs in at the
// prompts, PUTs, GETs, lists, logs in again with the USER subcommand, and
// quits. (A password typed on a USER line is echoed as the user types it,
// like any key; the batch test covers such lines.) While it runs, its /proc cmdline and environ
// must not hold the password; afterwards the terminal output (transcript
// and trace) and the history file must not either.
func TestPTYSecrets(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "up.txt"), []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startPTY(t, home, "-v", "-d", srv.Host, strconv.Itoa(srv.Port))
	s.Expect("EZA1459I NAME (")
	s.Send(srv.User + "\r")
	s.Expect("EZA1789I PASSWORD:")
	s.Send(srv.Password + "\r")
	s.Expect("230 ")
	step := func(line, want string) {
		s.Expect("EZA1460I Command:")
		s.Send(line + "\r")
		s.Expect(want)
	}
	step("put up.txt up.txt", "250 ")
	step("get up.txt down.txt", "250 ")
	step("dir", "250 ")
	step("user "+srv.User, "EZA1789I PASSWORD:")
	s.Send(srv.Password + "\r") // at the prompt, not echoed
	s.Expect("230 ")
	proc := map[string]string{}
	for _, f := range []string{"cmdline", "environ"} {
		b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(s.Cmd.Process.Pid), f))
		if err != nil {
			t.Logf("no /proc: %v", err)
			continue
		}
		proc["/proc/PID/"+f] = string(b)
	}
	step("pwd", "257 ")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d", st)
	}
	time.Sleep(50 * time.Millisecond)
	channels := map[string]string{"terminal (stdout, stderr, -d trace)": s.Output()}
	for k, v := range proc {
		channels[k] = v
	}
	hist := readHistory(t, home)
	channels["history file"] = hist
	if !strings.Contains(hist, "put up.txt up.txt") {
		t.Errorf("history file lacks the session's lines: %q", hist)
	}
	if !strings.Contains(s.Output(), "ZFT trace:") {
		t.Errorf("no -d trace on the terminal")
	}
	assertNoSecret(t, srv.Password, channels)
}

// TestSecretsBatchLoginReplies: a batch job's password record is never
// echoed, run as a subcommand or sent as another command, whatever the
// server answers to USER (issue 14 item 5). The record after the user ID
// is the password record and is consumed without echo; on 332 the account
// record is sent as ACCT and shown, as IBM shows it (IP User's Guide
// "ACCt subcommand": only the password is hidden). Each row runs with -v -d, with
// and without -e, and greps stdout and stderr.
func TestSecretsBatchLoginReplies(t *testing.T) {
	const secret, account = "S3cr3tPW", "Acc0untX"
	for _, tt := range []struct {
		user    string // the reply to USER
		account bool   // the job holds an account record after the password
		rc      string // EZA1735I of the -e run; "" = success
	}{
		// the injected 230 does not log the server's session in: the PWD
		// after it is refused (530)
		{user: "230 logged in without a password", rc: "28530, Error Code = 00002"},
		{user: "421 Service not available, closing control connection", rc: "10421, Error Code = 000(08|10|11)"},
		{user: "500 USER not understood", rc: "10500, Error Code = 00011"},
		{user: "530 Not logged in", rc: "10530, Error Code = 00011"},
		{user: "550 No such user", rc: "10550, Error Code = 00011"},
		// the account record is sent (ACCT, shown); ftpd, which did not
		// ask for it, refuses it
		{user: "332 Need account for login", account: true, rc: "10530, Error Code = 00011"},
	} {
		t.Run(tt.user[:3], func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{ReplyCodeFor: map[string]string{"USER": tt.user}}))
			for _, exitOnError := range []bool{true, false} {
				tmp := t.TempDir()
				input := srv.User + "\n" + secret + "\n"
				if tt.account {
					input += account + "\n"
				}
				input += "pwd\nquit\n"
				args := []string{"-v", "-d", "-w", "5"}
				if exitOnError {
					args = append(args, "-e")
				}
				args = append(args, srv.Host, strconv.Itoa(srv.Port))
				out, errOut, status := runFrontEnd(t, tmp, args, input)
				if testing.Verbose() {
					t.Logf("-e=%v status %d\n%s\nstderr:\n%s", exitOnError, status, out, errOut)
				}
				assertNoSecret(t, secret, map[string]string{"stdout": out, "stderr (-d trace)": errOut})
				if strings.Contains(out, "Unknown subcommand") || strings.Contains(out, "EZA1736I "+secret[:3]) {
					t.Errorf("the password record ran as a subcommand:\n%s", clip(out))
				}
				if tt.account && !strings.Contains(out, "EZA1701I >>> ACCT "+account+"\n") {
					t.Errorf("no >>> ACCT line with the account:\n%s", clip(out))
				}
				if exitOnError {
					checkReturnCode(t, tt.rc, out, status)
				} else if status != 0 {
					t.Errorf("status %d without -e, want 0:\n%s", status, clip(out))
				}
			}
		})
	}
}

// TestSecretsQuotePassAcctTrace: quote sends PASS and ACCT with any case
// and spacing (a tab included); neither the -d trace nor the transcript
// shows PASS's argument. ACCT's is shown, as IBM shows it (only the
// password is hidden: IP User's Guide "ACCt subcommand").
func TestSecretsQuotePassAcctTrace(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	tmp := t.TempDir()
	const pw, acct = "Tab5ecretPW", "acctSecretX"
	input := srv.User + "\n" + srv.Password + "\n" +
		"quote PASS\t" + pw + "\n" +
		"quote  pass   " + pw + "\n" +
		"quote acct " + acct + "\n" +
		"quote ACCT\t" + acct + "\n" +
		"account " + acct + "\n" +
		"quit\n"
	out, errOut, _ := runFrontEnd(t, tmp, []string{"-v", "-d", srv.Host, strconv.Itoa(srv.Port)}, input)
	if !strings.Contains(errOut, "sent: ACCT "+acct) || !strings.Contains(errOut, "sent: PASS (password not shown)") {
		t.Errorf("no masked PASS, or no ACCT with its account, in the -d trace:\n%s", clip(errOut))
	}
	// The echo of the quote lines (EZA1736I) is the job's own input, and
	// a server may repeat an unknown command in its reply ("500 'PASS<TAB>pw'
	// not understood"); the client's own lines (the commands sent,
	// messages) and the trace must not show the secrets.
	var own []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "EZA1701I ") || strings.HasPrefix(l, "ZFT") {
			own = append(own, l)
		}
	}
	if !strings.Contains(out, "EZA1701I >>> PASS\n") || !strings.Contains(out, "EZA1701I >>> ACCT "+acct+"\n") {
		t.Errorf("no masked >>> PASS line, or no >>> ACCT line with the account:\n%s", clip(out))
	}
	assertNoSecret(t, pw, map[string]string{"stdout (the client's own lines)": strings.Join(own, "\n"), "stderr (-d trace)": errOut})
}
