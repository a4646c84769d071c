package client_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// lastProgress keeps the byte count of the last TransferProgress event
// and counts the events.
type lastProgress struct {
	mu    sync.Mutex
	bytes int64
	n     int
}

func (p *lastProgress) Observe(e client.Event) {
	if e, ok := e.(client.TransferProgress); ok {
		p.mu.Lock()
		p.bytes, p.n = e.Bytes, p.n+1
		p.mu.Unlock()
	}
}

// An upload that ends normally closes its data connection gracefully
// (the reset is for uploads that end early): the server stores every
// byte, including the megabytes still queued in the sockets when the
// client is done writing, and answers 226. The progress events end at
// the file's size. From a file, from a reader that is not one, and under
// PROT P.
func TestStorWholeFile(t *testing.T) {
	const size = 24<<20 + 1234 // not a multiple of any step or buffer
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i*7 + i>>13)
	}
	local := filepath.Join(t.TempDir(), "up.bin")
	if err := os.WriteFile(local, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sources := []struct {
		name string
		open func(t *testing.T) io.Reader
	}{
		{"file", func(t *testing.T) io.Reader {
			f, err := os.Open(local)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		}},
		{"reader", func(*testing.T) io.Reader { return bytes.NewReader(data) }},
	}
	for _, sec := range uploadSecurity {
		for _, src := range sources {
			t.Run(sec.name+", "+src.name, func(t *testing.T) {
				srv := ftptest.NewServer(t, sec.opts...)
				lp := &lastProgress{}
				cfg := sec.cfg(t, srv)
				cfg.Observer = lp
				s := loggedInWith(t, srv, cfg, true)
				tr, err := s.Stor(t.Context(), "whole.bin", src.open(t), nil)
				if err != nil {
					t.Fatal(err)
				}
				if tr.Bytes != size || tr.Reply.Code != 226 {
					t.Errorf("Stor: %d bytes, reply %d, want %d bytes and 226", tr.Bytes, tr.Reply.Code, size)
				}
				if got := srv.ReadFile(t, "whole.bin"); !bytes.Equal(got, data) {
					t.Errorf("the server stored %d bytes, not the %d bytes sent", len(got), size)
				}
				lp.mu.Lock()
				defer lp.mu.Unlock()
				if lp.bytes != size {
					t.Errorf("last progress event at %d bytes, want %d", lp.bytes, size)
				}
				if lp.n < 2 {
					t.Errorf("%d progress events for %d bytes, want one per step", lp.n, size)
				}
			})
		}
	}
}
