package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/platformtest"
	"github.com/zftp/zftp/tls"
)

// startRun runs zftpd with args and a port file and returns the port; the
// server stops when the test ends.
func startRun(t *testing.T, args ...string) (int, *syncBuffer) {
	t.Helper()
	portFile := filepath.Join(t.TempDir(), "port")
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, append(args, "--port-file", portFile), stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("exit %d; stderr: %s", code, stderr.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("run did not stop")
		}
	})
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(portFile); err == nil {
			port, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				t.Fatal(err)
			}
			return port, stderr
		}
		select {
		case code := <-done:
			done <- code
			t.Fatalf("zftpd ended with %d: %s", code, stderr.String())
		default:
		}
	}
	t.Fatalf("no port file; stderr: %s", stderr.String())
	return 0, nil
}

func TestRunTLS(t *testing.T) {
	certDir := filepath.Join(t.TempDir(), "new", "certs") // created by zftpd
	port, stderr := startRun(t, "--temp", "--ibm", "--tls", "implicit-zos", "--cert-dir", certDir,
		"--tls-require", "--tls-reuse-required", "--client-cert-required", "--ccc", "accept", "--ccc-mode", "cccnonotify")
	if !strings.Contains(stderr.String(), "zftpd TLS implicit-zos: trust "+filepath.Join(certDir, "ca.pem")) {
		t.Errorf("stderr %q", stderr.String())
	}
	fi, err := os.Stat(filepath.Join(certDir, "client.pem"))
	if err != nil || fi.Mode().Perm() != platformtest.PrivateMode() {
		t.Fatalf("client.pem: %v %v", fi, err)
	}
	dial := func(keyring string) (*client.Session, error) {
		ring, err := tls.LoadKeyring(keyring, tls.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cfg := client.Config{
			ConnectTimeout: 3 * time.Second, ReplyTimeout: 10 * time.Second, DataConnectTimeout: 5 * time.Second,
			Security: client.Security{Mode: client.ImplicitZOS,
				RequireReuse: true, Options: tls.Options{Keyring: ring, VerifyHostname: true}},
		}
		ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
		defer cancel()
		s, err := client.Dial(ctx, "127.0.0.1", port, cfg)
		if err != nil {
			return nil, err
		}
		t.Cleanup(func() { s.Close() })
		return s, s.Login(t.Context(), "zftp", "zftp", "")
	}
	// The trust anchor alone: no client certificate, refused.
	if _, err := dial(filepath.Join(certDir, "ca.pem")); err == nil {
		t.Error("logged in without the client certificate")
	}
	// The directory: trust anchor and client certificate.
	s, err := dial(certDir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.Greeting().Text(), "FTPD1 IBM FTP CS") {
		t.Errorf("greeting %q", s.Greeting().Text())
	}
	if r, err := s.Quote(t.Context(), "CCC"); client.ReplyCode(err) != 534 {
		t.Errorf("CCC on the implicit port: %v %v", r, err)
	}
	var buf bytes.Buffer
	if _, err := s.Retr(t.Context(), "hello.txt", &buf, nil); err != nil || buf.String() != "Hello from zftpd.\nSecond line.\n" { // binary: the library default
		t.Fatalf("RETR: %q %v", buf.String(), err)
	}
	if _, err := s.Quit(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestRunTLSExplicitCCC(t *testing.T) {
	certDir := t.TempDir()
	port, _ := startRun(t, "--temp", "--tls", "explicit", "--cert-dir", certDir, "--ccc", "accept")
	ring, err := tls.LoadKeyring(filepath.Join(certDir, "ca.pem"), tls.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := client.Config{
		ConnectTimeout: 3 * time.Second, ReplyTimeout: 10 * time.Second, DataConnectTimeout: 5 * time.Second,
		Security: client.Security{Mode: client.ExplicitRequired,
			Options: tls.Options{Keyring: ring, VerifyHostname: true}},
	}
	s, err := client.Dial(t.Context(), "localhost", port, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Login(t.Context(), "zftp", "zftp", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CCC(t.Context(), client.CCCRFC4217); err != nil || s.Protected() {
		t.Fatalf("CCC: %v", err)
	}
	var buf bytes.Buffer
	if _, err := s.Nlst(t.Context(), "", &buf); err != nil || !strings.Contains(buf.String(), "hello.txt") {
		t.Fatalf("NLST: %q %v", buf.String(), err)
	}
	if _, err := s.Quit(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestRunTLSBadUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--temp", "--tls", "bogus", "--cert-dir", dir},
		{"--temp", "--tls", "explicit"},
		{"--temp", "--tls-require"},
		{"--temp", "--cert-dir", dir},
		{"--temp", "--tls", "explicit", "--cert-dir", dir, "--ccc", "maybe"},
		{"--temp", "--tls", "explicit", "--cert-dir", dir, "--ccc-mode", "draft"},
	} {
		var stderr bytes.Buffer
		if code := run(context.Background(), args, &stderr); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, stderr.String())
		}
	}
}
