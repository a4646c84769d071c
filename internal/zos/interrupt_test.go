package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/transcript"
)

// syncBuffer is a bytes.Buffer for one writer and a reader on another
// goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestInterruptInProcess calls Interrupt as the terminal's signal handler
// does: the first call aborts the running GET, a second one during the
// same subcommand is left to the caller (false).
func TestInterruptInProcess(t *testing.T) {
	const oldContent = "old contents, must survive\n"
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{DataDelay: 20 * time.Millisecond}))
	srv.WriteFile(t, "f.bin", bytes.Repeat([]byte("z"), 4<<20))
	tmp := t.TempDir()
	old := filepath.Join(tmp, "old.bin")
	if err := os.WriteFile(old, []byte(oldContent), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := LoadSettings(&Flags{Verbose: true, Timeout: 10}, testFinder(tmp))
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	in := New(set, Options{
		Output:    transcript.TextSink{W: &out},
		Source:    NewBatchSource(pr, false),
		WorkDir:   tmp,
		NetrcPath: func() (string, error) { return filepath.Join(tmp, "netrc"), nil },
	})
	done := make(chan int, 1)
	go func() { done <- in.Run(srv.Host, srv.Port) }()
	pw.WriteString(srv.User + "\n" + srv.Password + "\nget f.bin old.bin (replace\n")
	waitForTemp(t, tmp)
	if !in.Interrupt() {
		t.Fatal("first Ctrl-C during a GET was not taken as an abort")
	}
	if in.Interrupt() {
		t.Error("second Ctrl-C during the same GET was taken as an abort; the program must end")
	}
	pw.WriteString("pwd\nquit\n")
	pw.Close()
	select {
	case st := <-done:
		if st != 0 {
			t.Errorf("status %d", st)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the interpreter did not end")
	}
	o := out.String()
	if !strings.Contains(o, "EZA1701I >>> ABOR") || !strings.Contains(o, "transfer aborted") {
		t.Errorf("no ABOR and abort message:\n%s", o)
	}
	if i := strings.LastIndex(o, ">>> PWD"); i < 0 || !strings.Contains(o[i:], "257 ") {
		t.Errorf("session not usable after the abort:\n%s", o)
	}
	if got, _ := os.ReadFile(old); string(got) != oldContent {
		t.Errorf("old file changed: %d bytes", len(got))
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 1 {
		t.Errorf("files left in %s: %v", tmp, ents)
	}
}

// waitForTemp waits until a GET has started writing its temporary file
// in dir.
func waitForTemp(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".zftp-") {
				if fi, err := e.Info(); err == nil && fi.Size() > 0 {
					return
				}
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the GET never started writing")
}
