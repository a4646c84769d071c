package zos

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/internal/platformtest"
)

// TestListingSizes checks the LIST-to-sizes mapping an MGET uses when FEAT
// does not list MLST: regular files only, names kept exactly (blanks
// included), anything else left out (SIZE then asks), and a listing that
// is not Unix-style gives nothing.
func TestListingSizes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  map[string]int64 // nil: no sizes (SIZE per file)
	}{
		{"files", []string{
			"total 12",
			"-rw-r--r--    1 ftp      ftp          1234 Jan 01 12:00 a.bin",
			"-rw-r--r-- 1 u g 0 Jan  1  2020 empty",
		}, map[string]int64{"a.bin": 1234, "empty": 0}},
		{"blanks in names", []string{
			"-rw-r--r-- 1 u g 7 Jan 01 12:00 two words",
			"-rw-r--r-- 1 u g 8 Jan 01 12:00 trailing ",
		}, map[string]int64{"two words": 7, "trailing ": 8}},
		{"directories, links, devices", []string{
			"drwxr-xr-x 2 u g 4096 Jan 01 12:00 sub",
			"lrwxrwxrwx 1 u g 5 Jan 01 12:00 link -> a.bin",
			"crw-rw-rw- 1 u g 1, 3 Jan 01 12:00 null",
			"prw-r--r-- 1 u g 0 Jan 01 12:00 fifo",
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 f",
		}, map[string]int64{"f": 3}},
		{"dot entries", []string{
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 .",
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 ..",
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 .hidden",
		}, map[string]int64{".hidden": 3}},
		{"hostile sizes", []string{
			"-rw-r--r-- 1 u g -5 Jan 01 12:00 neg",
			"-rw-r--r-- 1 u g 99999999999999999999 Jan 01 12:00 big",
			"-rw-r--r-- 1 u g 1e3 Jan 01 12:00 exp",
			"-rw-r--r-- 1 u g 4 Jan 01 12:00 ok",
		}, map[string]int64{"ok": 4}},
		{"listed twice", []string{
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 dup",
			"-rw-r--r-- 1 u g 4 Jan 01 12:00 dup",
		}, map[string]int64{"dup": -1}},
		{"path names", []string{
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 sub/x",
		}, map[string]int64{"sub/x": 3}},
		{"mvs data sets", []string{
			"Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname",
			"WRK001 3390   2024/01/01  1   15  FB      80  6160  PS  DATA",
		}, nil},
		{"short line", []string{
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 f",
			"-rw-r--r-- 1 u g 3",
		}, nil},
		{"garbage after files", []string{
			"-rw-r--r-- 1 u g 3 Jan 01 12:00 f",
			"zftpd-fault-0000001",
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ls := newListingSizes()
			var err error
			for _, l := range tc.lines {
				if err = ls.add(l); err != nil {
					break
				}
			}
			got := ls.sizes
			if err != nil {
				if !errors.Is(err, errNotUnixListing) {
					t.Fatalf("error %v", err)
				}
				got = nil
			}
			if (got == nil) != (tc.want == nil) || !maps.Equal(got, tc.want) {
				t.Errorf("sizes %v, want %v", got, tc.want)
			}
		})
	}
}

// TestListingSizesBounded checks that a listing over the bounds of
// client.Sizes ends with client.ErrListTooLong.
func TestListingSizesBounded(t *testing.T) {
	ls := newListingSizes()
	long := strings.Repeat("x", 1<<20)
	var err error
	for i := 0; err == nil && i <= client.MaxSizesNameBytes>>20+1; i++ {
		err = ls.add(fmt.Sprintf("-rw-r--r-- 1 u g 3 Jan 01 12:00 %d%s", i, long))
	}
	if !errors.Is(err, client.ErrListTooLong) {
		t.Fatalf("error %v, want ErrListTooLong", err)
	}
}

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
