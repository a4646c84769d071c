package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// TestParallelSameTargetInListOrder: two names of one parallel subcommand
// that reach the same file (MPUT's a/xN and b/xN are both stored as xN;
// a listing that names a file twice; names that differ only in case,
// which a case-insensitive file system or an MVS server takes for one)
// are never moved at the same time, and in list order: the result is the
// serial one (b's data), not whichever session finished last.
func TestParallelSameTargetInListOrder(t *testing.T) {
	const pairs = 6
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{DataDelay: 20 * time.Millisecond}))
	local := t.TempDir()
	var args []string
	for _, d := range []string{"a", "b"} {
		os.Mkdir(filepath.Join(local, d), 0o755)
	}
	for i := range pairs {
		// a's file is the bigger one, so that, moved side by side, it
		// would finish last.
		os.WriteFile(filepath.Join(local, "a", fmt.Sprintf("x%d", i)), bytes.Repeat([]byte("a"), 64<<10), 0o644)
		os.WriteFile(filepath.Join(local, "b", fmt.Sprintf("x%d", i)), []byte("b\n"), 0o644)
		args = append(args, fmt.Sprintf("a/x%d", i), fmt.Sprintf("b/x%d", i))
	}
	status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 4}, local,
		"binary\nmput "+strings.Join(args, " ")+"\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, got)
	}
	for i := range pairs {
		if b := srv.ReadFile(t, fmt.Sprintf("x%d", i)); string(b) != "b\n" {
			t.Errorf("x%d holds %d bytes of a's data, want b's (the later in the list)", i, len(b))
		}
	}
}

// TestParallelListingNamesTwice: a listing that names each file twice
// gives the serial result with PARALLEL: without (REPLACE the second GET
// of a name finds the first one's file and fails, with it the file is
// fetched again; never two sessions writing one local file at once.
func TestParallelListingNamesTwice(t *testing.T) {
	var listed []string
	for i := range 4 {
		listed = append(listed, fmt.Sprintf("f%d.bin", i), fmt.Sprintf("f%d.bin", i))
	}
	for _, replace := range []string{"", " (replace"} {
		name := "keep"
		if replace != "" {
			name = "replace"
		}
		t.Run(name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{NameList: listed, DataDelay: 20 * time.Millisecond}))
			for i := range 4 {
				srv.WriteFile(t, fmt.Sprintf("f%d.bin", i), bytes.Repeat(fileData(i), 8))
			}
			results := map[int]string{}
			for _, par := range []int{1, 4} {
				work := t.TempDir()
				status, got := runBatch(t, srv, Flags{Verbose: true, Parallel: par}, work, "binary\nmget f*"+replace+"\nquit\n")
				for i := range 4 {
					if b, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%d.bin", i))); err != nil || !bytes.Equal(b, bytes.Repeat(fileData(i), 8)) {
						t.Errorf("parallel %d: f%d.bin differs (%v)", par, i, err)
					}
				}
				results[par] = fmt.Sprintf("status %d\n%s", status, normalizeParallel(got))
			}
			if results[4] != results[1] {
				t.Errorf("parallel differs from serial\n--- parallel\n%s--- serial\n%s", results[4], results[1])
			}
		})
	}
}

// TestParallelSameTargetKey: the names that must not move side by side:
// while one moves, the other is busy.
func TestParallelSameTargetKey(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"x", "x", true},
		{"Report.TXT", "report.txt", true},
		{"x1", "x2", false},
		{"", "", false}, // no target: no order kept
	} {
		same := sameTargets{}
		same.start(targetKey(tc.a))
		if got := same.busy(targetKey(tc.b)); got != tc.same {
			t.Errorf("%q moving, %q busy %v, want %v", tc.a, tc.b, got, tc.same)
		}
		same.end(targetKey(tc.a))
		if same.busy(targetKey(tc.b)) {
			t.Errorf("%q still busy once %q ended", tc.b, tc.a)
		}
	}
}
