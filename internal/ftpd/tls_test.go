package ftpd_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	stdtls "crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/tls/tlstest"
)

const (
	tlsUser = "alice"
	tlsPass = "s3cret"
)

// tlsServer starts a TLS server with a CA from tlstest.NewCA; mod may
// change the options first.
func tlsServer(t *testing.T, mod func(*ftpd.Options)) (*ftpd.Server, *tlstest.CA) {
	t.Helper()
	ca := tlstest.NewCA(t, "zftpd test CA")
	return tlsServerCA(t, ca, mod), ca
}

func tlsServerCA(t *testing.T, ca *tlstest.CA, mod func(*ftpd.Options)) *ftpd.Server {
	t.Helper()
	opts := ftpd.Options{
		Root:        t.TempDir(),
		Users:       map[string]string{tlsUser: tlsPass},
		DataTimeout: 5 * time.Second,
		IdleTimeout: 20 * time.Second,
		TLS:         ca.ServerConfig(t),
	}
	if mod != nil {
		mod(&opts)
	}
	srv, err := ftpd.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Close() })
	return srv
}

// recorder collects a session's events.
type recorder struct {
	mu     sync.Mutex
	events []client.Event
}

func (r *recorder) Observe(e client.Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *recorder) handshakes() []client.TLSHandshake {
	r.mu.Lock()
	defer r.mu.Unlock()
	var hs []client.TLSHandshake
	for _, e := range r.events {
		if h, ok := e.(client.TLSHandshake); ok {
			hs = append(hs, h)
		}
	}
	return hs
}

// clientConfig is a zftp engine configuration trusting ca.
func clientConfig(ca *tlstest.CA, sec client.Security) client.Config {
	if sec.Options.Keyring == nil {
		sec.Options.Keyring = &tls.Keyring{Spec: "test", Roots: ca.Pool(), Anchors: 1}
	}
	sec.Options.VerifyHostname = true
	if sec.Mode == client.SecurityNone {
		sec.Mode = client.ExplicitRequired
	}
	return client.Config{
		ConnectTimeout:     5 * time.Second,
		ReplyTimeout:       10 * time.Second,
		DataConnectTimeout: 5 * time.Second,
		DataIdleTimeout:    10 * time.Second,
		Observer:           &recorder{},
		Security:           sec,
	}
}

func dialClient(t *testing.T, addr *net.TCPAddr, cfg client.Config) (*client.Session, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, addr.IP.String(), addr.Port, cfg)
	if err == nil {
		t.Cleanup(func() { s.Close() })
	}
	return s, err
}

// login dials and logs in, failing the test on error.
func login(t *testing.T, addr *net.TCPAddr, cfg client.Config) *client.Session {
	t.Helper()
	s, err := dialClient(t, addr, cfg)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	if err := s.Login(t.Context(), tlsUser, tlsPass, ""); err != nil {
		t.Fatalf("login: %v", err)
	}
	return s
}

// putGet uploads random data, downloads it again and compares sha256.
func putGet(t *testing.T, s *client.Session, root, name string, size int) {
	t.Helper()
	if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
		t.Fatal(err)
	}
	data := make([]byte, size)
	rand.Read(data)
	want := sha256.Sum256(data)
	if _, err := s.Stor(t.Context(), name, bytes.NewReader(data), nil); err != nil {
		t.Fatalf("STOR %s: %v", name, err)
	}
	stored, err := os.ReadFile(filepath.Join(root, name))
	if err != nil || sha256.Sum256(stored) != want {
		t.Fatalf("stored %s: %d bytes, %v; sha256 differs", name, len(stored), err)
	}
	h := sha256.New()
	if _, err := s.Retr(t.Context(), name, h, nil); err != nil {
		t.Fatalf("RETR %s: %v", name, err)
	}
	if !bytes.Equal(h.Sum(nil), want[:]) {
		t.Fatalf("RETR %s: sha256 differs", name)
	}
}

