package zos

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// Extra parallel sessions reach the first session's protection or are not
// used: with -a TLS (TLS tried, not required) and a server that refuses
// AUTH on every connection after the first, no extra session logs in in
// clear; the MGET goes on over the protected first session, says so, and
// fetches every file.
func TestParallelExtraSessionsKeepTLS(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithFaults(ftptest.Faults{AuthFirstOnly: true}))
	for i := range 6 {
		srv.WriteFile(t, fmt.Sprintf("f%d.bin", i), fileData(i))
	}
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Attempt: "TLS", Keyring: srv.CAFile, Parallel: 3},
		work, "binary\nmget f*\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	if !strings.Contains(out, "ZFT0190W") || !strings.Contains(out, "AUTH: 534") {
		t.Errorf("no word that the extra sessions were refused for lack of TLS:\n%s", out)
	}
	for i := range 6 {
		got, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%d.bin", i)))
		if err != nil || string(got) != string(fileData(i)) {
			t.Errorf("f%d.bin: %v", i, err)
		}
	}
}

// A session that stalls during a file (its RETR sends nothing past
// DATACTTIME) is closed and the file tried once more on another session:
// every file arrives, one retry line, exit 0.
func TestParallelRetryOnStalledSession(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{StallOnce: "f007.bin"}))
	const n = 200 // issue 21: 200 files, one session stalling
	for i := range n {
		srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
	}
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 4, Timeout: 3, Passive: true},
		work, "binary\nmget f*\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	if c := strings.Count(out, "ZFT0196W"); c != 1 {
		t.Errorf("%d retry lines, want 1:\n%s", c, out)
	}
	for i := range n {
		got, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%03d.bin", i)))
		if err != nil || string(got) != string(fileData(i)) {
			t.Errorf("f%03d.bin: %v", i, err)
		}
	}
}
