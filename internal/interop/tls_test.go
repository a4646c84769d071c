//go:build linux

package interop

import (
	"bytes"
	"context"
	stdtls "crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/tls/tlstest"
)

// ---- TLS helpers (shared with ccc_test.go and implicit_test.go) ---------------------------------

// keyring makes an in-memory keyring: the CAs as trust anchors and, when given, a client
// certificate with its key.
func keyring(t *testing.T, id *tlstest.Leaf, cas ...*tlstest.CA) *tls.Keyring {
	t.Helper()
	k := &tls.Keyring{Spec: "test", Source: "test", Roots: x509.NewCertPool(), Anchors: len(cas)}
	for _, ca := range cas {
		k.Roots.AddCert(ca.Cert)
	}
	if id != nil {
		k.Identities = []tls.Identity{{Label: "client", Cert: id.TLSCertificate(t)}}
	}
	return k
}

// sessionLog records what a session reports: commands, replies, TLS handshakes and warnings.
type sessionLog struct {
	mu         sync.Mutex
	commands   []string // lines as sent (PASS without its argument)
	replies    []string // "code text" of every reply
	handshakes []client.TLSHandshake
	cleared    []client.ControlCleared
	warnings   []string
}

func (l *sessionLog) Observe(e client.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch e := e.(type) {
	case client.CommandSent:
		l.commands = append(l.commands, e.Line)
	case client.ReplyReceived:
		l.replies = append(l.replies, fmt.Sprintf("%d %s", e.Reply.Code, e.Reply.Last()))
	case client.TLSHandshake:
		l.handshakes = append(l.handshakes, e)
	case client.ControlCleared:
		l.cleared = append(l.cleared, e)
	case client.Warning:
		l.warnings = append(l.warnings, e.Message)
	}
}

// dataHandshakes returns the handshakes of data connections.
func (l *sessionLog) dataHandshakes() []client.TLSHandshake {
	l.mu.Lock()
	defer l.mu.Unlock()
	var hs []client.TLSHandshake
	for _, h := range l.handshakes {
		if h.Conn == "data" {
			hs = append(hs, h)
		}
	}
	return hs
}

func (l *sessionLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprintf("commands %q; replies %q; handshakes %+v", l.commands, l.replies, l.handshakes)
}

// tlsConfig is testConfig with security: explicit TLS, required, PROT P, verified against the
// keyring, host name checked.
func tlsConfig(obs client.Observer, k *tls.Keyring) client.Config {
	cfg := testConfig(client.Passive, obs)
	cfg.ConnectTimeout = 5 * time.Second
	cfg.Security = client.Security{
		Mode:    client.ExplicitRequired,
		Options: tls.Options{Keyring: k, VerifyHostname: true},
	}
	return cfg
}

// dialErr dials and returns the session or the error, closing the session at cleanup.
func dialErr(t *testing.T, host string, port int, cfg client.Config) (*client.Session, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, host, port, cfg)
	if err == nil {
		t.Cleanup(func() { s.Close() })
	}
	return s, err
}

// file1MiB returns the 1 MiB random test file.
func file1MiB(t *testing.T) testFile {
	t.Helper()
	for _, f := range testFiles(t) {
		if f.Label == "1MiB" {
			return f
		}
	}
	t.Fatal("no 1 MiB test file")
	return testFile{}
}

// putGet stores the 1 MiB file as name, reads it back and compares SHA-256 sums, checks that a
// listing shows it, then deletes it.
func putGet(t *testing.T, s *client.Session, srv *Server, name string) {
	t.Helper()
	f := file1MiB(t)
	if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
		t.Fatalf("Type(I): %v", err)
	}
	in, err := os.Open(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	tr, err := s.Stor(t.Context(), name, in, nil)
	if err != nil {
		t.Fatalf("Stor(%q): %v", name, err)
	}
	if tr.Bytes != f.Size || tr.Reply == nil || tr.Reply.Code != 226 {
		t.Errorf("Stor(%q): %d bytes, final reply %+v; want %d bytes and 226", name, tr.Bytes, tr.Reply, f.Size)
	}
	if srv != nil {
		if got := fileTailSum(t, srv.Home+"/"+name, 0); got != f.Sum {
			t.Errorf("stored file on the server's disk: sha256 %s, want %s", got, f.Sum)
		}
	}
	hw := newHashWriter()
	tr, err = s.Retr(t.Context(), name, hw, nil)
	if err != nil {
		t.Fatalf("Retr(%q): %v", name, err)
	}
	if hw.n != f.Size || hw.Sum() != f.Sum {
		t.Errorf("Retr(%q): %d bytes sha256 %s; want %d bytes sha256 %s", name, hw.n, hw.Sum(), f.Size, f.Sum)
	}
	if tr.Reply == nil || tr.Reply.Code != 226 {
		t.Errorf("Retr(%q): final reply %+v, want 226", name, tr.Reply)
	}
	if names := listNames(t, s, ""); !slices.Contains(names, name) {
		t.Errorf("List does not show %q: %q", name, names)
	}
	if _, err := s.Delete(t.Context(), name); err != nil {
		t.Errorf("Delete(%q): %v", name, err)
	}
}