func TestExplicitTLSPutGetWithReuseRequired(t *testing.T) {
	srv, ca := tlsServer(t, func(o *ftpd.Options) {
		o.RequireTLS = true
		o.RequireSessionReuse = true
	})
	for _, tc := range []struct {
		method  client.DataMethod
		version uint16
	}{
		{client.Passive, stdtls.VersionTLS13},
		{client.ExtendedPassive, stdtls.VersionTLS13},
		{client.Active, stdtls.VersionTLS13},
		{client.ExtendedActive, stdtls.VersionTLS13},
		{client.Passive, stdtls.VersionTLS12},
		{client.Active, stdtls.VersionTLS12},
	} {
		method := tc.method
		t.Run(method.String()+"/"+stdtls.VersionName(tc.version), func(t *testing.T) {
			cfg := clientConfig(ca, client.Security{RequireReuse: true})
			cfg.Security.Options.MaxVersion = tc.version
			cfg.DataMethod = method
			s := login(t, srv.Addr(), cfg)
			if !s.Protected() || !s.DataProtected() {
				t.Fatalf("protected %v, data protected %v", s.Protected(), s.DataProtected())
			}
			putGet(t, s, srv.Root(), "f.bin", 1<<20)
			var list bytes.Buffer
			if _, err := s.List(t.Context(), "", &list); err != nil || !strings.Contains(list.String(), "f.bin") {
				t.Fatalf("LIST %q: %v", list.String(), err)
			}
			if _, err := s.Quit(t.Context()); err != nil {
				t.Fatal(err)
			}
			hs := cfg.Observer.(*recorder).handshakes()
			if len(hs) != 4 || hs[0].Conn != "control" {
				t.Fatalf("handshakes %+v", hs)
			}
			for _, h := range hs[1:] {
				if h.Conn != "data" || !h.Resumed {
					t.Errorf("data handshake %+v did not resume", h)
				}
			}
			for _, h := range hs {
				if h.Protocol != tls.VersionName(tc.version) {
					t.Errorf("handshake %+v, want %s", h, tls.VersionName(tc.version))
				}
			}
		})
	}
}

func TestReuseRequiredRefusesFullHandshake(t *testing.T) {
	srv, ca := tlsServer(t, func(o *ftpd.Options) { o.RequireSessionReuse = true })
	cfg := clientConfig(ca, client.Security{})
	cfg.Security.Options.NoSessionReuse = true
	s := login(t, srv.Addr(), cfg)
	os.WriteFile(filepath.Join(srv.Root(), "f"), []byte("data"), 0o644)
	_, err := s.Retr(t.Context(), "f", io.Discard, nil)
	if client.ReplyCode(err) != 522 || !strings.Contains(err.Error(), "session reuse required") {
		t.Fatalf("err = %v, want 522", err)
	}
	// The session goes on.
	if _, err := s.Noop(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestImplicitTLS(t *testing.T) {
	for _, tt := range []struct {
		name string
		mode client.SecurityMode
		zos  bool
		ibm  bool
	}{
		{"netscape", client.Implicit, false, false},
		{"zos", client.ImplicitZOS, true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, ca := tlsServer(t, func(o *ftpd.Options) {
				o.TLSMode = tt.mode
				o.IBM = tt.ibm
				o.RequireTLS = true
			})
			cfg := clientConfig(ca, client.Security{Mode: implicitMode(tt.zos)})
			s := login(t, srv.Addr(), cfg)
			if !s.Protected() || !s.DataProtected() {
				t.Fatal("not protected")
			}
			if tt.ibm && !strings.HasPrefix(s.Greeting().Text(), "FTPD1 IBM FTP CS") {
				t.Errorf("greeting %q", s.Greeting().Text())
			}
			putGet(t, s, srv.Root(), "g.bin", 256<<10)
			if _, err := s.CCC(t.Context(), client.CCCRFC4217); !errors.Is(err, client.ErrCCCImplicit) {
				t.Errorf("CCC on an implicit session: %v", err)
			}
			// The server refuses CCC on its secure port too (IBM text).
			if tt.ibm {
				r, err := s.Quote(t.Context(), "CCC")
				if client.ReplyCode(err) != 534 || r.Text() != "Command ccc not allowed for connection to secure port" {
					t.Errorf("raw CCC: %v %v", r, err)
				}
			}
		})
	}
}

func TestImplicitModelMismatchFailsFast(t *testing.T) {
	for _, tt := range []struct {
		name      string
		server    client.SecurityMode
		clientZOS bool
	}{
		// The client waits for a clear 220, the server for a ClientHello.
		{"zos client, netscape server", client.Implicit, true},
		// The client's ClientHello meets a clear 220.
		{"netscape client, zos server", client.ImplicitZOS, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, ca := tlsServer(t, func(o *ftpd.Options) { o.TLSMode = tt.server })
			cfg := clientConfig(ca, client.Security{Mode: implicitMode(tt.clientZOS), DataProtection: client.ProtNone})
			cfg.ConnectTimeout = 2 * time.Second
			start := time.Now()
			_, err := dialClient(t, srv.Addr(), cfg)
			elapsed := time.Since(start)
			var ise *client.ImplicitStartError
			if !errors.As(err, &ise) || ise.Mode != implicitMode(tt.clientZOS) {
				t.Fatalf("err = %v, want an *ImplicitStartError of the client's model", err)
			}
			if elapsed > 4*time.Second {
				t.Errorf("took %v", elapsed)
			}
			t.Logf("%v: %v", elapsed.Round(time.Millisecond), err)
		})
	}
}

