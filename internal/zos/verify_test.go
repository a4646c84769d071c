package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/internal/platformtest"
)

// TestMgetVerifyByList checks that a binary MGET against a server whose
// FEAT lists SIZE but not MLST (zftpd) asks one LIST of the directory and
// no SIZE, serially and in parallel; that a name the listing does not give
// a size for (a link) is asked SIZE; and that a file an IBM-style server
// (125 without a byte count) sends short is still caught.
func TestMgetVerifyByList(t *testing.T) {
	const short = 500
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{DropDataAfter: short, DropDataQuietly: true}))
	if err := os.Mkdir(srv.Path("d"), 0o755); err != nil {
		t.Fatal(err)
	}
	data := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i)}, 100+i) }
	for i := range 5 {
		srv.WriteFile(t, fmt.Sprintf("d/f%d.bin", i), data(i))
	}
	// A symbolic link in the listing has no size there: MGET asks SIZE.
	links := platformtest.CanSymlink(t)
	if links {
		if err := os.Symlink("f0.bin", srv.Path("d/link")); err != nil {
			t.Fatal(err)
		}
	}
	big := bytes.Repeat([]byte("big\n"), 1000)
	srv.WriteFile(t, "e/big.bin", big)
	srv.WriteFile(t, "e/ok.bin", data(0))
	for _, par := range []int{1, 3} {
		t.Run(fmt.Sprintf("parallel_%d", par), func(t *testing.T) {
			work := t.TempDir()
			job, wants := "binary\nmget d/f*.bin\nmget e/*.bin\n", []string{">>> LIST e\n", "ZFT0130E e/big.bin: received 500 bytes"}
			if links {
				job += "mget d/link\n"
				wants = append(wants, ">>> SIZE d/link\n213 100\n", ">>> SIZE")
			}
			_, got := runBatch(t, srv, Flags{Verbose: true, Parallel: par}, work, job+"quit\n")
			if !links && strings.Contains(got, ">>> SIZE") {
				t.Errorf("SIZE asked for files the listing gave sizes for:\n%s", got)
			}
			for _, want := range wants {
				if strings.Count(got, want) != 1 {
					t.Errorf("%q is not in the transcript once:\n%s", want, got)
				}
			}
			if wantLists := map[bool]int{true: 2, false: 1}[links]; strings.Count(got, ">>> LIST d\n") != wantLists {
				t.Errorf("LIST d is not asked once per MGET:\n%s", got)
			}
			for i := range 5 {
				b, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%d.bin", i)))
				if err != nil || !bytes.Equal(b, data(i)) {
					t.Errorf("f%d.bin differs (%v)", i, err)
				}
			}
			if _, err := os.Stat(filepath.Join(work, "big.bin")); err == nil {
				t.Error("the short big.bin was kept")
			}
		})
	}
}
