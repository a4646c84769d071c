//go:build linux

package interop

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// MGET and MDELETE with a wildcard on servers that do not expand it
// (pure-ftpd and pyftpdlib refuse NLST of a pattern with 550): zftp lists
// the directory and matches the names itself, moving and deleting exactly
// the matching files, byte-exact, exit 0 under -e.
func TestWildcardsWhereServersDoNotGlob(t *testing.T) {
	checkEnabled(t)
	bin := buildZftp(t)
	for _, k := range []Kind{PureFTPd, Pyftpdlib} {
		t.Run(string(k), func(t *testing.T) {
			srv := Start(t, k, Options{})
			for i := range 3 {
				for _, p := range []string{"f", "g"} {
					data := bytes.Repeat([]byte(fmt.Sprintf("%s%d\r\n\x00", p, i)), 100+i)
					if err := os.WriteFile(filepath.Join(srv.Home, fmt.Sprintf("%s%d.dat", p, i)), data, 0o644); err != nil {
						t.Fatal(err)
					}
					os.Chown(filepath.Join(srv.Home, fmt.Sprintf("%s%d.dat", p, i)), srv.UID, srv.GID)
				}
			}
			dir := t.TempDir()
			script := srv.User + "\n" + srv.Password + "\nbinary\nmget f*.dat\nmdelete f*.dat\nquit\n"
			out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
			if err != nil {
				t.Fatalf("zftp: %v\n%s", err, out)
			}
			if !strings.Contains(out, "ZFT0195I") {
				t.Errorf("no word that the names were matched here:\n%s", out)
			}
			for i := range 3 {
				want := bytes.Repeat([]byte(fmt.Sprintf("f%d\r\n\x00", i)), 100+i)
				if got, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("f%d.dat", i))); err != nil || !bytes.Equal(got, want) {
					t.Errorf("f%d.dat: %d bytes, %v", i, len(got), err)
				}
				if _, err := os.Stat(filepath.Join(srv.Home, fmt.Sprintf("f%d.dat", i))); !os.IsNotExist(err) {
					t.Errorf("mdelete left f%d.dat", i)
				}
				if _, err := os.Stat(filepath.Join(srv.Home, fmt.Sprintf("g%d.dat", i))); err != nil {
					t.Errorf("g%d.dat is gone", i)
				}
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 3 {
				t.Errorf("%d local files, want 3", len(ents))
			}
		})
	}
}

// TestBareNamesUnderPatternTwisted: Twisted answers NLST sub/f* with bare
// names (f0.dat, not sub/f0.dat). MGET fetches and MDELETE deletes sub's
// files, not the current directory's files of the same names and sizes.
func TestBareNamesUnderPatternTwisted(t *testing.T) {
	checkEnabled(t)
	bin := buildZftp(t)
	srv := Start(t, Twisted, Options{})
	if err := os.Mkdir(filepath.Join(srv.Home, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chown(filepath.Join(srv.Home, "sub"), srv.UID, srv.GID)
	for i := range 3 {
		for d, data := range map[string]string{"": "home%d\n", "sub": "sub.%d\n"} { // the same size
			p := filepath.Join(srv.Home, d, fmt.Sprintf("f%d.dat", i))
			if err := os.WriteFile(p, []byte(fmt.Sprintf(data, i)), 0o644); err != nil {
				t.Fatal(err)
			}
			os.Chown(p, srv.UID, srv.GID)
		}
	}
	dir := t.TempDir()
	script := srv.User + "\n" + srv.Password + "\nbinary\nmget sub/f* (replace\nmdelete sub/f*\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	if !strings.Contains(out, "EZA1701I >>> NLST sub/f*") {
		t.Fatalf("no NLST of the pattern:\n%s", out)
	}
	for i := range 3 {
		name := fmt.Sprintf("f%d.dat", i)
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != fmt.Sprintf("sub.%d\n", i) {
			t.Errorf("MGET %s: %q, %v; want sub's", name, got, err)
		}
		if _, err := os.Stat(filepath.Join(srv.Home, name)); err != nil {
			t.Errorf("MDELETE removed the current directory's %s", name)
		}
		if _, err := os.Stat(filepath.Join(srv.Home, "sub", name)); !os.IsNotExist(err) {
			t.Errorf("MDELETE left sub/%s", name)
		}
	}
}
