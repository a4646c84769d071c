package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// makeTree writes a tree of nested directories and files under dir and
// returns the files' relative paths and contents.
func makeTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for i := range 30 {
		rel := filepath.Join(fmt.Sprintf("d%d", i%3), fmt.Sprintf("s%d", i%2), fmt.Sprintf("f%02d.bin", i))
		if i%5 == 0 {
			rel = fmt.Sprintf("top%02d.bin", i)
		}
		files[rel] = fileData(i)
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), files[rel], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755)
	return files
}

// checkTree compares the files under dir with want.
func checkTree(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	for rel, data := range want {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil || !bytes.Equal(b, data) {
			t.Errorf("%s differs (%v)", rel, err)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "empty", "deeper")); err != nil || !fi.IsDir() {
		t.Errorf("empty/deeper not created: %v", err)
	}
}

// TestMirror copies a tree down and back up, serial and over 3 sessions,
// and checks that a second MIRROR copies nothing.
func TestMirror(t *testing.T) {
	for _, par := range []int{1, 3} {
		t.Run(fmt.Sprint("parallel", par), func(t *testing.T) {
			srv := ftptest.NewServer(t)
			want := makeTree(t, srv.Path("tree"))
			work := t.TempDir()
			status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
				"binary\nmirror tree copy\nmirror tree copy\nquit\n")
			if status != 0 {
				t.Fatalf("status %d\n%s", status, got)
			}
			checkTree(t, filepath.Join(work, "copy"), want)
			if !strings.Contains(got, "MIRROR: 0 files copied, 30 up to date") {
				t.Errorf("second mirror copied again:\n%s", got)
			}
			status, got = runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
				"binary\nmirror -R copy up\nmirror -R copy up\nquit\n")
			if status != 0 {
				t.Fatalf("-R status %d\n%s", status, got)
			}
			checkTree(t, srv.Path("up"), want)
			if !strings.Contains(got, "MIRROR: 0 files copied, 30 up to date") {
				t.Errorf("second mirror -R copied again:\n%s", got)
			}
		})
	}
}
