//go:build unix

package config

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/zftp/zftp/internal/boundedfile"
)

// TestFTPDataBounded: -f names a device, a FIFO or a file over 1 MiB: a
// clear error at once, nothing read without bound.
func TestFTPDataBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.data")
	if err := os.WriteFile(big, make([]byte, MaxFTPDataSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		err  error
	}{
		{"/dev/urandom", boundedfile.ErrNotRegular},
		{"/dev/zero", boundedfile.ErrNotRegular},
		{fifo, boundedfile.ErrNotRegular},
		{big, boundedfile.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			s := Defaults()
			_, err := s.LoadFTPData(tt.path)
			if !errors.Is(err, tt.err) {
				t.Fatalf("LoadFTPData(%s) err = %v, want %v", tt.path, err, tt.err)
			}
			// The lenient loader (bad values skipped) reads under the same rules.
			_, _, err = s.LoadFTPDataLenient(tt.path)
			if !errors.Is(err, tt.err) {
				t.Fatalf("LoadFTPDataLenient(%s) err = %v, want %v", tt.path, err, tt.err)
			}
		})
	}
}
