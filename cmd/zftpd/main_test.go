package main

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
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

func TestRunTemp(t *testing.T) {
	portFile := filepath.Join(t.TempDir(), "port")
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"--temp", "--ibm", "--user", "bob:pw", "--port-file", portFile}, &stderr)
	}()
	var port string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(portFile); err == nil {
			port = strings.TrimSpace(string(b))
			break
		}
	}
	if port == "" {
		cancel()
		t.Fatalf("no port file; stderr: %s", stderr.String())
	}
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	line, _ := r.ReadString('\n')
	if !strings.HasPrefix(line, "220-FTPD1 IBM FTP CS") {
		t.Errorf("greeting %q", line)
	}
	c.Close()
	var dir string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && dir == ""; time.Sleep(20 * time.Millisecond) {
		if m := regexp.MustCompile(`zftpd listening on 127\.0\.0\.1:` + port + ` root (\S+)\n`).FindStringSubmatch(stderr.String()); m != nil {
			dir = m[1]
		}
	}
	if dir == "" {
		t.Errorf("no listening line in %q", stderr.String())
	} else if _, err := os.Stat(filepath.Join(dir, "hello.txt")); err != nil {
		t.Errorf("sample file: %v", err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d; stderr: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
	if dir != "" {
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("temp root left behind: %v", err)
		}
	}
}

func TestRunBadUsage(t *testing.T) {
	root := t.TempDir()
	tests := [][]string{
		{},
		{"--root", root, "--temp"},
		{"--root", root, "--user", "nopass"},
		{"--root", root, "--pasv-ports", "9-1"},
		{"--root", root, "extra"},
		{"--bogus"},
	}
	for _, args := range tests {
		var stderr bytes.Buffer
		if code := run(context.Background(), args, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"--root", root, "--listen", "0.0.0.0:0"}, &stderr); code != 1 {
		t.Errorf("non-loopback listen: exit %d, want 1 (%s)", code, stderr.String())
	}
	if code := run(context.Background(), []string{"--help"}, &stderr); code != 0 {
		t.Errorf("--help: exit %d", code)
	}
}

func TestParseUsers(t *testing.T) {
	got, err := parseUsers(nil)
	if err != nil || got["zftp"] != "zftp" || len(got) != 1 {
		t.Errorf("default: %v %v", got, err)
	}
	got, err = parseUsers([]string{"a:1", "b:x:y"})
	if err != nil || got["a"] != "1" || got["b"] != "x:y" {
		t.Errorf("parse: %v %v", got, err)
	}
}