// relay forwards one connection to target and records what the client
// sends, to show what crosses the control connection in clear.
type relay struct {
	ln net.Listener
	mu sync.Mutex
	up bytes.Buffer // client to server
	wg sync.WaitGroup
}

func newRelay(t *testing.T, target string) *relay {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &relay{ln: ln}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		u, err := net.DialTimeout("tcp", target, 5*time.Second)
		if err != nil {
			return
		}
		defer u.Close()
		deadline := time.Now().Add(30 * time.Second)
		c.SetDeadline(deadline)
		u.SetDeadline(deadline)
		done := make(chan struct{})
		go func() {
			defer close(done)
			io.Copy(c, u)
			c.Close()
		}()
		io.Copy(io.MultiWriter(u, r), c)
		u.Close()
		<-done
	}()
	t.Cleanup(func() {
		ln.Close()
		r.wg.Wait()
	})
	return r
}

func (r *relay) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.up.Write(p)
}

func (r *relay) sent() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.up.String()
}

func (r *relay) addr() *net.TCPAddr { return r.ln.Addr().(*net.TCPAddr) }

func TestCCC(t *testing.T) {
	for _, tt := range []struct {
		name     string
		server   client.CCCMode
		client   client.CCCMode
		ibm      bool
		wantText string

		version uint16
	}{
		{"RFC4217", client.CCCRFC4217, client.CCCRFC4217, false, "Clearing control channel protection", 0},
		{"CCCNONOTIFY", client.CCCNoNotify, client.CCCNoNotify, true, "CCC command successful", 0},
		{"RFC4217/TLS1.2", client.CCCRFC4217, client.CCCRFC4217, true, "CCC command successful", stdtls.VersionTLS12},
		{"CCCNONOTIFY/TLS1.2", client.CCCNoNotify, client.CCCNoNotify, false, "Clearing control channel protection", stdtls.VersionTLS12},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, ca := tlsServer(t, func(o *ftpd.Options) {
				o.CCC, o.CCCMode, o.IBM = ftpd.CCCAccept, tt.server, tt.ibm
				o.RequireSessionReuse = true
			})
			rl := newRelay(t, srv.Addr().String())
			cfg := clientConfig(ca, client.Security{RequireReuse: true})
			cfg.Security.Options.MaxVersion = tt.version
			s := login(t, rl.addr(), cfg)
			r, err := s.CCC(t.Context(), tt.client)
			if err != nil || r.Text() != tt.wantText {
				t.Fatalf("CCC: %v %v", r, err)
			}
			if s.Protected() || !s.ControlCleared() || !s.DataProtected() {
				t.Fatalf("after CCC: protected %v cleared %v data %v", s.Protected(), s.ControlCleared(), s.DataProtected())
			}
			putGet(t, s, srv.Root(), "c.bin", 256<<10)
			if _, err := s.Noop(t.Context()); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Quit(t.Context()); err != nil {
				t.Fatal(err)
			}
			sent := rl.sent()
			if !strings.Contains(sent, "PASV\r\n") || !strings.Contains(sent, "STOR c.bin\r\n") || !strings.Contains(sent, "NOOP\r\n") {
				t.Errorf("no clear commands after CCC in %q", sent)
			}
			if strings.Contains(sent, "USER ") || strings.Contains(sent, "PASS ") || strings.Contains(sent, "CCC\r\n") {
				t.Errorf("commands before CCC crossed in clear: %q", sent)
			}
			for _, h := range cfg.Observer.(*recorder).handshakes()[1:] {
				if !h.Resumed {
					t.Errorf("data handshake after CCC did not resume: %+v", h)
				}
			}
		})
	}
}

