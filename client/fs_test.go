package client_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// writeTree makes the tree the FS tests read.
func writeTree(t *testing.T, srv *ftptest.Server) map[string][]byte {
	t.Helper()
	tree := map[string][]byte{
		"a.txt":        []byte("alpha\n"),
		"d/b.bin":      bytes.Repeat([]byte{0, 1, 2, 13, 10}, 4000),
		"d/e/c.txt":    []byte("gamma\n"),
		"d/name w.txt": []byte("blank in the name\n"),
		"empty":        nil,
	}
	for name, data := range tree {
		srv.WriteFile(t, name, data)
	}
	if err := os.Mkdir(srv.Path("nothing"), 0o755); err != nil {
		t.Fatal(err)
	}
	return tree
}

func loggedIn(t *testing.T, srv *ftptest.Server) *client.Session {
	t.Helper()
	return loggedInWith(t, srv, client.Config{}, false)
}

// The io/fs view passes testing/fstest over a LIST-only server.
func TestFSOverList(t *testing.T) {
	srv := ftptest.NewServer(t)
	tree := writeTree(t, srv)
	s := loggedIn(t, srv)
	fsys := s.FS(t.Context())
	var names []string
	for n := range tree {
		names = append(names, n)
	}
	if err := fstest.TestFS(fsys, names...); err != nil {
		t.Fatal(err)
	}
	for name, want := range tree {
		got, err := fs.ReadFile(fsys, name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("ReadFile(%q) = %d bytes, %v; want %d bytes", name, len(got), err, len(want))
		}
	}
	if _, err := fs.Stat(fsys, "d/none"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a missing name: %v, want fs.ErrNotExist", err)
	}
}

// An open file holds the session: other calls fail with ErrBusy until it
// is closed, and closing it early aborts the transfer, the session staying
// usable.
func TestFSFileHoldsSession(t *testing.T) {
	srv := ftptest.NewServer(t)
	srv.WriteFile(t, "big", bytes.Repeat([]byte("z"), 8<<20))
	srv.WriteFile(t, "small", []byte("s"))
	s := loggedIn(t, srv)
	fsys := s.FS(t.Context())
	f, err := fsys.Open("big")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(f, make([]byte, 1000)); err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(fsys, "small"); !errors.Is(err, client.ErrBusy) {
		t.Errorf("Stat while a file is read: %v, want ErrBusy", err)
	}
	if err := f.Close(); err != nil {
		t.Errorf("Close of a file read in part: %v", err)
	}
	if got, err := fs.ReadFile(fsys, "small"); err != nil || string(got) != "s" {
		t.Errorf("ReadFile after the early close: %q, %v", got, err)
	}
}

// ReadDir parses a z/OS server's MVS listings: data sets at a prefix,
// members in a PDS.
func TestReadDirMVS(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithMVS())
	hlq := strings.ToUpper(srv.User)
	srv.WriteFile(t, hlq+"/DATA.TXT", []byte("RECORD ONE\n"))
	srv.WriteFile(t, hlq+"/JCL.CNTL.pds/HELLO", []byte("//HELLO JOB\n"))
	srv.WriteFile(t, hlq+"/JCL.CNTL.pds/BYE", []byte("//BYE JOB\n"))
	s := loggedIn(t, srv)
	list := func() string {
		var got []string
		err := s.ReadDir(t.Context(), "", func(e client.Entry) error {
			got = append(got, fmt.Sprintf("%s:%s:%v", e.Name, e.Kind, e.IsDir()))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(got)
		return strings.Join(got, " ")
	}
	if got, want := list(), "DATA.TXT:dataset:false JCL.CNTL:dataset:true"; got != want {
		t.Errorf("data sets: %q, want %q", got, want)
	}
	if _, err := s.Cwd(t.Context(), "JCL.CNTL"); err != nil {
		t.Fatal(err)
	}
	if got, want := list(), "BYE:member:false HELLO:member:false"; got != want {
		t.Errorf("members: %q, want %q", got, want)
	}
}
