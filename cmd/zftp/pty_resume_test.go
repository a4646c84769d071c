//go:build unix

package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// Interrupted transfers at a terminal (issue 16, "Resume"): an aborted PUT
// is reported as incomplete whatever the server replied, and an interrupted
// GET into a new local file keeps its data, which REGET then continues.

// resumeSize is the size of the slow transfers: 4 MiB, at 16 KiB every
// 10 ms about two and a half seconds, long enough to interrupt.
const resumeSize = 4 << 20

// resumeData is resumeSize bytes that do not repeat in short periods, so
// that data written at the wrong offset shows.
func resumeData() []byte {
	r := rand.New(rand.NewPCG(16, 1))
	b := make([]byte, resumeSize)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// waitForData waits until match names a file in dir with at least one
// byte: the transfer is under way. It returns that file's name.
func waitForData(t *testing.T, dir string, match func(name string) bool) string {
	t.Helper()
	deadline := time.Now().Add(ptyTimeout)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !match(e.Name()) {
				continue
			}
			if fi, err := e.Info(); err == nil && fi.Size() > 0 {
				return e.Name()
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("no data arrived in %s", dir)
	return ""
}

// TestPTYAbortedPutIncomplete: Ctrl-C during a slow PUT aborts it, and
// the terminal says the remote file is incomplete (ZFT0163W) although this
// server, reading the data the client had already sent, ends the STOR with
// 250 (success); the session goes on.
func TestPTYAbortedPutIncomplete(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{StoreDelay: 10 * time.Millisecond}))
	home := t.TempDir()
	data := resumeData()
	if err := os.WriteFile(filepath.Join(home, "up.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.Send("binary\r")
	s.Expect("EZA1460I Command:")
	s.Send("put up.bin remote.bin\r")
	s.Expect("EZA1701I >>> STOR remote.bin")
	waitForData(t, filepath.Dir(srv.Path("remote.bin")), func(n string) bool { return n == "remote.bin" })
	time.Sleep(100 * time.Millisecond) // a person's pause, not a second Ctrl-C
	s.Send("\x03")
	s.Expect("EZA1701I >>> ABOR")
	s.Expect("ZFT0163W The transfer was interrupted; the remote file remote.bin is incomplete.")
	s.Expect("EZA1460I Command:")
	s.Send("pwd\r")
	s.Expect("257 ")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	s.Expect("EZA1701I >>> QUIT")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	if got := srv.ReadFile(t, "remote.bin"); len(got) >= len(data) {
		t.Errorf("remote.bin has %d bytes, the whole file: the PUT was not interrupted", len(got))
	}
	if out := s.Output(); strings.Contains(out, "EZA1617I") {
		t.Errorf("the aborted PUT was reported as transferred:\n%s", out)
	}
}

// TestPTYInterruptedGetKeepsPartial: Ctrl-C during a slow GET into a new
// local file keeps the data received (ZFT0165I); REGET then continues the
// file from its size (REST) and the result is the server's file, byte for
// byte.
func TestPTYInterruptedGetKeepsPartial(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{DataDelay: 10 * time.Millisecond}))
	data := resumeData()
	srv.WriteFile(t, "down.bin", data)
	home := t.TempDir()
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
	s.login(srv)
	s.Send("binary\r")
	s.Expect("EZA1460I Command:")
	s.Send("get down.bin\r")
	s.Expect("EZA1701I >>> RETR down.bin")
	waitForData(t, home, func(n string) bool { return strings.Contains(n, ".zftp-") })
	time.Sleep(100 * time.Millisecond)
	s.Send("\x03")
	s.Expect("EZA1701I >>> ABOR")
	s.Expect("ZFT0165I Partial data kept in ")
	s.Expect("EZA1460I Command:")
	local := filepath.Join(home, "down.bin")
	fi, err := os.Stat(local)
	if err != nil {
		t.Fatalf("the partial file was not kept: %v\n%s", err, s.Output())
	}
	part := fi.Size()
	if part < 1 || part >= int64(len(data)) {
		t.Fatalf("partial down.bin has %d bytes, want 1 to %d", part, len(data)-1)
	}
	if !strings.Contains(s.Output(), "down.bin ("+strconv.FormatInt(part, 10)+" bytes)") {
		t.Errorf("ZFT0165I does not give the kept size %d:\n%s", part, s.Output())
	}
	if got, _ := os.ReadFile(local); !bytes.Equal(got, data[:part]) {
		t.Errorf("the kept data is not the start of the server's file")
	}
	ents, _ := os.ReadDir(home)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".zftp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}

	s.Send("reget down.bin\r")
	s.Expect("EZA1701I >>> REST " + strconv.FormatInt(part, 10) + "\r\n")
	s.Expect("EZA1701I >>> RETR down.bin")
	s.Expect("EZA1617I ")
	s.Expect("EZA1460I Command:")
	s.Send("quit\r")
	if st := s.Wait(); st != 0 {
		t.Errorf("exit status %d, want 0", st)
	}
	got, err := os.ReadFile(local)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		i := 0
		for i < len(got) && i < len(data) && got[i] == data[i] {
			i++
		}
		t.Errorf("after REGET down.bin has %d bytes, differing from the server's %d at byte %d", len(got), len(data), i)
	}
}
