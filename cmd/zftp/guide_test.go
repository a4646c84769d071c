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
	"time"
)

// guidePath is the user guide whose first session TestGuideFirstSession
// runs.
const guidePath = "../../docs/guide.md"

// TestGuideFirstSession runs the steps of the guide's "A first session"
// as a newcomer would: the zftpd command of its first block, then the
// zftp command of its second on an 80x24 terminal, typing what the guide
// shows after each NAME and Command: prompt (and the password the first
// block names at PASSWORD:). Every other line the guide shows must appear
// on the terminal, in order; only ports, PORT arguments and times may
// differ, and "..." stands for lines the guide leaves out. The fetched
// file must arrive.
func TestGuideFirstSession(t *testing.T) {
	server, session := firstSessionBlocks(t)
	if len(server) < 2 || len(session) < 2 {
		t.Fatalf("%s: the first session's blocks are too short:\n%q\n%q", guidePath, server, session)
	}

	// The first block: $ zftpd ... # ...user U, password P, and its listening line.
	cmdLine, comment, _ := strings.Cut(strings.TrimPrefix(server[0], "$ "), "#")
	words := strings.Fields(cmdLine)
	if len(words) == 0 || words[0] != "zftpd" {
		t.Fatalf("the first block does not start zftpd: %q", server[0])
	}
	pw := regexp.MustCompile(`password (\S+)`).FindStringSubmatch(comment)
	if pw == nil {
		t.Fatalf("the first block names no password: %q", server[0])
	}
	guidePort := regexp.MustCompile(`127\.0\.0\.1:(\d+)`).FindStringSubmatch(server[1])
	if guidePort == nil {
		t.Fatalf("the first block shows no listening address: %q", server[1])
	}
	dir := t.TempDir()
	portFile := filepath.Join(dir, "port")
	var serverErr syncBuffer
	zftpd := exec.Command(buildZftpd(t), append(words[1:], "--port-file", portFile)...)
	zftpd.Stderr = &serverErr
	if err := zftpd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { zftpd.Process.Kill(); zftpd.Wait() })
	port := waitPortFile(t, portFile, &serverErr)
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(serverErr.String(), "\n") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond) // the port file can come before the listening line
	}
	listening, _, _ := strings.Cut(server[1], "...")
	if want := strings.Replace(listening, guidePort[1], port, 1); !strings.HasPrefix(serverErr.String(), want) {
		t.Errorf("zftpd says %q, the guide %q", serverErr.String(), want)
	}

	// The second block: $ zftp ARGS, then the session.
	args := strings.Fields(strings.TrimPrefix(session[0], "$ "))
	if len(args) == 0 || args[0] != "zftp" {
		t.Fatalf("the second block does not start zftp: %q", session[0])
	}
	for i, a := range args {
		if a == guidePort[1] {
			args[i] = port
		}
	}
	for _, sz := range ptySizes { // the guide's session at 80x24 and 40x12
		t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
			home := t.TempDir()
			s := startPTYSize(t, home, sz.rows, sz.cols, []string{"NO_COLOR=1", "USER=you"}, args[1:]...)
			lines := session[1:]
			for i := 0; i < len(lines); i++ {
				line := lines[i]
				switch {
				case line == "...":
					continue
				case line == "PASSWORD:":
					s.expectLine(line)
					s.Send(pw[1] + "\r")
				case line == "Command:" || strings.HasPrefix(line, "NAME (") && strings.HasSuffix(line, "):"):
					s.expectLine(line)
					if i+1 < len(lines) {
						i++
						s.Send(lines[i] + "\r") // what the guide shows typed
					}
				default:
					s.expectLine(line)
				}
			}
			if st := s.Wait(); st != 0 {
				t.Errorf("exit status %d, want 0", st)
			}
			if b, err := os.ReadFile(filepath.Join(home, "hello.txt")); err != nil || !bytes.HasPrefix(b, []byte("Hello from zftpd.")) {
				t.Errorf("hello.txt: %q, %v", b, err)
			}
		})
	}
}

// firstSessionBlocks returns the first two fenced blocks of the guide's
// "A first session" section, line by line.
func firstSessionBlocks(t *testing.T) (server, session []string) {
	t.Helper()
	b, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "\n## A first session\n")
	if !ok {
		t.Fatalf("%s: no \"A first session\" section", guidePath)
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	var blocks [][]string
	for {
		_, rest, ok := strings.Cut(sec, "```\n")
		if !ok {
			break
		}
		body, after, ok := strings.Cut(rest, "```\n")
		if !ok {
			break
		}
		blocks = append(blocks, strings.Split(strings.TrimSuffix(body, "\n"), "\n"))
		sec = after
	}
	if len(blocks) < 2 {
		t.Fatalf("%s: \"A first session\" has %d code blocks, want 2", guidePath, len(blocks))
	}
	return blocks[0], blocks[1]
}

// guideVariable are the parts of a guide line that differ from run to
// run, and what matches them.
var guideVariable = []struct{ re, repl string }{
	{`port: \d+\.`, `port: \d+\.`},
	{`PORT 127,0,0,1,\d+,\d+`, `PORT 127,0,0,1,\d+,\d+`},
	{`in \d+\.\d+ seconds\. Transfer rate \d+\.\d+`, `in \d+\.\d+ seconds\. Transfer rate \d+\.\d+`},
}

// lineRegexp returns what matches a line the guide shows.
func lineRegexp(line string) *regexp.Regexp {
	var b strings.Builder
	for line != "" {
		first, at := -1, len(line)
		var loc []int
		for i, v := range guideVariable {
			if l := regexp.MustCompile(v.re).FindStringIndex(line); l != nil && l[0] < at {
				first, at, loc = i, l[0], l
			}
		}
		if first < 0 {
			b.WriteString(regexp.QuoteMeta(line))
			break
		}
		b.WriteString(regexp.QuoteMeta(line[:loc[0]]))
		b.WriteString(guideVariable[first].repl)
		line = line[loc[1]:]
	}
	return regexp.MustCompile(b.String())
}

// expectLine waits until the terminal shows the guide's line (as
// lineRegexp matches it) after what earlier expects matched.
func (s *ptySession) expectLine(line string) {
	s.t.Helper()
	s.ExpectRegexp(lineRegexp(line), "the guide's line "+line)
}

// buildZftpd builds the zftpd binary into a temporary directory.
func buildZftpd(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to build zftpd: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "zftpd")
	if out, err := exec.Command(goTool, "build", "-o", bin, "../zftpd").CombinedOutput(); err != nil {
		t.Fatalf("build zftpd: %v\n%s", err, out)
	}
	return bin
}

// waitPortFile waits for zftpd's port file and returns the port.
func waitPortFile(t *testing.T, path string, log *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(ptyTimeout)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(path); err == nil {
			if p := strings.TrimSpace(string(b)); p != "" {
				if _, err := strconv.Atoi(p); err == nil {
					return p
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("zftpd wrote no port file; it said:\n%s", log.String())
	return ""
}
