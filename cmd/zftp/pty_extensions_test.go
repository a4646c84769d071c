//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zftp/zftp/client/ftptest"
)

// screenLines returns what the terminal showed as lines, escape
// sequences removed.
func screenLines(out string) []string {
	return strings.FieldsFunc(csi.ReplaceAllString(out, ""), func(r rune) bool { return r == '\r' || r == '\n' })
}

// goErrorText matches Go's and the system calls' words before a path.
var goErrorText = regexp.MustCompile(`(^|: )(statat|openat|mkdirat|unlinkat|lstat|stat|open|mkdir|chdir) [^ ]+: (no such file or directory|permission denied|not a directory)`)

// TestPTYExtensionsAndRoughEdges: at 80x24 and at 40x12, HELP lists
// zftp's extensions in their own group, every line of it shorter than the
// terminal and broken at blanks; Tab completes REGET's remote and REPUT's
// local names, a remote name with a blank inside double quotes, and a
// command after "!"; REGET of a partial file in TYPE A names binary;
// "lcd -" with no previous directory and lcd to a missing one are said in
// words; OPEN host:port gets the exact fix (issue 23 items 8 and 10,
// issue 21).
func TestPTYExtensionsAndRoughEdges(t *testing.T) {
	if _, err := exec.LookPath("echo"); err != nil {
		t.Skip("no echo in PATH")
	}
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	srv.WriteFile(t, "big.iso", []byte(strings.Repeat("x", 1000)))
	srv.WriteFile(t, "my file.txt", []byte("hello\n"))
	for _, sz := range ptySizes {
		t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
			home := t.TempDir()
			os.WriteFile(filepath.Join(home, "part.iso"), []byte("xx"), 0o644)
			os.WriteFile(filepath.Join(home, "big.iso"), []byte("xxxx"), 0o644)
			s := startPTYSize(t, home, sz.rows, sz.cols, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
			s.login(srv)
			s.Send("help\r")
			s.Expect("zftp extensions")
			s.Expect("REPUt")
			s.Expect("Command:")
			helpEnd := len(s.Output())

			s.Send("reget bi\t")
			s.Expect("reget big.iso")
			s.Send("\x15reput pa\t")
			s.Expect("reput part.iso")
			s.Send("\x15get \"my\t")
			s.Expect(`get "my file.txt"`)
			s.Send("\x15!ech\t")
			s.Expect("!echo")
			s.Send("\x15ascii\r")
			s.Expect("Command:")
			s.Send("reget big.iso\r")
			s.Expect("needs TYPE I: type binary")
			s.Expect("Command:")
			s.Send("lcd -\r")
			s.Expect("no previous local directory")
			s.Expect("Command:")
			s.Send("lcd nowhere\r")
			s.Expect("no such local directory")
			s.Expect("Command:")
			s.Send("close\r")
			s.Expect("Command:")
			s.Send("open " + srv.Host + ":2121\r")
			s.Expect("give the port as a second argument (open " + srv.Host + " 2121)")
			s.Expect("Command:")
			s.Send("quit\r")
			s.Wait()
			out := s.Output()

			help := out[strings.Index(out, "help\r"):helpEnd]
			for _, l := range screenLines(help) {
				if n := utf8.RuneCountInString(l); n >= int(sz.cols) {
					t.Errorf("a help line of %d columns at %d: %q", n, sz.cols, l)
				}
			}
			if z, e := strings.Index(help, "Subcommands"), strings.Index(help, "zftp extensions"); z < 0 || e < z || !strings.Contains(help[e:], "MIRror") {
				t.Errorf("no extensions group after the z/OS list:\n%s", help)
			}
			if m := goErrorText.FindString(out); m != "" {
				t.Errorf("Go error text %q reached the terminal", m)
			}
			if strings.Contains(out, "--passive") || strings.Contains(out, "Connecting to: "+srv.Host+":2121") {
				t.Errorf("open host:port was looked up, or hinted at --passive:\n%s", out)
			}
			if got, _ := os.ReadFile(filepath.Join(home, "big.iso")); string(got) != "xxxx" {
				t.Errorf("REGET in TYPE A changed the partial file: %q", got)
			}
		})
	}
}

// TestPTYCompletionZeroWindow: a terminal that reports a 0x0 window (some
// ptys, serial consoles) still lists Tab's candidates, laid out for 80
// columns (issue 23 item 10).
func TestPTYCompletionZeroWindow(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	srv.WriteFile(t, "alpha.bin", []byte("a"))
	srv.WriteFile(t, "alpine.txt", []byte("b"))
	home := t.TempDir()
	s := startPTYSize(t, home, 0, 0, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.Send("get al\t\t")
	s.Expect("alpha.bin")
	s.Expect("alpine.txt")
	s.Send("\x15\x15quit\r")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
}
