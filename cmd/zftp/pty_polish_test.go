//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// The interactive polish on a pseudo-terminal: the progress line, colour
// per NO_COLOR, Tab completion; and the same session with stdin piped,
// which must show none of it.

// polishServer is a server with a file big enough for a progress line and
// names to complete.
func polishServer(t *testing.T) *ftptest.Server {
	t.Helper()
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	srv.WriteFile(t, "bigfile.bin", bytes.Repeat([]byte("0123456789abcdef"), 1<<19)) // 8 MiB
	srv.WriteFile(t, "report-2026.txt", []byte("hello\n"))
	return srv
}

// login answers the NAME and PASSWORD prompts.
func (s *ptySession) login(srv *ftptest.Server) {
	s.t.Helper()
	s.Expect("NAME (" + srv.Host + ":")
	s.Send(srv.User + "\r")
	s.Expect("PASSWORD:")
	s.Send(srv.Password + "\r")
	s.Expect("230 ")
	s.Expect("Command:")
}

// sgr matches an ANSI colour (Select Graphic Rendition) sequence.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// clearLine is what the progress line is cleared with.
const clearLine = "\x1b[2K\r"

// TestPTYProgressLine: GET and PUT of 8 MiB draw a progress line (name,
// percent, bytes) that is cleared before the server's final reply, and
// the EZA1617I line is as it is without a terminal. The SIZE asked for the
// percentage is not in the transcript.
func TestPTYProgressLine(t *testing.T) {
	srv := polishServer(t)
	home := t.TempDir()
	s := startPTYEnv(t, home, nil, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.Send("binary\r")
	s.Expect("EZA1460I Command:")
	s.Send("get bigfile.bin\r")
	s.Expect("EZA1701I >>> RETR bigfile.bin")
	s.Expect("EZA1617I 8388608 bytes transferred in ")
	s.Expect("EZA1460I Command:")
	s.Send("put bigfile.bin copy.bin\r")
	s.Expect("EZA1701I >>> STOR copy.bin")
	s.Expect("EZA1617I 8388608 bytes transferred in ")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	out := s.Output()
	for _, verb := range []string{"RETR bigfile.bin", "STOR copy.bin"} {
		i := strings.Index(out, ">>> "+verb)
		j := strings.Index(out[i:], "EZA1617I")
		seg := out[i : i+j]
		bar := strings.Index(seg, "bigfile.bin")
		if verb != "RETR bigfile.bin" {
			bar = strings.Index(seg, "copy.bin")
		}
		// On loopback 8 MiB move faster than the line is redrawn (every
		// 100ms): what is sure to be seen is the line drawn at the start,
		// with the percentage the size (SIZE, or the local file's) gives.
		if bar < 0 || !strings.Contains(seg[bar:], " 0% |") {
			t.Errorf("%s: no progress line with name and percentage:\n%q", verb, seg)
			continue
		}
		// the line is cleared before the server's completion reply
		cl := strings.LastIndex(seg, clearLine)
		if cl < bar || !strings.HasPrefix(seg[cl+len(clearLine):], "250 ") {
			t.Errorf("%s: progress line not cleared before the final reply:\n%q", verb, seg)
		}
	}
	// The size check (VERIFYSIZE TRUE) sends one SIZE, in the transcript;
	// the progress line takes its size from it instead of a SIZE of its own.
	if n := strings.Count(out, ">>> SIZE"); n != 1 {
		t.Errorf("%d SIZE commands in the transcript, want 1 (the size check's):\n%s", n, out)
	}
	if got := srv.ReadFile(t, "copy.bin"); len(got) != 8<<20 {
		t.Errorf("copy.bin has %d bytes", len(got))
	}
}

// TestPTYColour: errors are red on a terminal, and NO_COLOR (or
// --color=never) turns every colour off; --color=always wins over NO_COLOR.
func TestPTYColour(t *testing.T) {
	for _, tt := range []struct {
		name   string
		env    []string
		args   []string
		colour bool
	}{
		{"auto", nil, nil, true},
		{"NO_COLOR", []string{"NO_COLOR=1"}, nil, false},
		{"never", nil, []string{"--color=never"}, false},
		{"always over NO_COLOR", []string{"NO_COLOR=1"}, []string{"--color=always"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			s := startPTYEnv(t, home, tt.env, append(tt.args, "-n")...)
			s.Expect("Command:")
			s.Send("bogus\r")
			s.Expect("Unknown subcommand bogus.")
			s.Expect("Command:")
			s.Send("lcd\r")
			s.Expect("Usage: lcd")
			s.Expect("Hint: help lcd shows the syntax and an example.")
			s.Expect("Command:")
			s.Send("quit\r")
			if st := s.Wait(); st != 0 {
				t.Errorf("exit status %d, want 0", st)
			}
			out := s.Output()
			red := regexp.MustCompile("\x1b\\[31;1m[^\x1b]*Unknown subcommand bogus")
			if tt.colour {
				if !red.MatchString(out) {
					t.Errorf("no red error line:\n%q", out)
				}
				if !strings.Contains(out, "\x1b[36;1mCommand:") {
					t.Errorf("no coloured prompt:\n%q", out)
				}
			} else if m := sgr.FindString(out); m != "" {
				t.Errorf("colour %q with colour off:\n%q", m, out)
			}
		})
	}
}

// TestPTYCompletion: Tab completes a subcommand name, a remote name (from
// an NLST that stays out of the transcript) and a local directory.
func TestPTYCompletion(t *testing.T) {
	srv := polishServer(t)
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "subdir-x"), 0o755); err != nil {
		t.Fatal(err)
	}
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.Send("pw\t")
	s.Expect("pwd ")
	s.Send("\r")
	s.Expect("257 ")
	s.Expect("EZA1460I Command:")
	s.Send("get rep\t")
	s.Expect("report-2026.txt ")
	s.Send("\r")
	s.Expect("EZA1701I >>> RETR report-2026.txt")
	s.Expect("EZA1617I ")
	s.Expect("EZA1460I Command:")
	s.Send("lcd subd\t")
	s.Expect("subdir-x/")
	s.Send("\r")
	s.Expect("subdir-x")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	out := s.Output()
	if strings.Contains(out, "NLST") {
		t.Errorf("the completion's NLST reached the transcript:\n%s", out)
	}
	if b, err := os.ReadFile(filepath.Join(home, "report-2026.txt")); err != nil || string(b) != "hello\n" {
		t.Errorf("report-2026.txt: %q, %v", b, err)
	}
}

