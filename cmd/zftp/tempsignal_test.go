//go:build linux

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchSignalRemovesTempFile: a signal that ends a batch run during a
// GET (SIGINT, SIGTERM, SIGHUP, SIGQUIT) removes the download's temporary
// file first (issue 14 item 7): no ".zftp-" file is left, and the status
// is 128 + the signal number (SIGQUIT: Go's dump, status 2). SIGPIPE ends
// a run only through its transcript (TestBatchBrokenStdout).
func TestBatchSignalRemovesTempFile(t *testing.T) {
	bin := buildZftp(t)
	srv := slowServer(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin, "-v", srv.Host, strconv.Itoa(srv.Port))
			cmd.Dir = dir
			cmd.Env = append(cmd.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var out syncBuffer
			cmd.Stdout, cmd.Stderr = &out, io.Discard
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			io.WriteString(stdin, srv.User+"\n"+srv.Password+"\nbinary\nget f.bin\n")
			deadline := time.Now().Add(10 * time.Second)
			for len(tempFiles(t, dir)) == 0 && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if len(tempFiles(t, dir)) == 0 {
				t.Fatalf("no temporary file appeared:\n%s", out.String())
			}
			err = signalAndWait(t, cmd, sig, 10*time.Second)
			want := 128 + int(sig)
			if sig == syscall.SIGQUIT {
				want = 2 // raised again: Go's goroutine dump and status 2
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != want {
				t.Errorf("exit %v, want status %d", err, want)
			}
			if left := tempFiles(t, dir); len(left) != 0 {
				t.Errorf("temporary files left: %q", left)
			}
			if _, err := os.Stat(filepath.Join(dir, "f.bin")); err == nil {
				t.Error("a partial f.bin was left under the target name")
			}
		})
	}
}

// tempFiles returns the names in dir that are zftp temporary files.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".zftp-") {
			names = append(names, e.Name())
		}
	}
	return names
}
