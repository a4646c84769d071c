package client_test

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// failingReader gives n bytes of data, then an error: a local file that
// cannot be read to its end (a disk error, a file cut while it is sent).
type failingReader struct{ n int }

var errLocalRead = errors.New("local read failed")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, errLocalRead
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = 'x'
	}
	r.n -= k
	return k, nil
}

// An upload whose local source fails part-way never looks complete to the
// server: the data connection ends with a reset, not a close, so the
// server answers 426 (with a close it read an end of file and answered
// 226 for a partial file). The session stays usable.
func TestStorLocalFailureResetsData(t *testing.T) {
	srv := ftptest.NewServer(t)
	s, err := client.Dial(t.Context(), srv.Host, srv.Port, client.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatal(err)
	}
	tr, err := s.Stor(t.Context(), "part.bin", &failingReader{n: 300000}, nil)
	if !errors.Is(err, errLocalRead) && client.ReplyCode(err) == 0 {
		t.Fatalf("Stor: %v, want the local read error or the server's refusal", err)
	}
	if tr == nil || tr.Reply == nil || tr.Reply.Code/100 == 2 {
		t.Fatalf("the server took the cut upload for a whole file: %+v", tr)
	}
	if _, err := s.Stor(t.Context(), "next.bin", io.LimitReader(bytes.NewReader(make([]byte, 1000)), 1000), nil); err != nil {
		t.Fatalf("the session is not usable after the failed upload: %v", err)
	}
}
