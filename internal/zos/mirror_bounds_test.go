package zos

import (
	"github.com/zftp/zftp/internal/platformtest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// MIRROR writes only under the local directory named: "mirror .." and
// "mirror /" (and "mirror -R /") name no local directory and are refused;
// nothing is written outside the local directory.
func TestMirrorLocalTargetConfined(t *testing.T) {
	srv := ftptest.NewServer(t)
	srv.WriteFile(t, "keep.txt", []byte("server's\n"))
	for _, cmd := range []string{"mirror ..", "mirror /", "mirror -R /", "mirror -R .."} {
		t.Run(cmd, func(t *testing.T) {
			outer := t.TempDir()
			work := filepath.Join(outer, "work")
			os.Mkdir(work, 0o755)
			keep := filepath.Join(outer, "keep.txt")
			os.WriteFile(keep, []byte("mine\n"), 0o644)
			status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, cmd+"\nquit\n")
			if status == 0 {
				t.Errorf("%s: status 0\n%s", cmd, out)
			}
			if got, _ := os.ReadFile(keep); string(got) != "mine\n" {
				t.Errorf("%s overwrote a file outside the local directory: %q", cmd, got)
			}
			if strings.Contains(out, "RETR") || strings.Contains(out, "STOR") {
				t.Errorf("%s moved data:\n%s", cmd, out)
			}
		})
	}
}

// A tree deeper than MIRRORDEPTH (a server whose every directory lists
// another) stops MIRROR before anything is copied, with ZFT0194E and a
// non-zero return code.
func TestMirrorDepthBound(t *testing.T) {
	srv := ftptest.NewServer(t)
	p := "top"
	for range 6 {
		p += "/d"
	}
	srv.WriteFile(t, p+"/deep.txt", []byte("deep\n"))
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "locsite mirrordepth=3\nmirror top\nquit\n")
	if status == 0 || !strings.Contains(out, "ZFT0194E") || strings.Contains(out, "RETR") {
		t.Errorf("status %d\n%s", status, out)
	}
	status, out = runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "mirror top\nquit\n")
	if got, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(p), "deep.txt")); status != 0 || err != nil || string(got) != platformtest.LocalText("deep\n") {
		t.Errorf("within the default depth: status %d, %v\n%s", status, err, out)
	}
}
