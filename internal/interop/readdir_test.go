//go:build linux

package interop

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
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
// names, kinds and sizes from each server (LIST where FEAT lists no MLST:
// vsftpd, Twisted, inetutils ftpd; MLSD elsewhere), and the io/fs view
// passes testing/fstest on each. The servers run in parallel.
func TestReadDirEveryServer(t *testing.T) {
	t.Parallel()
	checkEnabled(t)
	var mu sync.Mutex
	listings := map[Kind]string{}
	t.Run("servers", func(t *testing.T) {
		for _, k := range Kinds {
			t.Run(string(k), func(t *testing.T) {
				t.Parallel()
				readDirServer(t, k, &mu, listings)
			})
		}
	})
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

// readDirServer writes fsTree on a server of kind k, walks it with ReadDir into listings[k],
// and checks the io/fs view.
func readDirServer(t *testing.T, k Kind, mu *sync.Mutex, listings map[Kind]string) {
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
	walked := walk(t, s, "")
	mu.Lock()
	listings[k] = walked
	mu.Unlock()
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