func TestCCCRefusedKeepsTLS(t *testing.T) {
	for _, ibm := range []bool{false, true} {
		srv, ca := tlsServer(t, func(o *ftpd.Options) { o.IBM = ibm })
		rl := newRelay(t, srv.Addr().String())
		s := login(t, rl.addr(), clientConfig(ca, client.Security{}))
		r, err := s.CCC(t.Context(), client.CCCRFC4217)
		if client.ReplyCode(err) != 534 {
			t.Fatalf("CCC: %v %v", r, err)
		}
		if ibm && r.Text() != "CCC not supported" {
			t.Errorf("IBM refusal %q", r.Text())
		}
		if !s.Protected() {
			t.Fatal("not protected after a refused CCC")
		}
		putGet(t, s, srv.Root(), "r.bin", 64<<10)
		if _, err := s.Quit(t.Context()); err != nil {
			t.Fatal(err)
		}
		if sent := rl.sent(); strings.Contains(sent, "PASV") || strings.Contains(sent, "NOOP") {
			t.Errorf("clear text on a protected control connection: %q", sent)
		}
	}
}

func TestClientCertRequired(t *testing.T) {
	ca := tlstest.NewCA(t, "zftpd test CA")
	srv := tlsServerCA(t, ca, func(o *ftpd.Options) {
		o.ClientCertRequired, o.ClientCAs = true, ca.Pool()
	})

	t.Run("without", func(t *testing.T) {
		s, err := dialClient(t, srv.Addr(), clientConfig(ca, client.Security{DataProtection: client.ProtNone}))
		if err == nil {
			err = s.Login(t.Context(), tlsUser, tlsPass, "")
		}
		if err == nil {
			t.Fatal("logged in without a client certificate")
		}
		t.Logf("refused: %v", err)
	})
	t.Run("other CA", func(t *testing.T) {
		other := tlstest.NewCA(t, "zftpd test CA")
		ring := keyringWithClient(t, ca, other)
		s, err := dialClient(t, srv.Addr(), clientConfig(ca, client.Security{DataProtection: client.ProtNone, Options: tls.Options{Keyring: ring}}))
		if err == nil {
			err = s.Login(t.Context(), tlsUser, tlsPass, "")
		}
		if err == nil {
			t.Fatal("logged in with a client certificate from another CA")
		}
	})
	t.Run("with", func(t *testing.T) {
		ring := keyringWithClient(t, ca, ca)
		s := login(t, srv.Addr(), clientConfig(ca, client.Security{Options: tls.Options{Keyring: ring}}))
		putGet(t, s, srv.Root(), "cert.bin", 64<<10)
	})
}

// keyringWithClient writes trust (ca.pem) and a client certificate issued
// by issuer (client.pem) into a directory and loads it, as zftp
// --keyring DIR does with zftpd's --cert-dir.
func keyringWithClient(t *testing.T, trust, issuer *tlstest.CA) *tls.Keyring {
	t.Helper()
	dir := t.TempDir()
	leaf := issuer.Issue(t, "tester", tlstest.LeafOptions{Client: true})
	os.WriteFile(filepath.Join(dir, "ca.pem"), trust.CertPEM, 0o644)
	os.WriteFile(filepath.Join(dir, "client.pem"), append(leaf.CertPEM, leaf.KeyPEM...), 0o600)
	k, err := tls.LoadKeyring(dir, tls.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Identities) != 1 {
		t.Fatalf("keyring has %d identities", len(k.Identities))
	}
	return k
}

func TestRequireTLSRefusals(t *testing.T) {
	srv, ca := tlsServer(t, func(o *ftpd.Options) { o.RequireTLS = true })
	// USER before AUTH.
	plain := client.Config{ConnectTimeout: 5 * time.Second, ReplyTimeout: 10 * time.Second}
	s, err := dialClient(t, srv.Addr(), plain)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.User(t.Context(), tlsUser); client.ReplyCode(err) != 530 {
		t.Errorf("USER before AUTH: %v %v", r, err)
	}
	// PROT C is refused; transfers need PROT P.
	cfg := clientConfig(ca, client.Security{DataProtection: client.ProtClear})
	s, err = dialClient(t, srv.Addr(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Login(t.Context(), tlsUser, tlsPass, "")
	if client.ReplyCode(err) != 536 {
		t.Fatalf("login with PROT C: %v, want 536", err)
	}
	if _, err := s.List(t.Context(), "", io.Discard); client.ReplyCode(err) != 522 {
		t.Errorf("LIST without PROT P: %v, want 522", err)
	}
	if _, err := s.Prot(t.Context(), 'P'); err != nil {
		t.Fatal(err)
	}
	if _, err := s.List(t.Context(), "", io.Discard); err != nil {
		t.Errorf("LIST with PROT P: %v", err)
	}
}

// implicitMode is the client's implicit mode for a SECUREIMPLICITZOS value.
func implicitMode(zos bool) client.SecurityMode {
	if zos {
		return client.ImplicitZOS
	}
	return client.Implicit
}