// TestPipedNoPolish: the same subcommands with stdin piped (a batch job)
// show no escape sequence, no progress line and no completion, even with
// --color=always, and the transfers' EZA1617I lines are there.
func TestPipedNoPolish(t *testing.T) {
	srv := polishServer(t)
	home := t.TempDir()
	cmd := exec.Command(buildZftp(t), "--color=always", srv.Host, strconv.Itoa(srv.Port))
	cmd.Env = []string{
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"NETRC=" + filepath.Join(home, "no-netrc"),
		"TERM=xterm",
		"PATH=" + os.Getenv("PATH"),
		"LANG=C",
	}
	cmd.Dir = home
	cmd.Stdin = strings.NewReader(srv.User + "\n" + srv.Password + "\n" +
		"binary\nget bigfile.bin\nput bigfile.bin copy.bin\npw\t\nbogus\nlcd\nquit\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("zftp: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	out := stdout.String() + stderr.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape sequence in batch output:\n%q", out)
	}
	if strings.Contains(out, "%") || strings.Contains(out, "MB/s") || strings.Contains(out, "Hint:") {
		t.Errorf("progress line or hint in batch output:\n%s", out)
	}
	// One SIZE is the size check's (VERIFYSIZE TRUE), none the polish's.
	if strings.Count(out, ">>>SIZE") != 1 || strings.Contains(out, "NLST") { // no IDs: >>>SIZE, as IBM's >>>PWD
		t.Errorf("SIZE other than the size check's, or NLST, sent in batch mode:\n%s", out)
	}
	if n := strings.Count(stdout.String(), "8388608 bytes transferred in "); n != 2 {
		t.Errorf("%d EZA1617I lines for 8 MiB, want 2:\n%s", n, out)
	}
	if !strings.Contains(stdout.String(), "\npw\t\n") || strings.Contains(stdout.String(), "pwd ") {
		t.Errorf("the tab was completed in batch mode:\n%q", out)
	}
}
