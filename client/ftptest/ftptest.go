// Package ftptest runs an ftpd server in-process for tests, as
// net/http/httptest does for HTTP.
//
//	srv := ftptest.NewServer(t)
//	// dial srv.Host, srv.Port; log in as srv.User with srv.Password;
//	// files live under srv.Root.
//
// With WithTLS the server speaks FTPS with a CA made at test time
// (tlstest): clients trust srv.CAFile (or srv.Keyring(t, false)), and with
// WithClientCert present srv.ClientCertFile (srv.Keyring(t, true)).
package ftptest

import (
	"crypto/rand"
	stdtls "crypto/tls"
	"encoding/hex"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/tls/tlstest"

	"github.com/zftp/zftp/client"
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

	// TLS, set by WithTLS. CA signed the server certificate (for
	// 127.0.0.1, ::1 and localhost) and the client certificate. CertDir
	// holds CAFile (ca.pem, the trust anchor) and, with WithClientCert,
	// ClientCertFile (client.pem: certificate and key, mode 0600), so
	// that CertDir itself is a keyring with both.
	TLSMode        client.SecurityMode
	CA             *tlstest.CA
	CertDir        string
	CAFile         string
	ClientCert     *tlstest.Leaf
	ClientCertFile string

	srv *ftpd.Server
}

// Option is one choice of NewServer, made by the With functions.
type Option struct{ apply func(*ftpd.Options) }

// Faults are the failures WithFaults makes the server inject (a short
// transfer, a reply instead of a command's work, a silent or hung-up
// control connection, hostile listings …); each field says what it does.
type Faults = ftpd.Faults

// WithIBM makes the server answer with z/OS reply texts.
func WithIBM() Option {
	return Option{func(o *ftpd.Options) { o.IBM = true }}
}

// WithFaults makes the server inject the given faults.
func WithFaults(f Faults) Option {
	return Option{func(o *ftpd.Options) { o.Faults = f }}
}

// WithMVS makes the server play a z/OS FTP server with an MVS data-set
// catalog (zftpd --mvs): see internal/ftpd's package doc for how the tree
// under Root maps to data sets and PDS members.
func WithMVS() Option {
	return Option{func(o *ftpd.Options) { o.MVS = true }}
}

// WithTLS makes the server speak FTPS in mode, with a server certificate
// from a CA made at test time (Server.CA, Server.CAFile).
func WithTLS(mode client.SecurityMode) Option {
	return Option{func(o *ftpd.Options) {
		if o.TLS == nil {
			o.TLS = &stdtls.Config{} // NewServer adds the certificate
		}
		o.TLSMode = mode
	}}
}

// WithCertificate makes the server present cert instead of the one
// WithTLS issues for 127.0.0.1 (a certificate for another name, to test
// host-name checks). It implies WithTLS(client.ExplicitAllowed) unless
// WithTLS chose another mode.
func WithCertificate(cert stdtls.Certificate) Option {
	return Option{func(o *ftpd.Options) {
		o.TLS = &stdtls.Config{Certificates: []stdtls.Certificate{cert}}
		if o.TLSMode == client.SecurityNone {
			o.TLSMode = client.ExplicitAllowed
		}
	}}
}

// WithRequireTLS refuses login before TLS, PROT C, and transfers without
// PROT P.
func WithRequireTLS() Option {
	return Option{func(o *ftpd.Options) { o.RequireTLS = true }}
}

// WithRequireReuse refuses protected data connections that do not resume
// the control connection's TLS session (522).
func WithRequireReuse() Option {
	return Option{func(o *ftpd.Options) { o.RequireSessionReuse = true }}
}

// WithClientCert requires a client certificate from the test CA; the
// server makes one (Server.ClientCert, Server.ClientCertFile).
func WithClientCert() Option {
	return Option{func(o *ftpd.Options) { o.ClientCertRequired = true }}
}

// WithCCC sets the CCC policy: accept (200) or refuse (534); an accepted
// CCC exchanges close_notify (RFC4217) unless nonotify (CCCNONOTIFY).
func WithCCC(accept, nonotify bool) Option {
	return Option{func(o *ftpd.Options) {
		o.CCC, o.CCCMode = ftpd.CCCRefuse, client.CCCRFC4217
		if accept {
			o.CCC = ftpd.CCCAccept
		}
		if nonotify {
			o.CCCMode = client.CCCNoNotify
		}
	}}
}

