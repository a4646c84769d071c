//go:build linux

package interop

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zftp/zftp/client"
)

// fsTree is the tree TestReadDirEveryServer writes on each server: names
// with blanks, an empty file, bytes that ASCII would change, nested
// directories, an empty directory.
var fsTree = []struct {
	name string
	data []byte // nil: a directory
}{
	{"top.txt", []byte("top\n")},
	{"empty", []byte{}},
	{"d", nil},
	{"d/bin.dat", bytes.Repeat([]byte{0, 13, 10, 255}, 3000)},
	{"d/name with blanks.txt", []byte("blanks\r\n")},
	{"d/e", nil},
	{"d/e/deep.txt", []byte("deep")},
	{"void", nil},
}

// The library's listings agree on every server: ReadDir gives the same
// names, kinds and sizes from vsftpd (LIST only), proftpd (MLSD) and
// pure-ftpd, and the io/fs view passes testing/fstest on each.
func TestReadDirEveryServer(t *testing.T) {
	checkEnabled(t)
	listings := map[Kind]string{}
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			srv := Start(t, k, Options{})
			s := dial(t, srv, client.Config{})
			if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
				t.Fatal(err)
			}
			feats, err := s.Features(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: MLST %v", k, feats.Has("MLST"))
			var files []string
			for _, f := range fsTree {
				if f.data == nil {
					if _, err := s.Mkdir(t.Context(), f.name); err != nil {
						t.Fatalf("MKD %s: %v", f.name, err)
					}
					continue
				}
				if _, err := s.Stor(t.Context(), f.name, bytes.NewReader(f.data), nil); err != nil {
					t.Fatalf("STOR %s: %v", f.name, err)
				}
				files = append(files, f.name)
			}
			listings[k] = walk(t, s, "")
			if err := fstest.TestFS(s.FS(t.Context()), files...); err != nil {
				t.Errorf("fstest.TestFS on %s: %v", k, err)
			}
			for _, f := range fsTree {
				if f.data == nil {
					continue
				}
				got, err := fs.ReadFile(s.FS(t.Context()), f.name)
				if err != nil || !bytes.Equal(got, f.data) {
					t.Errorf("ReadFile %s: %d bytes, %v; want %d bytes", f.name, len(got), err, len(f.data))
				}
			}
		})
	}
	want := listings[Kinds[0]]
	if n := strings.Count(want, "\n") + 1; want == "" || n != len(fsTree) {
		t.Fatalf("ReadDir on %s walked %d entries, want %d:\n%s", Kinds[0], n, len(fsTree), want)
	}
	for _, k := range Kinds[1:] {
		if got, ok := listings[k]; ok && got != want {
			t.Errorf("ReadDir on %s:\n%s\ndiffers from %s:\n%s", k, got, Kinds[0], want)
		}
	}
}

// walk lists dir and its subdirectories with ReadDir: one line per entry,
// "path kind size" (size for files only), sorted.
func walk(t *testing.T, s *client.Session, dir string) string {
	t.Helper()
	var lines, subdirs []string
	err := s.ReadDir(t.Context(), dir, func(e client.Entry) error {
		p := strings.TrimPrefix(dir+"/"+e.Name, "/")
		switch {
		case e.IsDir():
			lines = append(lines, p+" dir")
			subdirs = append(subdirs, p)
		default:
			lines = append(lines, fmt.Sprintf("%s %s %d", p, e.Kind, e.Size))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("ReadDir %q: %v", dir, err)
	}
	for _, d := range subdirs {
		if sub := walk(t, s, d); sub != "" {
			lines = append(lines, sub)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
