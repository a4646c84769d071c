package zos

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// TestParallelExtraLearnsPassiveLate: an extra session brought to the
// first session's settings before the first session's passive command
// had worked (here its sync's NOOP is slow, its PASV read none) still
// sends its first STOR together with its PASV once the first session
// knows PASV works: each extra session's first STOR is a command the
// server had already read when it answered the PASV. The first session's
// first STOR goes alone (nothing told it yet that PASV works).
func TestParallelExtraLearnsPassiveLate(t *testing.T) {
	log := newRecordLog()
	srv := ftptest.NewServer(t, ftptest.WithLogger(slog.New(log)), ftptest.WithFaults(ftptest.Faults{
		DelayFor: map[string]time.Duration{"PASV": 100 * time.Millisecond, "NOOP": 400 * time.Millisecond}}))
	src := t.TempDir()
	for i := range 16 {
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("f%02d.bin", i)), fileData(i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 3, Passive: true},
		t.TempDir(), "binary\nlcd "+src+"\nmput *\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	var main string
	firstStor := map[string]bool{} // remote → its first STOR was queued
	for _, r := range log.records() {
		switch {
		case r.msg == "logged in" && main == "":
			main = r.remote
		case r.commandVerb() == "STOR":
			if _, seen := firstStor[r.remote]; !seen {
				firstStor[r.remote] = r.attrs["queued"] == "true"
			}
		}
	}
	if len(firstStor) != 3 {
		t.Fatalf("%d sessions sent STOR, want 3", len(firstStor))
	}
	for remote, queued := range firstStor {
		switch {
		case remote == main && queued:
			t.Error("the first session's first STOR went with its PASV before PASV was known to work")
		case remote != main && !queued:
			t.Errorf("extra session %s sent its first STOR alone, after its PASV's reply", remote)
		}
	}
	for i := range 16 {
		name := fmt.Sprintf("f%02d.bin", i)
		if got := srv.ReadFile(t, name); string(got) != string(fileData(i)) {
			t.Errorf("%s: %d bytes stored, want %d", name, len(got), len(fileData(i)))
		}
	}
}
