//go:build linux

package interop

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestTranscriptShapeVsftpdAndZftpd runs one batch script with the zftp
// binary against vsftpd and against zftpd: server replies differ, but the
// EZA lines the client writes, and their order, must not.
func TestTranscriptShapeVsftpdAndZftpd(t *testing.T) {
	bin := buildZftp(t)
	local := filepath.Join(t.TempDir(), "up.txt")
	if err := os.WriteFile(local, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	back := filepath.Join(t.TempDir(), "back.txt")
	script := func(user, pw string) string {
		return strings.Join([]string{user, pw, "pwd", "mkdir shape", "cd shape", "binary",
			"put " + local + " up.txt", "get up.txt " + back + " (replace", "ls", "get nosuch.txt " + back + ".x",
			"delete up.txt", "cdup", "rmdir shape", "quit", ""}, "\n")
	}
	vs := StartVsftpd(t, Options{})
	zs := ftptest.NewServer(t)
	a := ezaShape(t, runBatch(t, bin, vs.Port, script(vs.User, vs.Password)))
	b := ezaShape(t, runBatch(t, bin, zs.Port, script(zs.User, zs.Password)))
	if a != b {
		t.Fatalf("EZA lines differ\nvsftpd:\n%s\nzftpd:\n%s", a, b)
	}
	if !strings.Contains(a, "EZA1617I 8 bytes\n") {
		t.Fatalf("no byte count line:\n%s", a)
	}
}

func runBatch(t *testing.T, bin string, port int, script string) string {
	t.Helper()
	cmd := exec.Command(bin, "-v", Host, strconv.Itoa(port))
	cmd.Stdin = strings.NewReader(script)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("zftp: %v\n%s", err, out.String())
	}
	return out.String()
}

var (
	shapeNumbers = regexp.MustCompile(`[0-9]+(\.[0-9]+)?`)
	shapeKeep    = regexp.MustCompile(`^EZA1617I ([0-9]+) bytes`)
)

// ezaShape keeps the client's EZA lines: a run of listing lines
// (EZA2284I) as one line, byte counts exactly, the user name and other
// numbers (ports, times, rates) normalised.
func ezaShape(t *testing.T, transcript string) string {
	t.Helper()
	var b strings.Builder
	last := ""
	for _, l := range strings.Split(transcript, "\n") {
		switch {
		case !strings.HasPrefix(l, "EZA"):
			continue
		case strings.HasPrefix(l, "EZA2284I"):
			if last == "EZA2284I" {
				continue
			}
			l = "EZA2284I"
		case strings.HasPrefix(l, "EZA1701I >>> USER "):
			l = "EZA1701I >>> USER name"
		case strings.HasPrefix(l, "EZA1459I"):
			l = "EZA1459I NAME"
		case shapeKeep.MatchString(l):
			l = fmt.Sprintf("EZA1617I %s bytes", shapeKeep.FindStringSubmatch(l)[1])
		case len(l) > 9:
			l = l[:9] + shapeNumbers.ReplaceAllString(l[9:], "N")
		}
		last = l
		b.WriteString(l + "\n")
	}
	return b.String()
}
