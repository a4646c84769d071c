package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestMgetLocalName checks the local name MGET gives a listed remote name
// and that a base name that is not a plain file name is still refused.
func TestMgetLocalName(t *testing.T) {
	for _, tc := range []struct {
		pattern, name, local string
		refused              bool
	}{
		{"small/f000*", "small/f0001", "f0001", false},
		{"a/b/*", "a/b/c.txt", "c.txt", false},
		{"/abs/dir/*", "/abs/dir/x", "x", false},
		{"f*", "f1", "f1", false},
		{"*", "small/f0001", "small/f0001", true}, // a listing that adds a directory is refused
		{"small/*", "small/..", "..", true},
		{"small/*", "small/.", ".", true},
		{"small/*", "small/", "", true},
		{"small/*", "small/esc\x1bname", "esc\x1bname", true},
		{"small/*", "small/a\\b", "a\\b", true},
	} {
		local := mgetLocalName(tc.pattern, tc.name)
		if local != tc.local {
			t.Errorf("mgetLocalName(%q, %q) = %q, want %q", tc.pattern, tc.name, local, tc.local)
		}
		if err := validLocalName(local); (err != nil) != tc.refused {
			t.Errorf("validLocalName(%q) = %v, want refused %v", local, err, tc.refused)
		}
	}
}

// TestMgetDirPattern checks that "mget small/f000*" stores the files under
// their base names in the local directory, with the full remote names in
// RETR, serially and over PARALLEL sessions.
func TestMgetDirPattern(t *testing.T) {
	srv := ftptest.NewServer(t)
	if err := os.Mkdir(srv.Path("small"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		srv.WriteFile(t, fmt.Sprintf("small/f%04d", i), fileData(i))
	}
	for _, par := range []int{1, 3} {
		t.Run(fmt.Sprintf("parallel_%d", par), func(t *testing.T) {
			work := t.TempDir()
			status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
				"binary\nmget small/f000*\nquit\n")
			if status != 0 {
				t.Fatalf("status %d\n%s", status, got)
			}
			if !strings.Contains(got, ">>> RETR small/f0001") {
				t.Errorf("RETR does not use the full remote name:\n%s", got)
			}
			for i := range 12 {
				name := fmt.Sprintf("f%04d", i)
				b, err := os.ReadFile(filepath.Join(work, name))
				if i >= 10 {
					if err == nil {
						t.Errorf("%s was fetched; the pattern does not match it", name)
					}
					continue
				}
				if err != nil || !bytes.Equal(b, fileData(i)) {
					t.Errorf("%s differs (%v)", name, err)
				}
			}
			if _, err := os.Stat(filepath.Join(work, "small")); err == nil {
				t.Error("MGET created the remote directory locally")
			}
		})
	}
}

// TestMgetMdeleteBareNamesUnderPattern: a server that answers NLST sub/*
// with bare names ("f1", not "sub/f1") means sub's files: MGET fetches and
// MDELETE deletes those, not the current directory's files of the same
// names (which are the same size here, so no size check could tell).
func TestMgetMdeleteBareNamesUnderPattern(t *testing.T) {
	for _, par := range []int{1, 3} {
		t.Run(fmt.Sprintf("parallel_%d", par), func(t *testing.T) {
			names := []string{"f1", "f2", "f3", "f4"}
			srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{NameList: names}))
			if err := os.Mkdir(srv.Path("sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			for _, n := range names {
				srv.WriteFile(t, n, []byte("HOMEHOME"))
				srv.WriteFile(t, "sub/"+n, []byte("SUBSUBSU"))
			}
			work := t.TempDir()
			status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
				"binary\nmget sub/* (replace\nmdelete sub/*\nquit\n")
			if status != 0 {
				t.Fatalf("status %d\n%s", status, got)
			}
			for _, n := range names {
				if b, err := os.ReadFile(filepath.Join(work, n)); err != nil || string(b) != "SUBSUBSU" {
					t.Errorf("MGET %s: %q (%v), want sub's", n, b, err)
				}
				if _, err := os.Stat(srv.Path(n)); err != nil {
					t.Errorf("MDELETE removed the current directory's %s", n)
				}
				if _, err := os.Stat(srv.Path("sub/" + n)); err == nil {
					t.Errorf("MDELETE left sub/%s", n)
				}
			}
		})
	}
}

// TestUnderPatternDir: where a bare name NLST returned for a pattern is.
func TestUnderPatternDir(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		names   []string
		want    []string
	}{
		{"sub/f*", []string{"f1", "sub/f2", "/abs/f3"}, []string{"sub/f1", "sub/f2", "/abs/f3"}},
		{"/u/user/*.dat", []string{"a.dat"}, []string{"/u/user/a.dat"}},
		{"sub/", []string{"f1"}, []string{"sub/f1"}},
		{"sub/x", []string{"x"}, []string{"sub/x"}},                       // the file itself
		{"sub/d", []string{"f1", "f2"}, []string{"sub/d/f1", "sub/d/f2"}}, // a directory's entries
		{"f*", []string{"f1"}, []string{"f1"}},
		{"sub", []string{"f1"}, []string{"f1"}}, // may name an MVS data set
		{"'USER.DATA.*'", []string{"USER.DATA.A"}, []string{"USER.DATA.A"}},
	} {
		got := underPatternDir(tc.pattern, slices.Clone(tc.names))
		if !slices.Equal(got, tc.want) {
			t.Errorf("underPatternDir(%q, %q) = %q, want %q", tc.pattern, tc.names, got, tc.want)
		}
	}
}
