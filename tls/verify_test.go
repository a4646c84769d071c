package tls

import (
	"context"
	stdtls "crypto/tls"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/tls/tlstest"
)

// serveTLS accepts connections on loopback with cert, optionally asking
// for a client certificate from clientCA, and echoes one line.
func serveTLS(t *testing.T, cert stdtls.Certificate, clientCA *tlstest.CA) string {
	t.Helper()
	cfg := &stdtls.Config{Certificates: []stdtls.Certificate{cert}}
	if clientCA != nil {
		cfg.ClientAuth = stdtls.RequireAndVerifyClientCert
		cfg.ClientCAs = clientCA.Pool()
	}
	return serveTLSConfig(t, cfg)
}

// serveTLSConfig accepts TLS connections on loopback with cfg; each gets
// "hello\n" once its handshake is done.
func serveTLSConfig(t *testing.T, cfg *stdtls.Config) string {
	t.Helper()
	ln, err := stdtls.Listen("tcp", "127.0.0.1:0", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				if err := c.(*stdtls.Conn).Handshake(); err != nil {
					return
				}
				c.Write([]byte("hello\n"))
				io.Copy(io.Discard, c)
			}()
		}
	}()
	return ln.Addr().String()
}

func dialWith(t *testing.T, s *Session, addr string) (*Conn, error) {
	t.Helper()
	raw, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	tc, err := s.Client(context.Background(), raw, 5*time.Second)
	if err != nil {
		raw.Close()
		return nil, err
	}
	t.Cleanup(func() { tc.Close() })
	return tc, nil
}

func TestVerification(t *testing.T) {
	ca := tlstest.NewCA(t, "good CA")
	other := tlstest.NewCA(t, "other CA")
	good := ca.Issue(t, "server", tlstest.LeafOptions{Hosts: []string{"127.0.0.1", "localhost"}})
	wrongName := ca.Issue(t, "elsewhere", tlstest.LeafOptions{Hosts: []string{"elsewhere.example"}})
	expired := ca.Issue(t, "old", tlstest.LeafOptions{NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour)})
	foreign := other.Issue(t, "foreign", tlstest.LeafOptions{})
	ring := &Keyring{Spec: "test", Roots: ca.Pool(), Anchors: 1}

	tests := []struct {
		name      string
		leaf      *tlstest.Leaf
		checkHost bool  // SECURE_HOSTNAME REQUIRED coded
		optional  bool  // SECURE_HOSTNAME OPTIONAL coded
		check     Check // "" = success
	}{
		{"good", good, true, false, ""},
		{"good, not coded", good, false, false, ""},
		{"wrong name, HostnameOptional", wrongName, false, true, ""},
		{"wrong name, VerifyHostname", wrongName, true, false, "host name"},
		{"wrong name, by default", wrongName, false, false, "host name"},
		{"wrong name, REQUIRED wins over OPTIONAL", wrongName, true, true, "host name"},
		{"expired", expired, false, true, "expired"},
		{"unknown CA", foreign, false, true, "unknown CA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := serveTLS(t, tt.leaf.TLSCertificate(t), nil)
			s, err := NewSession(Options{Keyring: ring, ServerName: "127.0.0.1", VerifyHostname: tt.checkHost, HostnameOptional: tt.optional})
			if err != nil {
				t.Fatal(err)
			}
			_, err = dialWith(t, s, addr)
			if tt.check == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *VerifyError
			if !errors.As(err, &ve) || ve.Check != tt.check {
				t.Fatalf("err = %v, want check %q", err, tt.check)
			}
			if !strings.Contains(err.Error(), tt.leaf.Cert.Subject.CommonName) {
				t.Fatalf("error does not name the certificate: %v", err)
			}
			if tt.check == CheckHostName && (ve.Host != "127.0.0.1" || ve.HostRequired != tt.checkHost) {
				t.Errorf("Host %q, HostRequired %v; want 127.0.0.1, %v (VerifyHostname)", ve.Host, ve.HostRequired, tt.checkHost)
			}
		})
	}
}

func TestClientCertificateAndResumption(t *testing.T) {
	ca := tlstest.NewCA(t, "CA")
	server := ca.Issue(t, "server", tlstest.LeafOptions{})
	client := ca.Issue(t, "client", tlstest.LeafOptions{Client: true})
	addr := serveTLS(t, server.TLSCertificate(t), ca)

	// Without a client certificate the server refuses the handshake.
	bare, _ := NewSession(Options{Keyring: &Keyring{Roots: ca.Pool(), Anchors: 1}, ServerName: "127.0.0.1"})
	if tc, err := dialWith(t, bare, addr); err == nil {
		// TLS 1.3: the refusal arrives with the first read.
		if _, err = tc.Read(make([]byte, 8)); err == nil {
			t.Fatal("server accepted a client without a certificate")
		}
	}

	ring := &Keyring{Roots: ca.Pool(), Anchors: 1, Identities: []Identity{{Label: "client", Cert: client.TLSCertificate(t)}}}
	s, err := NewSession(Options{Keyring: ring, ServerName: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		tc, err := dialWith(t, s, addr)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 6)
		if _, err := io.ReadFull(tc, buf); err != nil || string(buf) != "hello\n" {
			t.Fatalf("read %q %v", buf, err)
		}
		if _, _, resumed := Describe(tc.ConnectionState()); resumed != (i == 1) {
			t.Fatalf("connection %d resumed=%v", i, resumed)
		}
	}
	if _, err := NewSession(Options{Keyring: ring, CertLabel: "nobody"}); err == nil {
		t.Fatal("unknown label accepted")
	}
}

// TestVirtualAuthKeyringSendsNoClientCertificate: *AUTH*/* with a
// configured CA store verifies a server whose CA is in the store, and
// offers no client certificate even when the server asks for one.
func TestVirtualAuthKeyringSendsNoClientCertificate(t *testing.T) {
	ca := tlstest.NewCA(t, "store CA")
	server := ca.Issue(t, "server", tlstest.LeafOptions{})
	store := tlstest.WriteFile(t, t.TempDir(), "store.pem", ca.CertPEM)
	ring, err := LoadKeyring(VirtualAuth, LoadOptions{CAStore: store})
	if err != nil {
		t.Fatal(err)
	}
	if len(ring.Identities) != 0 {
		t.Fatalf("virtual keyring holds %d client certificates", len(ring.Identities))
	}
	got := make(chan int, 1)
	ln, err := stdtls.Listen("tcp", "127.0.0.1:0", &stdtls.Config{
		Certificates: []stdtls.Certificate{server.TLSCertificate(t)},
		ClientAuth:   stdtls.RequestClientCert,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		tc := c.(*stdtls.Conn)
		tc.SetDeadline(time.Now().Add(5 * time.Second))
		if tc.Handshake() == nil {
			got <- len(tc.ConnectionState().PeerCertificates)
		}
	}()
	s, err := NewSession(Options{Keyring: ring, ServerName: "127.0.0.1", VerifyHostname: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dialWith(t, s, ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-got:
		if n != 0 {
			t.Fatalf("client sent %d certificates", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("server handshake did not finish")
	}
}