// wantResumed checks that every data connection resumed the control connection's TLS session.
func wantResumed(t *testing.T, l *sessionLog, min int) {
	t.Helper()
	hs := l.dataHandshakes()
	if len(hs) < min {
		t.Errorf("%d data handshakes reported, want at least %d: %s", len(hs), min, l)
	}
	for i, h := range hs {
		if !h.Resumed {
			t.Errorf("data handshake %d (%s %s) did not resume the control connection's session", i, h.Protocol, h.Cipher)
		}
	}
}

// ---- explicit TLS: login, PROT P, put/get, list --------------------------------------------------

type tlsCase struct {
	name   string
	kind   Kind
	opts   Options
	client bool // present a client certificate from the server's CA
	reuse  bool // the server requires data connections to resume the session: assert they did
}

var explicitCases = []tlsCase{
	{name: "vsftpd-reuse", kind: Vsftpd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true}, reuse: true},
	{name: "vsftpd-require_cert", kind: Vsftpd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, RequireCert: true}, client: true, reuse: true},
	{name: "proftpd-TLSRequired", kind: Proftpd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true}, reuse: true},
	{name: "proftpd-TLSVerifyClient", kind: Proftpd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, RequireCert: true}, client: true, reuse: true},
	{name: "pure-ftpd-Y2", kind: PureFTPd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true}},
	{name: "pyftpdlib-required", kind: Pyftpdlib, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true}},
	{name: "pyftpdlib-client-cert", kind: Pyftpdlib, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireCert: true}, client: true},
}

// withoutTLS states, for the tests that list TLS servers by hand, the kinds that have no TLS at
// all (TestInteropTable and TestSecureFTPRequiredNoTLS check their refusal of AUTH TLS).
func withoutTLS(more map[Kind]string) map[Kind]string {
	m := map[Kind]string{}
	for _, k := range Kinds {
		if why := lack(k, featTLS); why != "" {
			m[k] = why
		}
	}
	for k, why := range more {
		m[k] = why
	}
	return m
}

// kindsOf returns the kinds of cases, each once.
func kindsOf[C any](cases []C, kind func(C) Kind) []Kind {
	var ks []Kind
	for _, c := range cases {
		if k := kind(c); !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	return ks
}

func TestTLSExplicit(t *testing.T) {
	t.Parallel()
	checkEnabled(t)
	coverKinds(t, kindsOf(explicitCases, func(c tlsCase) Kind { return c.kind }), withoutTLS(nil))
	for _, tc := range explicitCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ca := tlstest.NewCA(t, "zftp interop CA "+tc.name)
			o := tc.opts
			o.CA = ca.CA
			srv := Start(t, tc.kind, o)
			var id *tlstest.Leaf
			if tc.client {
				id = ca.Issue(t, "zftp test client", tlstest.LeafOptions{Client: true})
			}
			l := &sessionLog{}
			cfg := tlsConfig(l, keyring(t, id, ca))
			cfg.Security.RequireReuse = tc.reuse
			s := dial(t, srv, cfg)
			if !s.Protected() {
				t.Fatalf("session not protected after Dial: %s", l)
			}
			if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
				t.Fatalf("Login: %v (%s)", err, l)
			}
			if !s.DataProtected() {
				t.Fatalf("PROT P not in force after Login: %s", l)
			}
			// A protected download first (the listing of the empty home), then the put/get.
			listNames(t, s, "")
			if tc.reuse {
				wantResumed(t, l, 1)
			}
			putGet(t, s, srv, "tls-1MiB")
			if tc.reuse {
				wantResumed(t, l, 4) // LIST, STOR, RETR, LIST
			}
			for i, h := range l.handshakes {
				t.Logf("handshake %d: %s %s %s resumed=%v", i, h.Conn, h.Protocol, h.Cipher, h.Resumed)
			}
			if _, err := s.Quit(t.Context()); err != nil {
				t.Errorf("Quit: %v", err)
			}
		})
	}
}

