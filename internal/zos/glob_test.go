package zos

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// A server that does not expand wildcards (NLST of a pattern refused, as
// pure-ftpd, pyftpdlib and goftp answer): MGET and MDELETE list the
// directory and match the names themselves, exactly the matching files,
// byte-exact, exit 0 under -e, and say so once.
func TestWildcardsMatchedHere(t *testing.T) {
	for _, refusal := range []string{"550 No files found", "450 No files found", "501 Invalid argument"} {
		t.Run(refusal[:3], func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{ReplyCodeFor: map[string]string{"NLST": refusal}}))
			for i := range 3 {
				srv.WriteFile(t, fmt.Sprintf("f%d.dat", i), fileData(i))
				srv.WriteFile(t, fmt.Sprintf("g%d.dat", i), fileData(i))
			}
			srv.WriteFile(t, "sub/f9.dat", fileData(9))
			work := t.TempDir()
			status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmget f*.dat\nmdelete f?.dat\nquit\n")
			if status != 0 {
				t.Fatalf("status %d\n%s", status, out)
			}
			if strings.Count(out, "ZFT0195I") != 2 {
				t.Errorf("want one ZFT0195I per pattern:\n%s", out)
			}
			entries, _ := os.ReadDir(work)
			if len(entries) != 3 {
				t.Errorf("mget fetched %d files, want 3", len(entries))
			}
			for i := range 3 {
				got, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%d.dat", i)))
				if err != nil || string(got) != string(fileData(i)) {
					t.Errorf("f%d.dat: %v", i, err)
				}
				if _, err := os.Stat(srv.Path(fmt.Sprintf("f%d.dat", i))); !os.IsNotExist(err) {
					t.Errorf("mdelete left f%d.dat", i)
				}
				if _, err := os.Stat(srv.Path(fmt.Sprintf("g%d.dat", i))); err != nil {
					t.Errorf("mdelete removed g%d.dat", i)
				}
			}
		})
	}
}

// One binary MGET of several names in one directory asks one listing of
// that directory for the size check, not one per name (issue: the docs
// promise one per directory).
func TestMgetOneListingPerDirectory(t *testing.T) {
	srv := ftptest.NewServer(t)
	for i := range 3 {
		srv.WriteFile(t, fmt.Sprintf("d/f%d.bin", i), fileData(i))
	}
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, NoGlob: true}, work, "binary\nmget d/f0.bin d/f1.bin d/f2.bin\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	if n := strings.Count(out, ">>> LIST d\n"); n != 1 {
		t.Errorf("%d listings of d for one MGET, want 1:\n%s", n, out)
	}
	if strings.Contains(out, ">>> SIZE") {
		t.Errorf("SIZE asked although the listing gave the sizes:\n%s", out)
	}
}
