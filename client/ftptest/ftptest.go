// Package ftptest runs an ftpd server in-process for tests, as
// net/http/httptest does for HTTP.
//
//	srv := ftptest.NewServer(t)
//	// dial srv.Host, srv.Port; log in as srv.User with srv.Password;
//	// files live under srv.Root.
package ftptest

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/ftpd"
)

// DefaultUser is the user name NewServer creates.
const DefaultUser = "tester"

// Server is a running ftpd server on 127.0.0.1 with a temporary root.
type Server struct {
	// Addr is the server's address as host:port.
	Addr string
	// Host is the server's IP address ("127.0.0.1").
	Host string
	// Port is the server's TCP port.
	Port int
	// Root is the directory served, created with t.TempDir unless an
	// Option set another.
	Root string
	// User and Password are the credentials that log in.
	User     string
	Password string

	srv *ftpd.Server
}

// Option changes the ftpd.Options before the server starts.
type Option func(*ftpd.Options)

// WithIBM makes the server answer with z/OS reply texts.
func WithIBM() Option {
	return func(o *ftpd.Options) { o.IBM = true }
}

// WithFaults makes the server inject the given faults.
func WithFaults(f ftpd.Faults) Option {
	return func(o *ftpd.Options) { o.Faults = f }
}

// WithLogger sends the server's log to l.
func WithLogger(l *slog.Logger) Option {
	return func(o *ftpd.Options) { o.Logger = l }
}

// WithRoot serves dir instead of a new temporary directory.
func WithRoot(dir string) Option {
	return func(o *ftpd.Options) { o.Root = dir }
}

// NewServer starts a server on 127.0.0.1 and a free port, serving a new
// temporary directory to the user DefaultUser with a random password. It
// registers t.Cleanup to close the server and fails the test if the
// server cannot start.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	password := randomPassword(t)
	o := ftpd.Options{
		Addr: "127.0.0.1:0",
		Root: t.TempDir(),
	}
	for _, opt := range opts {
		opt(&o)
	}
	users := make(map[string]string, len(o.Users)+1)
	for name, pw := range o.Users {
		users[name] = pw
	}
	users[DefaultUser] = password
	o.Users = users
	srv, err := ftpd.New(o)
	if err != nil {
		t.Fatalf("ftptest: %v", err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Close() })
	a := srv.Addr()
	return &Server{
		Addr:     a.String(),
		Host:     a.IP.String(),
		Port:     a.Port,
		Root:     o.Root,
		User:     DefaultUser,
		Password: password,
		srv:      srv,
	}
}

// Close stops the server and waits for its connections to end. It is
// also called by t.Cleanup, and may be called more than once.
func (s *Server) Close() {
	s.srv.Close()
}

// Path returns the local path of name, a slash-separated path relative to
// the served root.
func (s *Server) Path(name string) string {
	return filepath.Join(s.Root, filepath.FromSlash(name))
}

// WriteFile creates the file name (and its directories) under the root.
func (s *Server) WriteFile(t testing.TB, name string, data []byte) {
	t.Helper()
	p := s.Path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatalf("ftptest: %v", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatalf("ftptest: %v", err)
	}
}

// ReadFile returns the contents of the file name under the root.
func (s *Server) ReadFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(s.Path(name))
	if err != nil {
		t.Fatalf("ftptest: %v", err)
	}
	return b
}

func randomPassword(t testing.TB) string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatalf("ftptest: %v", err)
	}
	return hex.EncodeToString(b[:])
}
