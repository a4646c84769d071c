//go:build linux

package main

import (
	"errors"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchSignalWritesTranscript: SIGTERM during a batch GET ends zftp
// with status 143 (128 + 15), as it would end without zftp watching the
// signal, and the transcript it had buffered is written first.
func TestBatchSignalWritesTranscript(t *testing.T) {
	bin := buildZftp(t)
	srv := slowServer(t)
	cmd := exec.Command(bin, "-v", srv.Host, strconv.Itoa(srv.Port))
	cmd.Dir = t.TempDir()
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
	for !strings.Contains(out.String(), "EZA1701I >>> RETR f.bin") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	err = signalAndWait(t, cmd, syscall.SIGTERM, 10*time.Second)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("exit %v, want status 143", err)
	}
	if o := out.String(); !strings.Contains(o, "EZA1701I >>> RETR f.bin") || !strings.Contains(o, "125 Sending") {
		t.Fatalf("transcript before the signal missing:\n%s", o)
	}
}

// TestBatchSignalWithStdoutNobodyReads: a batch run blocked writing to a
// pipe nobody reads still ends on SIGTERM (143), within signalFlushWait
// and a margin, instead of hanging in the flush.
func TestBatchSignalWithStdoutNobodyReads(t *testing.T) {
	bin := buildZftp(t)
	cmd := exec.Command(bin)
	cmd.Dir = t.TempDir()
	cmd.Env = append(cmd.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	cmd.Stdin = strings.NewReader(strings.Repeat("locstat\n", 2000))
	stdout, err := cmd.StdoutPipe() // never read
	if err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // long enough to fill the pipe
	err = signalAndWait(t, cmd, syscall.SIGTERM, signalFlushWait+5*time.Second)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("exit %v, want status 143", err)
	}
}
