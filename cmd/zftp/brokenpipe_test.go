//go:build linux

package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// TestBatchBrokenStdout: a batch run whose transcript can no longer be
// written (stdout is a pipe whose reader is gone) ends as SIGPIPE would
// end it, with status 141, and leaves no temporary file and no partial
// download: at the first write when the reader is gone from the start, and
// at the next write when it goes during a GET.
func TestBatchBrokenStdout(t *testing.T) {
	bin := buildZftp(t)
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{DataDelay: 5 * time.Millisecond}))
	payload := bytes.Repeat([]byte("z"), 1<<20)
	srv.WriteFile(t, "f.bin", payload)
	for _, midway := range []bool{false, true} {
		t.Run(map[bool]string{false: "from_the_start", true: "during_get"}[midway], func(t *testing.T) {
			dir := t.TempDir()
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "-v", srv.Host, strconv.Itoa(srv.Port))
			cmd.Dir = dir
			cmd.Env = append(cmd.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
			cmd.Stdin = strings.NewReader(srv.User + "\n" + srv.Password + "\nbinary\nget f.bin\npwd\nquit\n")
			cmd.Stdout = w
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			w.Close()
			if midway {
				go io.Copy(io.Discard, r)
				deadline := time.Now().Add(10 * time.Second)
				for len(tempFiles(t, dir)) == 0 && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
				if len(tempFiles(t, dir)) == 0 {
					t.Fatal("no temporary file appeared")
				}
			}
			r.Close()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatal("zftp did not end with its stdout gone")
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 141 {
				t.Fatalf("exit %v, want status 141", err)
			}
			if left := tempFiles(t, dir); len(left) != 0 {
				t.Errorf("temporary files left: %q", left)
			}
			if b, err := os.ReadFile(filepath.Join(dir, "f.bin")); err == nil && !bytes.Equal(b, payload) {
				t.Errorf("a partial f.bin (%d bytes) was left", len(b))
			}
		})
	}
}
