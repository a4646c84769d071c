//go:build linux

package main

import (
	"io"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// TestGoroutineDumpHasNoPassword: a zftp that dies mid-session with a
// goroutine dump (SIGQUIT, GOTRACEBACK=all — what a panic prints) shows
// no password: Go tracebacks print string headers, never their bytes.
func TestGoroutineDumpHasNoPassword(t *testing.T) {
	bin := buildZftp(t)
	srv := ftptest.NewServer(t)
	cmd := exec.Command(bin, "-v", srv.Host, strconv.Itoa(srv.Port))
	cmd.Env = append(cmd.Environ(), "GOTRACEBACK=all", "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(stdin, srv.User+"\n"+srv.Password+"\npwd\n")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "257 ") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	signalAndWait(t, cmd, syscall.SIGQUIT, 10*time.Second)
	dump := errOut.String()
	if !strings.Contains(dump, "goroutine ") {
		t.Fatalf("no goroutine dump on SIGQUIT:\n%s", dump)
	}
	for _, ch := range []string{out.String(), dump} {
		if strings.Contains(ch, srv.Password) {
			t.Fatalf("password in the output or the goroutine dump")
		}
	}
}

// signalAndWait sends sig to cmd's process and returns how it ended; the
// test fails (and the process is killed) if it has not ended within limit.
func signalAndWait(t *testing.T, cmd *exec.Cmd, sig syscall.Signal, limit time.Duration) error {
	t.Helper()
	cmd.Process.Signal(sig)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		cmd.Process.Kill()
		t.Fatalf("zftp did not end within %s of %v", limit, sig)
		return nil
	}
}
