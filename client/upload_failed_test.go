package client_test

import (
	"context"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/internal/platformtest"
	"github.com/zftp/zftp/tls"
)

// cancellingReader gives n bytes of data, then ends the transfer's
// context and blocks until it is done, as a person's Ctrl-C does while
// the upload is still being read.
type cancellingReader struct {
	n      int
	ctx    context.Context
	cancel context.CancelFunc
}

func (r *cancellingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		r.cancel()
		<-r.ctx.Done()
		return 0, r.ctx.Err()
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = 'x'
	}
	r.n -= k
	return k, nil
}

// An aborted upload never looks complete to the server: Abort ends the
// data connection with a reset, not a close, so the server reads an error
// and answers 426 (with a close it read an end of file and answered 226
// for a cut file). The session stays usable. Under PROT P the reset
// reaches the socket under the TLS layers. Under wine: wantRefused.
func TestStorAbortResetsData(t *testing.T) {
	for _, tt := range uploadSecurity {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, tt.opts...)
			s := loggedInWith(t, srv, tt.cfg(t, srv), false)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			tr, err := s.Stor(ctx, "part.bin", &cancellingReader{n: 300000, ctx: ctx, cancel: cancel}, nil)
			if !errors.Is(err, client.ErrAborted) {
				t.Fatalf("Stor: %v, want ErrAborted", err)
			}
			if tr == nil || tr.Reply == nil {
				t.Fatalf("Stor: no final reply: %v", err)
			}
			wantRefused(t, tr.Reply)
			if _, _, err := s.Pwd(t.Context()); err != nil {
				t.Fatalf("the session is not usable after the aborted upload: %v", err)
			}
		})
	}
}

// wantRefused checks that the server did not take a cut upload for a
// whole file: the reset made it answer with a failure. Under wine a
// close with SO_LINGER 0 reaches the server as an end of file, not a
// reset (observed: 226 for plain data connections, 426 under PROT P,
// whose stream then lacks close_notify), where Windows documents
// closesocket with a zero linger time as an abortive close, a reset
// (Microsoft, "Graceful Shutdown, Linger Options, and Socket Closure"):
// there the answer is only logged, and the callers' checks that the call
// itself failed are what holds.
func wantRefused(t *testing.T, r *client.Reply) {
	t.Helper()
	switch {
	case platformtest.UnderWine():
		t.Logf("under wine the server answered %d %s", r.Code, r.Text())
	case r.Code/100 == 2:
		t.Errorf("the server took the cut upload for a whole file: %d %s", r.Code, r.Text())
	}
}

// uploadSecurity is the data protection of the failing uploads' tests:
// clear, and PROT P, whose reset must reach the TCP connection under
// the TLS layers.
var uploadSecurity = []struct {
	name string
	opts []ftptest.Option
	cfg  func(t *testing.T, srv *ftptest.Server) client.Config
}{
	{
		name: "plain",
		cfg:  func(*testing.T, *ftptest.Server) client.Config { return client.Config{} },
	},
	{
		name: "PROT P",
		opts: []ftptest.Option{ftptest.WithTLS(client.ExplicitRequired)},
		cfg: func(t *testing.T, srv *ftptest.Server) client.Config {
			return client.Config{Security: client.Security{Mode: client.ExplicitRequired, Options: tls.Options{Keyring: srv.Keyring(t, false)}}}
		},
	},
}

// failingReader gives n bytes of data, then fails with err: a local file
// whose disk fails in the middle of an upload.
type failingReader struct {
	n   int
	err error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, r.err
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = 'y'
	}
	r.n -= k
	return k, nil
}

// errDiskGone is the local failure of the failing uploads.
var errDiskGone = errors.New("disk gone")

// An upload that fails before its end, on either side, never looks
// complete to the server: the data connection is reset, so the server
// reads an error and answers 426, instead of reading an end of file after
// the bytes still queued in the sockets and answering 226 for a cut file
// (a close did that). The call reports the first failure, the local one
// before the server's 426, and the session stays usable.
func TestStorFailureResetsData(t *testing.T) {
	tests := []struct {
		name string
		opts []ftptest.Option
		cfg  func(t *testing.T, srv *ftptest.Server) client.Config
		src  io.Reader
		want []error // what errors.Is must find in the call's error
		wine []error // the same under wine, when it differs (wantRefused)
	}{
		{
			name: "local read error, plain",
			cfg:  uploadSecurity[0].cfg,
			src:  &failingReader{n: 300000, err: errDiskGone},
			want: []error{client.ErrLocalRead, errDiskGone},
		},
		{
			name: "local read error, PROT P",
			opts: uploadSecurity[1].opts,
			cfg:  uploadSecurity[1].cfg,
			src:  &failingReader{n: 300000, err: errDiskGone},
			want: []error{client.ErrLocalRead, errDiskGone},
		},
		{
			// The server takes 16 KiB per 10 ms: a step's writes outlast
			// the idle deadline with megabytes still queued.
			name: "idle deadline on a slow server",
			opts: []ftptest.Option{ftptest.WithFaults(ftpd.Faults{StoreDelay: 10 * time.Millisecond})},
			cfg: func(*testing.T, *ftptest.Server) client.Config {
				return client.Config{DataIdleTimeout: 100 * time.Millisecond}
			},
			src:  io.LimitReader(zeros{}, 64<<20),
			want: []error{client.ErrDataIdle},
			// The server, reading an end of file, answers 226: the call
			// fails with the write's timeout, not as a data connection
			// idle with no good final reply.
			wine: []error{os.ErrDeadlineExceeded},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, tt.opts...)
			s := loggedInWith(t, srv, tt.cfg(t, srv), true)
			tr, err := s.Stor(t.Context(), "cut.bin", tt.src, nil)
			if err == nil {
				t.Fatal("Stor succeeded")
			}
			want := tt.want
			if platformtest.UnderWine() && tt.wine != nil {
				want = tt.wine
			}
			for _, w := range want {
				if !errors.Is(err, w) {
					t.Errorf("Stor: %v, want %v in it", err, w)
				}
			}
			if tr == nil || tr.Reply == nil {
				t.Fatalf("Stor: no final reply: %v", err)
			}
			wantRefused(t, tr.Reply)
			if _, _, err := s.Pwd(t.Context()); err != nil {
				t.Fatalf("the session is not usable after the failed upload: %v", err)
			}
		})
	}
}

// zeros reads as an endless run of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// loggedInWith dials srv with cfg and logs in (TYPE I when binary); the
// session is closed at the end of the test.
func loggedInWith(t *testing.T, srv *ftptest.Server, cfg client.Config, binary bool) *client.Session {
	t.Helper()
	s, err := client.Dial(t.Context(), srv.Host, srv.Port, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatal(err)
	}
	if binary {
		if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
