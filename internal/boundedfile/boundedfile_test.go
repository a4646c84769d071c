package boundedfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	type row struct {
		name string
		path string
		err  error
		size int
	}
	tests := []row{
		{"small", write("small", 10), nil, 10},
		{"at the limit", write("limit", 100), nil, 100},
		{"over the limit", write("big", 101), ErrTooLarge, 0},
		{"empty", write("empty", 0), nil, 0},
		{"directory", dir, ErrNotRegular, 0},
		{"missing", filepath.Join(dir, "nope"), fs.ErrNotExist, 0},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests,
			row{"/dev/zero", "/dev/zero", ErrNotRegular, 0},
			row{"/dev/urandom", "/dev/urandom", ErrNotRegular, 0})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, fi, err := Read(tt.path, 100)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				if !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error does not name the file: %v", err)
				}
				return
			}
			if len(data) != tt.size || fi.Size() != int64(tt.size) {
				t.Errorf("read %d bytes, FileInfo %d", len(data), fi.Size())
			}
		})
	}
}
