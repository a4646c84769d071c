//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestPTYMirrorLftpOrder: at 80x24 and 40x12, "mirror -R up-zftp" typed
// the lftp way (the local directory first, the remote one named after
// it) uploads the tree into up-zftp on the server, and no other remote
// directory appears; "mirror -R missing" says the local directory does
// not exist (ZFT0251E), with no raw Go error and nothing sent.
func TestPTYMirrorLftpOrder(t *testing.T) {
	for _, size := range []struct{ rows, cols uint16 }{{24, 80}, {12, 40}} {
		t.Run(strconv.Itoa(int(size.cols))+"x"+strconv.Itoa(int(size.rows)), func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithIBM())
			home := t.TempDir()
			files := map[string]string{"a.txt": "alpha\n", "sub/b.bin": "beta\x00\xff"}
			for rel, data := range files {
				p := filepath.Join(home, "up-zftp", filepath.FromSlash(rel))
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte(data), 0o644)
			}
			s := startPTYSize(t, home, size.rows, size.cols, []string{"NO_COLOR=1"}, "-v", srv.Host, strconv.Itoa(srv.Port))
			s.login(srv)
			s.Send("binary\r")
			s.Expect("EZA1460I Command:")
			s.Send("mirror -R up-zftp\r")
			s.Expect("ZFT0192I")
			s.Expect("EZA1460I Command:")
			s.Send("mirror -R missing\r")
			s.Expect("ZFT0251E")
			s.Expect("EZA1460I Command:")
			s.Send("quit\r")
			s.Wait()
			for rel, data := range files {
				if got, err := os.ReadFile(srv.Path("up-zftp/" + rel)); err != nil || string(got) != data {
					t.Errorf("up-zftp/%s on the server: %q, %v\n%s", rel, got, err, s.Output())
				}
			}
			entries, _ := os.ReadDir(srv.Root)
			for _, e := range entries {
				if e.Name() != "up-zftp" {
					t.Errorf("stray remote entry %q", e.Name())
				}
			}
			out := s.Output()
			if strings.Contains(out, "statat") || strings.Contains(out, "no such file or directory") {
				t.Errorf("a raw Go error reached the user:\n%s", out)
			}
			if i := strings.Index(out, "mirror -R missing"); i < 0 || strings.Contains(out[i:], ">>> MKD") || strings.Contains(out[i:], ">>> STOR") {
				t.Errorf("the missing local directory reached the server:\n%s", out)
			}
		})
	}
}
