package zos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestLocalDirectoryNamed checks that a local directory named to MPUT,
// PUT or APPEND is reported (ZFT0200W) and fails with a local file access
// error, while one an MPUT wildcard matches is skipped after the same
// message and the files are still sent.
func TestLocalDirectoryNamed(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		fail        bool // the subcommand fails
		sent        bool // a.txt reached the server
	}{
		{"mput dir", "mput somedir\n", true, false},
		{"mput dir and file", "mput somedir a.txt\n", true, true},
		{"mput wildcard", "mput *\n", false, true},
		{"put dir", "put somedir\n", true, false},
		{"append dir", "append somedir x\n", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := ftptest.NewServer(t)
			work := t.TempDir()
			if err := os.Mkdir(filepath.Join(work, "somedir"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(work, "a.txt"), []byte("a\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			status, got := runBatch(t, srv, Flags{ExitOnError: true}, work, tc.input+"quit\n")
			if !strings.Contains(got, filepath.Join(work, "somedir")+" is a directory; ") {
				t.Errorf("no ZFT0200W for the directory:\n%s", got)
			}
			if (status != 0) != tc.fail {
				t.Errorf("status %d, want failure %v:\n%s", status, tc.fail, got)
			}
			if tc.fail && !strings.Contains(got, "Error Code = 00018") {
				t.Errorf("want the local file access code 18:\n%s", got)
			}
			if _, err := os.Stat(srv.Path("a.txt")); (err == nil) != tc.sent {
				t.Errorf("a.txt on the server: %v, want %v", err == nil, tc.sent)
			}
		})
	}
}