// ---- refusals ------------------------------------------------------------------------------------

// refusal is one connection attempt that must fail before anything secret is sent.
type refusal struct {
	name  string
	cfg   func(cfg *client.Config) // changes to the client configuration
	check tls.Check                // VerifyError.Check wanted; "" for a refusal by the server
	text  []string                 // substrings the error text must hold
	anyOf []string                 // the error text must hold one of these
}

// tls13Refusal lists what a TLS 1.3 client sees when the server refuses its certificate after
// the handshake: the server's alert on the first read, or, when the server has already closed
// the connection by the time the client writes USER, a reset that discards the alert (seen
// about once in 30 runs against proftpd).
func tls13Refusal(alert string) []string {
	return []string{alert, "connection reset by peer", "broken pipe", "EOF"}
}

func TestTLSRefusals(t *testing.T) {
	t.Parallel()
	ca := tlstest.NewCA(t, "zftp interop server CA")
	other := tlstest.NewCA(t, "zftp interop other CA")
	good := ca.Issue(t, "zftp test client", tlstest.LeafOptions{Client: true})
	foreign := other.Issue(t, "zftp foreign client", tlstest.LeafOptions{Client: true})

	// With TLS 1.3 the server checks the client certificate after the client's Finished: the
	// client's handshake succeeds and the server's alert arrives on the first read (the reply to
	// USER). With TLS 1.2 the handshake itself fails.
	tls12 := func(c *client.Config) { c.Security.Options.MaxVersion = stdtls.VersionTLS12 }
	clientRefusals := []refusal{
		{name: "NoClientCert", anyOf: tls13Refusal("certificate required")},
		{name: "NoClientCertTLS12", cfg: tls12, text: []string{"handshake", "client certificate"}},
		{name: "ClientCertOtherCA", cfg: func(c *client.Config) {
			c.Security.Options.Keyring = keyring(t, foreign, ca)
		}, anyOf: tls13Refusal("unknown certificate authority")},
		{name: "ClientCertOtherCATLS12", cfg: func(c *client.Config) {
			tls12(c)
			c.Security.Options.Keyring = keyring(t, foreign, ca)
		}, text: []string{"handshake", "client certificate"}},
		{name: "WrongCA", cfg: func(c *client.Config) {
			c.Security.Options.Keyring = keyring(t, good, other)
		}, check: "unknown CA", text: []string{"unknown CA", "zftp interop server CA", "not a trust anchor"}},
	}
	type setup struct {
		name     string
		kind     Kind
		opts     Options
		refusals []refusal
		pass     []refusal // configurations that must work: login and a listing
	}
	setups := []setup{
		{name: "vsftpd-require_cert", kind: Vsftpd,
			opts:     Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, RequireCert: true, CA: ca.CA},
			refusals: clientRefusals,
			pass:     []refusal{{name: "GoodClientCert", cfg: func(c *client.Config) { c.Security.Options.Keyring = keyring(t, good, ca) }}}},
		{name: "proftpd-TLSVerifyClient", kind: Proftpd,
			opts:     Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, RequireCert: true, CA: ca.CA},
			refusals: clientRefusals,
			pass:     []refusal{{name: "GoodClientCert", cfg: func(c *client.Config) { c.Security.Options.Keyring = keyring(t, good, ca) }}}},
		{name: "proftpd-OtherHostName", kind: Proftpd,
			opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, CA: ca.CA,
				Cert: ca.Issue(t, "ftp.other.example", tlstest.LeafOptions{Hosts: []string{"ftp.other.example"}}).Leaf},
			refusals: []refusal{{name: "SecureHostnameRequired", check: "host name",
				text: []string{"host name", `"127.0.0.1"`, "ftp.other.example"}}},
			// SECURE_HOSTNAME OPTIONAL (the z/OS default): the chain is still verified, the name is not.
			pass: []refusal{{name: "SecureHostnameOptional", cfg: func(c *client.Config) {
				c.Security.Options.VerifyHostname, c.Security.Options.HostnameOptional = false, true
			}}}},
		{name: "pyftpdlib-client-cert", kind: Pyftpdlib,
			opts:     Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireCert: true, CA: ca.CA},
			refusals: clientRefusals,
			pass:     []refusal{{name: "GoodClientCert", cfg: func(c *client.Config) { c.Security.Options.Keyring = keyring(t, good, ca) }}}},
		{name: "pure-ftpd-Expired", kind: PureFTPd,
			opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, CA: ca.CA,
				Cert: ca.Issue(t, "127.0.0.1", tlstest.LeafOptions{NotBefore: time.Now().Add(-72 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour)}).Leaf},
			refusals: []refusal{
				{name: "Expired", check: "expired", text: []string{"expired"}},
				// Not even SECURE_HOSTNAME OPTIONAL lets an expired certificate through.
				{name: "ExpiredHostnameOptional", cfg: func(c *client.Config) {
					c.Security.Options.VerifyHostname, c.Security.Options.HostnameOptional = false, true
				}, check: "expired", text: []string{"expired"}},
			}},
	}
	checkEnabled(t)
	coverKinds(t, kindsOf(setups, func(s setup) Kind { return s.kind }), withoutTLS(nil))
	for _, st := range setups {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			srv := Start(t, st.kind, st.opts)
			for _, r := range st.refusals {
				t.Run(r.name, func(t *testing.T) {
					l := &sessionLog{}
					cfg := tlsConfig(l, keyring(t, nil, ca))
					if r.cfg != nil {
						r.cfg(&cfg)
					}
					err := refusedLogin(t, srv, cfg, l)
					if err == nil {
						return
					}
					t.Logf("%s: error: %v", srv.Kind, err)
					if len(r.anyOf) > 0 && !slices.ContainsFunc(r.anyOf, func(s string) bool { return strings.Contains(err.Error(), s) }) {
						t.Errorf("error %q says none of %q", err, r.anyOf)
					}
					for _, want := range r.text {
						if !strings.Contains(err.Error(), want) {
							t.Errorf("error %q does not say %q", err, want)
						}
					}
					var ve *tls.VerifyError
					if r.check != "" {
						if !errors.As(err, &ve) {
							t.Errorf("error %v is not a *tls.VerifyError (want check %q)", err, r.check)
						} else if ve.Check != r.check {
							t.Errorf("VerifyError.Check = %q, want %q (%v)", ve.Check, r.check, err)
						}
					} else if errors.As(err, &ve) {
						t.Errorf("the server refused us, but the client reports its own verification error: %v", err)
					}
				})
			}
			for _, p := range st.pass {
				t.Run(p.name, func(t *testing.T) {
					l := &sessionLog{}
					cfg := tlsConfig(l, keyring(t, nil, ca))
					if p.cfg != nil {
						p.cfg(&cfg)
					}
					s := dial(t, srv, cfg)
					if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
						t.Fatalf("Login: %v (%s)", err, l)
					}
					if !s.DataProtected() {
						t.Errorf("PROT P not in force after Login: %s", l)
					}
					listNames(t, s, "")
					if _, err := s.Quit(t.Context()); err != nil {
						t.Errorf("Quit: %v", err)
					}
				})
			}
		})
	}
}

