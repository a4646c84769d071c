//go:build unix

package netrc

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/zftp/zftp/internal/boundedfile"
)

// TestLoadBounded: --netrc names a device, a FIFO or a file over 1 MiB: a
// clear error at once, nothing read without bound.
func TestLoadBounded(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, MaxSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		err  error
	}{
		{"/dev/zero", boundedfile.ErrNotRegular},
		{"/dev/urandom", boundedfile.ErrNotRegular},
		{fifo, boundedfile.ErrNotRegular},
		{big, boundedfile.ErrTooLarge},
		{filepath.Join(dir, "missing"), os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			if _, err := Load(tt.path); !errors.Is(err, tt.err) {
				t.Fatalf("Load(%s) err = %v, want %v", tt.path, err, tt.err)
			}
		})
	}
}
