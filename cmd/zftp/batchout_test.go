package main

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

func TestBatchOutputHoldsLinesUntilFlush(t *testing.T) {
	var sink syncBuffer
	out := newBatchOutput(&sink, time.Hour)
	io.WriteString(out, "EZA1701I >>> PASV\n")
	io.WriteString(out, "227 Entering Passive Mode\n")
	if got := sink.String(); got != "" {
		t.Fatalf("written before a flush: %q", got)
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := sink.String(), "EZA1701I >>> PASV\n227 Entering Passive Mode\n"; got != want {
		t.Fatalf("after flush %q, want %q", got, want)
	}
}

func TestBatchOutputFlushesAfterDelay(t *testing.T) {
	var sink syncBuffer
	out := newBatchOutput(&sink, 10*time.Millisecond)
	io.WriteString(out, "150 Opening data connection\n")
	deadline := time.Now().Add(5 * time.Second)
	for sink.String() == "" {
		if time.Now().After(deadline) {
			t.Fatal("a buffered line was never written without an explicit flush")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := sink.String(); got != "150 Opening data connection\n" {
		t.Fatalf("got %q", got)
	}
}

func TestBatchOutputKeepsOrderWithStderrAndInput(t *testing.T) {
	var sink syncBuffer
	out := newBatchOutput(&sink, time.Hour)
	stderr := flushFirst{out: out, w: &sink}
	io.WriteString(out, "stdout 1\n")
	io.WriteString(stderr, "stderr 2\n")
	io.WriteString(out, "Command:\n")
	in := flushFirst{out: out, r: strings.NewReader("pwd\n")}
	buf := make([]byte, 16)
	if _, err := in.Read(buf); err != nil {
		t.Fatal(err)
	}
	if got, want := sink.String(), "stdout 1\nstderr 2\nCommand:\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

type failingWriter struct{ n int }

func (f *failingWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestBatchOutputWriteErrorSticks(t *testing.T) {
	fw := &failingWriter{}
	out := newBatchOutput(fw, time.Hour)
	io.WriteString(out, "line\n")
	if err := out.Flush(); err == nil {
		t.Fatal("flush to a failing writer reported no error")
	}
	if _, err := io.WriteString(out, "more\n"); err == nil {
		t.Fatal("write after a failed flush reported no error")
	}
	out.Flush()
	if fw.n != 1 {
		t.Fatalf("%d writes to the failing writer, want 1", fw.n)
	}
}

// TestBatchRunShowsPromptBeforeWaitingForInput: with the timed flush out
// of the way (an hour), a batch run that waits for its next input line
// has already written everything before it, prompt included, and its
// whole transcript is written when it ends.
func TestBatchRunShowsPromptBeforeWaitingForInput(t *testing.T) {
	srv := ftptest.NewServer(t)
	tmp := t.TempDir()
	env := testEnv(t, tmp)
	var out syncBuffer
	in, feed := io.Pipe()
	env.stdin, env.stdout, env.stderr, env.workDir = in, &out, io.Discard, tmp
	env.batchFlushDelay = time.Hour
	done := make(chan int, 1)
	go func() {
		done <- runTerminal([]string{"-v", srv.Host, strconv.Itoa(srv.Port)}, env)
	}()
	io.WriteString(feed, srv.User+"\n"+srv.Password+"\npwd\n")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "257 ") || !strings.HasSuffix(out.String(), "Command:\n") {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for input without the prompt written:\n%s", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	io.WriteString(feed, "quit\n")
	feed.Close()
	select {
	case st := <-done:
		if st != 0 {
			t.Errorf("status %d", st)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("zftp did not end")
	}
	if o := out.String(); !strings.Contains(o, "EZA1701I >>> QUIT") || !strings.Contains(o, "221") {
		t.Fatalf("transcript incomplete when the run ended:\n%s", o)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in
// different goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