// refusedLogin dials and logs in, expecting a failure before the password is sent. A handshake
// the server refuses may complete on the client's side first (TLS 1.3 checks the client
// certificate after the client's Finished): then the refusal shows on the first command. It
// returns the error, or nil after failing the test.
func refusedLogin(t *testing.T, srv *Server, cfg client.Config, l *sessionLog) error {
	t.Helper()
	start := time.Now()
	s, err := dialErr(t, srv.Host, srv.Port, cfg)
	if err == nil {
		err = s.Login(t.Context(), srv.User, srv.Password, "")
		if err == nil {
			t.Errorf("Dial and Login succeeded; want a refusal (%s)", l)
			return nil
		}
	} else if !errors.Is(err, client.ErrSecurityRequired) {
		t.Errorf("Dial error %v does not wrap client.ErrSecurityRequired", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the refusal took %v", d.Round(time.Millisecond))
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.commands {
		if strings.HasPrefix(c, "PASS") {
			t.Errorf("PASS was sent on a session that failed its TLS checks: %q", l.commands)
		}
	}
	return err
}

// ---- SECURE_FTP REQUIRED against a server without TLS --------------------------------------------

// wireTap is a TCP relay on 127.0.0.1 between the client and a server that records every byte
// the client sends.
type wireTap struct {
	ln   net.Listener
	mu   sync.Mutex
	sent bytes.Buffer // client → server
	recv bytes.Buffer // server → client
	wg   sync.WaitGroup
}

func newWireTap(t *testing.T, target string) *wireTap {
	t.Helper()
	w := &wireTap{}
	w.ln = relayTo(t, target, &w.wg, func(c, u net.Conn) {
		w.wg.Add(2)
		go func() { // client → server, recorded
			defer w.wg.Done()
			io.Copy(io.MultiWriter(u, w), c)
			u.(*net.TCPConn).CloseWrite()
		}()
		go func() { // server → client, recorded
			defer w.wg.Done()
			io.Copy(io.MultiWriter(c, writerFunc(w.received)), u)
			c.Close()
			u.Close()
		}()
	})
	t.Cleanup(w.finish)
	return w
}

// finish stops accepting and waits for the relayed connections to end (both peers closed).
func (w *wireTap) finish() {
	w.ln.Close()
	done := make(chan struct{})
	go func() { w.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

func (w *wireTap) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sent.Write(p)
}

func (w *wireTap) received(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.recv.Write(p)
}

// Received returns what the server has sent so far.
func (w *wireTap) Received() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.recv.String()
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// Sent returns what the client has sent so far.
func (w *wireTap) Sent() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sent.String()
}

func (w *wireTap) port() int { return w.ln.Addr().(*net.TCPAddr).Port }

// TestSecureFTPRequiredNoTLS: with SECURE_FTP REQUIRED (-r TLS) against each server without
// TLS (every kind as the harness runs it plain: each refuses AUTH in its own words, Twisted with
// 530), the session ends with ErrSecurityRequired and no USER or PASS line ever crosses the
// wire. With ALLOWED (-a TLS) the same server is used in clear, which shows that the tap does
// see USER and PASS when they are sent.
func TestSecureFTPRequiredNoTLS(t *testing.T) {
	t.Parallel()
	checkEnabled(t)
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			testSecureFTPRequiredNoTLS(t, Start(t, k, Options{}))
		})
	}
}

