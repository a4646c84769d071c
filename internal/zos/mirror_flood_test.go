package zos

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/mirrorflood"
)

// runFlood runs a batch job against a mirrorflood server.
func runFlood(t *testing.T, srv mirrorflood.Server, flags Flags, work, input string) (int, string) {
	t.Helper()
	return runFloodLimit(t, srv, flags, work, input, mirrorListLimit())
}

// runFloodLimit is runFlood with MIRROR's listing limit set to limit.
func runFloodLimit(t *testing.T, srv mirrorflood.Server, flags Flags, work, input string, limit client.ListLimit) (int, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go srv.Serve(ln)
	in, out := newBatchInterp(t, flags, work, "u\np\n"+input)
	in.mirrorLimit = limit
	return in.Run("127.0.0.1", ln.Addr().(*net.TCPAddr).Port), out.String()
}

// TestMirrorFloodSpooled: a directory of many MLSD entries (the names
// repeating, so that few files move) is mirrored through the spool: every
// entry is accounted for (copied or up to date), a second run copies
// nothing, and the spool files are gone afterwards. The 3 million entry
// case is measured by hand with internal/mirrorflood/floodd (docs).
func TestMirrorFloodSpooled(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	const entries, names = 3000, 40
	work := t.TempDir()
	srv := mirrorflood.Server{Entries: entries, Names: names}
	for _, par := range []int{1, 2} {
		status, out := runFlood(t, srv, Flags{Verbose: false, ExitOnError: true, Parallel: par}, work, "binary\nmirror flood out\nquit\n")
		if status != 0 {
			t.Fatalf("parallel %d: status %d\n%s", par, status, out)
		}
		var copied, upToDate, created int
		i := strings.Index(out, "MIRROR: ")
		if i < 0 {
			t.Fatalf("no ZFT0192I:\n%s", out)
		}
		fmt.Sscanf(out[i:], "MIRROR: %d files copied, %d up to date, %d directories created.", &copied, &upToDate, &created)
		if par == 1 && (copied != names || upToDate != entries-names) {
			t.Errorf("first run: %d copied, %d up to date, want %d and %d (a name listed again is copied once)", copied, upToDate, names, entries-names)
		}
		if par == 2 && (copied != 0 || upToDate != entries) {
			t.Errorf("second run: %d copied, %d up to date, want 0 and %d", copied, upToDate, entries)
		}
	}
	files, _ := os.ReadDir(filepath.Join(work, "out"))
	if len(files) != names {
		t.Errorf("%d local files, want %d", len(files), names)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("spool files left behind: %v", left)
	}
}

// TestMirrorLoop: a directory that lists itself (the same MLSD unique
// fact below itself) is left out with ZFT0252W once, the rest copied.
func TestMirrorLoop(t *testing.T) {
	work := t.TempDir()
	status, out := runFlood(t, mirrorflood.Server{}, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror loop out\nquit\n")
	if status != 0 || strings.Count(out, "ZFT0252W") != 1 || strings.Contains(out, "ZFT0194E") {
		t.Errorf("status %d\n%s", status, out)
	}
	for _, p := range []string{"out/f", "out/sub/f"} {
		if b, err := os.ReadFile(filepath.Join(work, p)); err != nil || string(b) != "x" {
			t.Errorf("%s: %q %v", p, b, err)
		}
	}
}

// TestMirrorSpoolCap: a listing over mirrorListLimit stops MIRROR before
// anything is copied, with ZFT0131E and a non-zero return code.
func TestMirrorSpoolCap(t *testing.T) {
	limit := mirrorListLimit()
	limit.Entries = 100
	work := t.TempDir()
	status, out := runFloodLimit(t, mirrorflood.Server{Entries: 101, Names: 101}, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror flood out\nquit\n", limit)
	if status == 0 || !strings.Contains(out, "ZFT0131E") || strings.Contains(out, "RETR") {
		t.Errorf("status %d\n%s", status, out)
	}
}
