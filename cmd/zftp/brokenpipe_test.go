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

// TestBatchUploadRefusedMidwayNoSIGPIPE: a server that refuses an upload
// part-way (closes or resets the data connection, then 426 or 451) or
// drops the control connection makes the client's next write on that
// socket fail with EPIPE, which the kernel signals with SIGPIPE. A batch
// job must not die of it (status 141, the reply never shown, the rest of
// the job not run): the reply is shown and the job goes on by the
// return-code rules (issue 25 item 6).
func TestBatchUploadRefusedMidwayNoSIGPIPE(t *testing.T) {
	bin := buildZftp(t)
	rows := []struct {
		name   string
		faults ftpd.Faults
		want   string // in the transcript, after the PUT
		usable bool   // the PWD after the PUT gets its 257
	}{
		{"data_reset_426", ftpd.Faults{DropDataAfter: 64 << 10, ResetDataOnDrop: true}, "426 ", true},
		{"data_closed_426", ftpd.Faults{DropDataAfter: 64 << 10}, "426 ", true},
		{"refused_552_at_start", ftpd.Faults{FailAfterStart: "552 Storage allocation exceeded"}, "552 ", true},
		{"refused_451_at_start", ftpd.Faults{FailAfterStart: "451 disk gone"}, "451 ", true},
		{"control_reset", ftpd.Faults{ResetControlAfter: 64 << 10}, "ZFT0112E", false},
	}
	payload := bytes.Repeat([]byte("0123456789abcdef"), 2<<20) // 32 MiB: still writing when the server hangs up
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(row.faults))
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "big.bin"), payload, 0o644); err != nil {
				t.Fatal(err)
			}
			for run := 0; run < 3; run++ { // the signal came in 8 to 10 runs of 10
				cmd := exec.Command(bin, "-v", srv.Host, strconv.Itoa(srv.Port))
				cmd.Dir = dir
				cmd.Env = append(cmd.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
				cmd.Stdin = strings.NewReader(srv.User + "\n" + srv.Password + "\nbinary\nput big.bin\npwd\nlpwd\nquit\n")
				var out syncBuffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				var err error
				select {
				case err = <-done:
				case <-time.After(30 * time.Second):
					cmd.Process.Kill()
					t.Fatalf("zftp did not end:\n%s", out.String())
				}
				o := out.String()
				var ee *exec.ExitError
				if errors.As(err, &ee) && ee.ExitCode() != 0 {
					t.Fatalf("run %d: exit status %d (141 is SIGPIPE), want 0:\n%s", run, ee.ExitCode(), o)
				}
				if err != nil {
					t.Fatalf("run %d: %v", run, err)
				}
				i := strings.Index(o, "EZA1736I put big.bin")
				if i < 0 || !strings.Contains(o[i:], row.want) {
					t.Fatalf("run %d: %q not shown after the PUT:\n%s", run, row.want, o)
				}
				if row.usable != strings.Contains(o[i:], "257 ") {
					t.Fatalf("run %d: session usable after the PUT = %v, want %v:\n%s", run, !row.usable, row.usable, o)
				}
				if !strings.Contains(o[i:], "EZA1736I lpwd") || !strings.Contains(o[i:], "EZA1736I quit") {
					t.Fatalf("run %d: the rest of the job did not run:\n%s", run, o)
				}
			}
		})
	}
}

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