func testSecureFTPRequiredNoTLS(t *testing.T, srv *Server) {
	ca := tlstest.NewCA(t, "zftp interop CA")

	t.Run("Required", func(t *testing.T) {
		tap := newWireTap(t, srv.Addr())
		l := &sessionLog{}
		cfg := tlsConfig(l, keyring(t, nil, ca))
		s, err := dialErr(t, Host, tap.port(), cfg)
		if err == nil {
			// Whatever the engine did, try to make it send the secrets: the test must catch it.
			lerr := s.Login(t.Context(), srv.User, srv.Password, "")
			t.Errorf("Dial succeeded against a server without TLS (Login: %v); want ErrSecurityRequired", lerr)
		} else {
			if !errors.Is(err, client.ErrSecurityRequired) {
				t.Errorf("error %v does not wrap client.ErrSecurityRequired", err)
			}
			if c := client.ReplyCode(err); c/100 != 5 {
				t.Errorf("error %v carries reply code %d, want the server's 5xx refusal of AUTH", err, c)
			}
			t.Logf("%s without TLS: %v", srv.Kind, err)
		}
		tap.finish() // everything the client sent has been relayed
		sent := tap.Sent()
		t.Logf("client → server: %q", sent)
		if !strings.Contains(sent, "AUTH TLS\r\n") {
			t.Errorf("AUTH TLS was not sent: %q", sent)
		}
		for _, l := range strings.Split(sent, "\r\n") {
			verb, _, _ := strings.Cut(strings.ToUpper(l), " ")
			if verb == "USER" || verb == "PASS" {
				t.Errorf("%s crossed the wire with SECURE_FTP REQUIRED: %q", verb, sent)
			}
		}
		if strings.Contains(sent, srv.User) || strings.Contains(sent, srv.Password) {
			t.Errorf("the user name or password crossed the wire: %q", sent)
		}
	})

	t.Run("Allowed", func(t *testing.T) {
		tap := newWireTap(t, srv.Addr())
		l := &sessionLog{}
		cfg := tlsConfig(l, keyring(t, nil, ca))
		cfg.Security.Mode = client.ExplicitAllowed
		s, err := dialErr(t, Host, tap.port(), cfg)
		if err != nil {
			t.Fatalf("Dial with SECURE_FTP ALLOWED: %v", err)
		}
		if s.Protected() {
			t.Fatalf("session protected against a server without TLS")
		}
		if len(l.warnings) == 0 {
			t.Errorf("no warning that the session continues without TLS: %s", l)
		}
		if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
			t.Fatalf("Login in clear: %v", err)
		}
		if s.DataProtected() {
			t.Errorf("data protected on a session without TLS")
		}
		s.Quit(t.Context())
		s.Close()
		tap.finish()
		sent := tap.Sent()
		if !strings.Contains(sent, "USER "+srv.User+"\r\n") || !strings.Contains(sent, "PASS ") {
			t.Errorf("the tap did not see USER and PASS in clear: %q", sent)
		}
	})
}
