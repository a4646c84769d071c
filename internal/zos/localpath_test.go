package zos

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestLocalPath: each OS's reading of a local path against the local
// directory. On Windows a drive-absolute (C:\x), root-relative (\x) or
// drive-relative (C:x) path is honoured, not joined to LCD; on Unix a
// backslash is a character of a file name.
func TestLocalPath(t *testing.T) {
	type row struct{ dir, p, want string }
	rows := []row{
		{"/work/lcd", "/a/b.txt", "/a/b.txt"},
		{"/work/lcd", "a/b.txt", "/work/lcd/a/b.txt"},
		{"/work/lcd", "../up.txt", "/work/up.txt"},
		{"/work/lcd", `\x.txt`, `/work/lcd/\x.txt`},
		{"/work/lcd", "C:x.txt", "/work/lcd/C:x.txt"},
	}
	if runtime.GOOS == "windows" {
		rows = []row{
			{`C:\work\lcd`, `C:\a\b.txt`, `C:\a\b.txt`},
			{`C:\work\lcd`, `\dir\file.txt`, `C:\dir\file.txt`},
			{`C:\work\lcd`, `/dir/file.txt`, `C:\dir\file.txt`},
			{`C:\work\lcd`, `c:x.txt`, `C:\work\lcd\x.txt`},
			{`C:\work\lcd`, `C:sub\x.txt`, `C:\work\lcd\sub\x.txt`},
			{`C:\work\lcd`, `sub\x.txt`, `C:\work\lcd\sub\x.txt`},
			{`C:\work\lcd`, `..\up.txt`, `C:\work\up.txt`},
			{`C:\work\lcd`, `\\srv\share\f.txt`, `\\srv\share\f.txt`},
			{`\\srv\share\lcd`, `\f.txt`, `\\srv\share\f.txt`},
			{`D:\lcd`, `\f.txt`, `D:\f.txt`},
		}
	}
	for _, r := range rows {
		if got := localPath(filepath.FromSlash(r.dir), r.p); got != filepath.FromSlash(r.want) {
			t.Errorf("localPath(%q, %q) = %q, want %q", r.dir, r.p, got, r.want)
		}
	}
	if runtime.GOOS == "windows" {
		// C:x with the local directory on another drive: drive C:'s own
		// current directory, as Windows keeps it.
		got := localPath(`Q:\lcd`, `C:x.txt`)
		if !filepath.IsAbs(got) || !strings.EqualFold(filepath.VolumeName(got), "C:") || filepath.Base(got) != "x.txt" {
			t.Errorf("localPath(Q:\\lcd, C:x.txt) = %q", got)
		}
	}
}

// TestPutRootRelativePath: PUT of a path given from the root of the
// drive (\dir\file on Windows, /dir/file elsewhere) reads that file, not
// one under the local directory.
func TestPutRootRelativePath(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	src := filepath.Join(t.TempDir(), "source.txt")
	if err := os.WriteFile(src, []byte("from the root\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(src, filepath.VolumeName(src)) // \Users\...\source.txt on Windows
	status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, t.TempDir(), "binary\nput "+name+" copy.txt\nquit\n")
	if status != 0 {
		t.Fatalf("status %d:\n%s", status, got)
	}
	if b := srv.ReadFile(t, "copy.txt"); string(b) != "from the root\n" {
		t.Fatalf("stored %q", b)
	}
}
