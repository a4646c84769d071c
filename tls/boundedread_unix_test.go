//go:build unix

package tls

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/zftp/zftp/tls/tlstest"
)

// TestKeyringFilesAreBounded: a keyring or stash file that is a device, a
// FIFO or too large fails at once with a clear error, instead of reading
// /dev/zero until memory runs out or waiting forever on a FIFO with no
// writer (issue 25 item 11).
func TestKeyringFilesAreBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "ring.pem")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	ringDir := filepath.Join(dir, "ringdir")
	os.Mkdir(ringDir, 0o700)
	if err := syscall.Mkfifo(filepath.Join(ringDir, "ca.pem"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.pem")
	if f, err := os.Create(big); err != nil {
		t.Fatal(err)
	} else {
		f.Truncate(MaxKeyringFile + 1) // sparse
		f.Close()
	}

	// A PKCS#12 file with a password, and a stash file beside it that is
	// a FIFO.
	ca := tlstest.NewCA(t, "bounded CA")
	leaf := ca.Issue(t, "bounded client", tlstest.LeafOptions{Client: true}).TLSCertificate(t)
	p12, err := pkcs12.Modern.Encode(leaf.PrivateKey, leaf.Leaf, nil, "stashed-pw")
	if err != nil {
		t.Fatal(err)
	}
	p12Path := filepath.Join(dir, "client.p12")
	if err := os.WriteFile(p12Path, p12, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "client.sth"), 0o600); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, spec string
		want       error
		text       string
	}{
		{"fifo", fifo, ErrNotRegularFile, "a FIFO"},
		{"dev_zero", "/dev/zero", ErrNotRegularFile, "a character device"},
		{"fifo_in_directory", ringDir, ErrNotRegularFile, "a FIFO"},
		{"too_large", big, ErrFileTooLarge, "the limit is"},
		{"stash_fifo", p12Path, ErrNotRegularFile, "stash file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat(tt.spec); err != nil {
				t.Skipf("%s: %v", tt.spec, err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := LoadKeyring(tt.spec, LoadOptions{})
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
					t.Fatalf("err = %v, want %v mentioning %q", err, tt.want, tt.text)
				}
			case <-time.After(10 * time.Second):
				// Unblock a FIFO open so the goroutine can end.
				for _, p := range []string{fifo, filepath.Join(ringDir, "ca.pem"), filepath.Join(dir, "client.sth")} {
					if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
						f.Close()
					}
				}
				t.Fatal("LoadKeyring did not return within 10 s")
			}
		})
	}
}
