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