// WithPassiveAddress makes the 227 reply to PASV advertise ip (always a
// loopback address other than the server's, such as 127.0.0.2) while the
// data listener stays on 127.0.0.1: a server behind NAT, for tests of
// PASSIVEIGNOREADDR.
func WithPassiveAddress(ip net.IP) Option {
	return Option{func(o *ftpd.Options) { o.PassiveAddress = ip }}
}

// WithMaxSessions makes the server refuse (421) a session beyond n at once.
func WithMaxSessions(n int) Option {
	return Option{func(o *ftpd.Options) { o.MaxSessions = n }}
}

// WithIdleTimeout makes the server end a control connection that sends
// no command for d, with a 421 reply, as servers do after minutes.
func WithIdleTimeout(d time.Duration) Option {
	return Option{func(o *ftpd.Options) { o.IdleTimeout = d }}
}

// WithSharedTickets makes every session of the server share one TLS
// session ticket key, so that a client's later control connections can
// resume its first one's TLS session (ftpd.Options.SharedSessionTickets).
func WithSharedTickets() Option {
	return Option{func(o *ftpd.Options) { o.SharedSessionTickets = true }}
}

// WithLogger makes the server write its records (one per connection
// event and per command, with the TLS handshakes' "resumed") to l, for a
// test that checks what the server saw and when.
func WithLogger(l *slog.Logger) Option {
	return Option{func(o *ftpd.Options) { o.Logger = l }}
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
		opt.apply(&o)
	}
	users := make(map[string]string, len(o.Users)+1)
	for name, pw := range o.Users {
		users[name] = pw
	}
	users[DefaultUser] = password
	o.Users = users
	s := &Server{Root: o.Root, User: DefaultUser, Password: password, TLSMode: o.TLSMode}
	s.setUpTLS(t, &o)
	srv, err := ftpd.New(o)
	if err != nil {
		t.Fatalf("ftptest: %v", err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Close() })
	a := srv.Addr()
	s.Addr, s.Host, s.Port, s.srv = a.String(), a.IP.String(), a.Port, srv
	return s
}

// setUpTLS gives a TLS configuration without a certificate one from a new
// CA, and a required client certificate its CA pool and a certificate.
func (s *Server) setUpTLS(t testing.TB, o *ftpd.Options) {
	t.Helper()
	needServer := o.TLS != nil && len(o.TLS.Certificates) == 0 && o.TLS.GetCertificate == nil && o.TLS.GetConfigForClient == nil
	needClient := o.ClientCertRequired && o.ClientCAs == nil
	if !needServer && !needClient {
		return
	}
	s.CA = tlstest.NewCA(t, "ftptest CA")
	s.CertDir = t.TempDir()
	s.CAFile = tlstest.WriteFile(t, s.CertDir, "ca.pem", s.CA.CertPEM)
	if needServer {
		leaf := s.CA.Issue(t, "ftptest server", tlstest.LeafOptions{})
		cfg := o.TLS.Clone()
		cfg.Certificates = []stdtls.Certificate{leaf.TLSCertificate(t)}
		o.TLS = cfg
	}
	if needClient {
		o.ClientCAs = s.CA.Pool()
		s.ClientCert = s.CA.Issue(t, "ftptest client", tlstest.LeafOptions{Client: true})
		s.ClientCertFile = tlstest.WriteFile(t, s.CertDir, "client.pem", s.ClientCert.CertPEM, s.ClientCert.KeyPEM)
	}
}

// Keyring loads the keyring a zftp client of a WithTLS server uses: the
// CA as trust anchor, and with withClientCert the client certificate too
// (CertDir loaded as a directory).
func (s *Server) Keyring(t testing.TB, withClientCert bool) *tls.Keyring {
	t.Helper()
	if s.CA == nil {
		t.Fatalf("ftptest: Keyring: the server has no test CA (use WithTLS)")
	}
	spec := s.CAFile
	if withClientCert {
		if s.ClientCertFile == "" {
			t.Fatalf("ftptest: Keyring: the server has no client certificate (use WithClientCert)")
		}
		spec = s.CertDir
	}
	k, err := tls.LoadKeyring(spec, tls.LoadOptions{})
	if err != nil {
		t.Fatalf("ftptest: %v", err)
	}
	return k
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
