package client_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// progressCounter counts TransferProgress events.
type progressCounter struct {
	mu sync.Mutex
	n  int
}

func (p *progressCounter) Observe(e client.Event) {
	if _, ok := e.(client.TransferProgress); ok {
		p.mu.Lock()
		p.n++
		p.mu.Unlock()
	}
}

// retrProgress downloads f.bin from srv into a file and counts the progress
// events.
func retrProgress(t *testing.T, srv *ftptest.Server) int {
	t.Helper()
	pc := &progressCounter{}
	s, err := client.Dial(context.Background(), srv.Host, srv.Port, client.Config{Observer: pc})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Quit(t.Context())
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := s.Retr(t.Context(), "f.bin", out, nil); err != nil {
		t.Fatal(err)
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return pc.n
}

// TestStepsGrowOnlyWhenFast: a fast plain download moves in growing steps
// (far fewer progress events than 256 KiB chunks), a slow one keeps
// 256 KiB steps, so its progress events and idle deadline stay frequent.
func TestStepsGrowOnlyWhenFast(t *testing.T) {
	const size = 32 << 20
	fast := ftptest.NewServer(t)
	fast.WriteFile(t, "f.bin", bytes.Repeat([]byte("z"), size))
	if n, chunks := retrProgress(t, fast), size/(256<<10); n >= chunks*3/4 {
		t.Errorf("fast download: %d progress events, want well under %d (steps did not grow)", n, chunks)
	}
	const slowSize = 1 << 20 // 64 blocks of 16 KiB, 25 ms each: about 1.6 s
	slow := ftptest.NewServer(t, ftptest.WithFaults(ftpd.Faults{DataDelay: 25 * time.Millisecond}))
	slow.WriteFile(t, "f.bin", bytes.Repeat([]byte("z"), slowSize))
	if n := retrProgress(t, slow); n < slowSize/(256<<10) {
		t.Errorf("slow download: %d progress events, want one per 256 KiB (%d)", n, slowSize/(256<<10))
	}
}
