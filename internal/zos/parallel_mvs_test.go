package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestParallelMVSTranscript: binary MGETs of MVS data sets, for which a
// z/OS server gives no size, over PARALLEL 3 write the serial transcript:
// ZFT0177I (no size to check against) once, at the first file, and not
// again at the second MGET; every data set arrives whole.
func TestParallelMVSTranscript(t *testing.T) {
	const n = 12
	transcripts := map[int]string{}
	for _, par := range []int{1, 3} {
		srv := ftptest.NewServer(t, ftptest.WithMVS())
		for i := range n {
			srv.WriteFile(t, fmt.Sprintf("TESTER/D%03d.DATA", i), fileData(i))
		}
		work := t.TempDir()
		status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
			"binary\nmget D*\nmget D* (replace\nquit\n")
		if status != 0 {
			t.Fatalf("parallel %d: status %d\n%s", par, status, got)
		}
		if c := strings.Count(got, "ZFT0177I"); c != 1 {
			t.Errorf("parallel %d: ZFT0177I %d times, want once", par, c)
		}
		for i := range n {
			if b, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("D%03d.DATA", i))); err != nil || !bytes.Equal(b, fileData(i)) {
				t.Errorf("parallel %d: D%03d.DATA differs (%v)", par, i, err)
			}
		}
		transcripts[par] = normalizeParallel(got)
	}
	if transcripts[3] != transcripts[1] {
		t.Errorf("parallel transcript differs from the serial one\n--- parallel\n%s--- serial\n%s", transcripts[3], transcripts[1])
	}
}
