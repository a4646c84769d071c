package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// sameFileLine is ZFT0199E: the name not copied and the one kept.
var sameFileLine = regexp.MustCompile(`ZFT0199E (\S+) is not copied: the local file system takes it for (\S+), which`)

// caseBlind reports whether the file system of dir takes names that
// differ only in case for one file (Windows, macOS; wine too).
func caseBlind(t *testing.T, dir string) bool {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "CaseProbe"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(dir, "CaseProbe"))
	_, err := os.Stat(filepath.Join(dir, "caseprobe"))
	return err == nil
}

// TestLocalClaimsClash: a name is a clash when the file system takes it
// for another name written before (here one file under two names, a
// hard link, as a case-blind file system makes of A.TXT and a.txt), not
// when the names are one or the files are two.
func TestLocalClaimsClash(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	os.WriteFile(filepath.Join(dir, "A.TXT"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(dir, "B.TXT"), []byte("b"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("b"), 0o644)
	if err := os.Link(filepath.Join(dir, "A.TXT"), filepath.Join(dir, "a.txt")); err != nil && !caseBlind(t, dir) {
		t.Skipf("no hard links here: %v", err)
	}
	var c localClaims
	if got := c.clash(root, "a.txt"); got != "" {
		t.Errorf("clash before anything was written: %q", got)
	}
	c.record("A.TXT")
	c.record("B.TXT")
	for _, tc := range []struct{ name, want string }{
		{"A.TXT", ""},      // the name written
		{"a.txt", "A.TXT"}, // one file under another name
		{"missing.txt", ""},
	} {
		if got := c.clash(root, tc.name); got != tc.want {
			t.Errorf("clash(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	if caseBlind(t, dir) {
		return // b.txt is B.TXT here
	}
	if got := c.clash(root, "b.txt"); got != "" {
		t.Errorf("clash(b.txt) = %q: two files", got)
	}
}

// TestMgetMirrorSameLocalFile: remote names that differ only in case
// (A.TXT and a.txt) are two local files where the file system tells them
// apart, and where it does not (Windows, macOS) the second is not written
// over the first: ZFT0199E, a failing return code, the first one's data
// kept. The same with PARALLEL 3. The test server lists both names (a
// server on a case-blind file system holds one file for them).
func TestMgetMirrorSameLocalFile(t *testing.T) {
	files := map[string]string{"A.TXT": "upper\n", "a.txt": "lower\n"}
	var listed []string
	for _, n := range []string{"A.TXT", "a.txt"} {
		listed = append(listed, "-rw-r--r--   1 zftp     zftp            6 Jan  1  2026 "+n)
	}
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{NameList: listed}))
	for name, data := range files {
		srv.WriteFile(t, name, []byte(data))
		srv.WriteFile(t, "tree/"+name, []byte(data))
	}
	for _, par := range []int{1, 3} {
		for _, tc := range []struct{ name, cmd, dir string }{
			{"mget", "glob\nmget A.TXT a.txt (replace", ""},
			{"mirror", "mirror tree out", "out/"},
		} {
			t.Run(fmt.Sprintf("%s_parallel_%d", tc.name, par), func(t *testing.T) {
				work := t.TempDir()
				blind := caseBlind(t, work)
				status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work, "binary\n"+tc.cmd+"\nquit\n")
				clashes := sameFileLine.FindAllStringSubmatch(got, -1)
				if !blind {
					if status != 0 || len(clashes) != 0 {
						t.Fatalf("status %d, %d ZFT0199E on a file system that tells case apart\n%s", status, len(clashes), got)
					}
					for name, want := range files {
						if b, err := os.ReadFile(filepath.Join(work, tc.dir+name)); err != nil || string(b) != want {
							t.Errorf("%s: %q (%v), want %q", name, b, err, want)
						}
					}
					return
				}
				if status == 0 || len(clashes) != 1 || clashes[0][1] != tc.dir+"a.txt" || clashes[0][2] != tc.dir+"A.TXT" {
					t.Fatalf("status %d, ZFT0199E %q on a case-blind file system, want a failure and a.txt refused for A.TXT\n%s", status, clashes, got)
				}
				if b, err := os.ReadFile(filepath.Join(work, tc.dir+"A.TXT")); err != nil || !bytes.Equal(b, srv.ReadFile(t, "A.TXT")) {
					t.Errorf("A.TXT: %q (%v), want the server's A.TXT", b, err)
				}
			})
		}
	}
}
