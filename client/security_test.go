package client

import (
	"bufio"
	"bytes"
	stdtls "crypto/tls"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/tls/tlstest"
)

// upgrade turns the fake's control connection into a TLS server
// connection.
func (c *fakeConn) upgrade(cfg *stdtls.Config) {
	tc := stdtls.Server(c.conn, cfg)
	if err := tc.Handshake(); err != nil {
		c.t.Errorf("fake: handshake: %v", err)
		return
	}
	c.conn = tc
	c.r = bufio.NewReader(tc)
}

// explicitTLS plays the server side of the greeting, AUTH TLS and the
// handshake.
func (c *fakeConn) explicitTLS(cfg *stdtls.Config) {
	c.send("220 hi")
	c.expect("AUTH TLS")
	c.send("234 Proceed with negotiation.")
	c.upgrade(cfg)
}

// testTLS is a server's TLS configuration and the options of a client
// that trusts it and checks the host name.
func testTLS(t *testing.T) (*stdtls.Config, tls.Options) {
	srv, ring := serverTLS(t, tlstest.LeafOptions{})
	return srv, tls.Options{Keyring: ring, VerifyHostname: true}
}

// serverTLS is a server's TLS configuration, with a certificate made by
// opts, and a keyring that holds the CA that issued it.
func serverTLS(t *testing.T, opts tlstest.LeafOptions) (*stdtls.Config, *tls.Keyring) {
	ca := tlstest.NewCA(t, "fake CA")
	leaf := ca.Issue(t, "fake server", opts)
	srv := &stdtls.Config{Certificates: []stdtls.Certificate{leaf.TLSCertificate(t)}}
	return srv, &tls.Keyring{Spec: "test", Roots: ca.Pool(), Anchors: 1}
}

func TestExplicitTLSLoginAndProtectedRetr(t *testing.T) {
	srvCfg, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.explicitTLS(srvCfg)
		c.expect("USER u")
		c.send("331 pw")
		c.expect("PASS pw")
		c.send("230 ok")
		c.expect("PBSZ 0")
		c.send("200 PBSZ=0")
		c.expect("PROT P")
		c.send("200 Protection set to Private")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR f")
		dc, _ := ln.Accept()
		c.send("150 ok")
		tdc := stdtls.Server(dc, srvCfg)
		tdc.Handshake()
		tdc.Write([]byte("secret data"))
		tdc.Close() // close_notify
		c.send("226 done")
		c.recv()
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitRequired, Options: opts}})
	rec := s.cfg.Observer.(*recorder)
	if !s.Protected() {
		t.Fatal("control connection not protected")
	}
	if err := s.Login(t.Context(), "u", "pw", ""); err != nil {
		t.Fatal(err)
	}
	if !s.DataProtected() {
		t.Fatal("PROT P not in force")
	}
	var buf bytes.Buffer
	if _, err := s.Retr(t.Context(), "f", &buf, nil); err != nil || buf.String() != "secret data" {
		t.Fatalf("retr %q %v", buf.String(), err)
	}
	var hs []string
	for _, e := range rec.events {
		if h, ok := e.(TLSHandshake); ok {
			hs = append(hs, h.Conn)
			if h.Conn == "data" && !h.Resumed {
				t.Error("data connection did not resume the control session")
			}
		}
	}
	if strings.Join(hs, ",") != "control,data" {
		t.Fatalf("handshakes %v", hs)
	}
}

func TestTLSDataWithoutCloseNotifyFails(t *testing.T) {
	srvCfg, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.explicitTLS(srvCfg)
		c.expect("PBSZ 0")
		c.send("200 ok")
		c.expect("PROT P")
		c.send("200 ok")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR f")
		dc, _ := ln.Accept()
		c.send("150 ok")
		tdc := stdtls.Server(dc, srvCfg)
		tdc.Handshake()
		tdc.Write([]byte("partial"))
		dc.Close() // TCP close, no close_notify
		c.send("226 done")
		c.recv()
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, Options: opts}})
	if _, err := s.Prot(t.Context(), 'P'); err != nil {
		t.Fatal(err)
	}
	_, err := s.Retr(t.Context(), "f", io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "close_notify") {
		t.Fatalf("err = %v", err)
	}
}

// TestRequiredSecurityRefusedSendsNoCredentials: with security required and
// AUTH refused, the session ends before any USER or PASS line.
func TestRequiredSecurityRefusedSendsNoCredentials(t *testing.T) {
	_, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("AUTH TLS")
		c.send("500 AUTH not understood")
		for {
			if l := c.recv(); l == "" {
				return
			}
		}
	})
	port := fs.ln.Addr().(*net.TCPAddr).Port
	_, err := Dial(t.Context(), "127.0.0.1", port, Config{Security: Security{Mode: ExplicitRequired, DataProtection: ProtNone, Options: opts}})
	if !errors.Is(err, ErrSecurityRequired) || ReplyCode(err) != 500 {
		t.Fatalf("err = %v", err)
	}
	<-fs.done
}

func TestAllowedSecurityRefusedContinuesInClear(t *testing.T) {
	_, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("AUTH TLS")
		c.send("502 no")
		c.expect("USER u")
		c.send("230 ok")
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitAllowed, Options: opts}})
	if s.Protected() {
		t.Fatal("protected after refusal")
	}
	if _, err := s.User(t.Context(), "u"); err != nil {
		t.Fatal(err)
	}
}

func TestWrongCAHandshakeFails(t *testing.T) {
	srvCfg, _ := testTLS(t)
	other := tlstest.NewCA(t, "other")
	opts := tls.Options{Keyring: &tls.Keyring{Spec: "other", Roots: other.Pool(), Anchors: 1}}
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("AUTH TLS")
		c.send("234 go")
		stdtls.Server(c.conn, srvCfg).Handshake()
	})
	port := fs.ln.Addr().(*net.TCPAddr).Port
	_, err := Dial(t.Context(), "127.0.0.1", port, Config{Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, Options: opts}})
	var ve *tls.VerifyError
	if !errors.As(err, &ve) || ve.Check != "unknown CA" || !errors.Is(err, ErrSecurityRequired) {
		t.Fatalf("err = %v", err)
	}
}

func TestCCCModes(t *testing.T) {
	for _, mode := range []CCCMode{CCCRFC4217, CCCNoNotify} {
		t.Run(map[CCCMode]string{CCCRFC4217: "RFC4217", CCCNoNotify: "NoNotify"}[mode], func(t *testing.T) {
			srvCfg, opts := testTLS(t)
			fs := newFake(t, func(c *fakeConn) {
				c.send("220 hi")
				c.expect("AUTH TLS")
				c.send("234 go")
				raw := c.conn
				c.upgrade(srvCfg)
				c.expect("CCC")
				c.send("200 Clearing control channel protection")
				tc := c.conn.(*stdtls.Conn)
				if mode == CCCRFC4217 {
					// Wait for the client's close_notify, answer with ours.
					if _, err := tc.Read(make([]byte, 1)); err != io.EOF {
						c.t.Errorf("fake: expected close_notify, got %v", err)
					}
					tc.CloseWrite()
					raw.SetDeadline(time.Now().Add(10 * time.Second)) // CloseWrite set it to now
				}
				c.conn, c.r = raw, bufio.NewReader(raw)
				c.expect("NOOP") // arrives in clear
				c.send("200 clear now")
			})
			s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, Options: opts}})
			if _, err := s.CCC(t.Context(), mode); err != nil {
				t.Fatal(err)
			}
			if s.Protected() || !s.ControlCleared() {
				t.Fatal("still protected after CCC")
			}
			if r, err := s.Noop(t.Context()); err != nil || r.Text() != "clear now" {
				t.Fatalf("noop after CCC: %v %v", r, err)
			}
		})
	}
}

func TestCCCRefusedStaysProtected(t *testing.T) {
	srvCfg, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.explicitTLS(srvCfg)
		c.expect("CCC")
		c.send("500 Unknown command.")
		c.expect("NOOP")
		c.send("200 still TLS")
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, Options: opts}})
	if _, err := s.CCC(t.Context(), CCCRFC4217); ReplyCode(err) != 500 {
		t.Fatalf("err = %v", err)
	}
	if !s.Protected() {
		t.Fatal("not protected after refused CCC")
	}
	if _, err := s.Noop(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// TestCCCNoNotifyToleratesServerCloseNotify: a server (proftpd) that sends
// its close_notify after the 200 although the client uses CCCNONOTIFY.
func TestCCCNoNotifyToleratesServerCloseNotify(t *testing.T) {
	srvCfg, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("AUTH TLS")
		c.send("234 go")
		raw := c.conn
		c.upgrade(srvCfg)
		c.expect("CCC")
		c.send("200 Clearing control channel protection")
		time.Sleep(50 * time.Millisecond) // the alert arrives on its own
		c.conn.(*stdtls.Conn).CloseWrite()
		raw.SetDeadline(time.Now().Add(10 * time.Second))
		c.conn, c.r = raw, bufio.NewReader(raw)
		c.expect("NOOP")
		c.send("200 clear now")
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, Options: opts}})
	if _, err := s.CCC(t.Context(), CCCNoNotify); err != nil {
		t.Fatal(err)
	}
	if r, err := s.Noop(t.Context()); err != nil || r.Text() != "clear now" {
		t.Fatalf("noop after CCC: %v %v", r, err)
	}
}

// TestClientCertRefusedAfterHandshake: a TLS 1.3 server that refuses the
// client certificate after the handshake gives a security error.
func TestClientCertRefusedAfterHandshake(t *testing.T) {
	srvCfg, opts := testTLS(t)
	other := tlstest.NewCA(t, "client CA")
	cfg := srvCfg.Clone()
	cfg.ClientAuth = stdtls.RequireAndVerifyClientCert
	cfg.ClientCAs = other.Pool()
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("AUTH TLS")
		c.send("234 go")
		tc := stdtls.Server(c.conn, cfg)
		tc.Handshake()
		tc.Read(make([]byte, 1))
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitRequired, DataProtection: ProtNone, Options: opts}})
	_, err := s.User(t.Context(), "u")
	if !errors.Is(err, ErrSecurityRequired) || !strings.Contains(err.Error(), "client certificate") {
		t.Fatalf("err = %v", err)
	}
}

// TestRefusedProtLiftedByExplicitClear: the zero DataProtection under TLS
// sends PBSZ 0 and PROT P; the server refuses PROT P, so RETR fails with
// ErrProtectionRefused and nothing is sent for it; an explicit PROT C (the
// user's choice) then lifts the refusal and the transfer runs in clear.
func TestRefusedProtLiftedByExplicitClear(t *testing.T) {
	srvCfg, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.explicitTLS(srvCfg)
		c.expect("USER u")
		c.send("230 ok")
		c.expect("PBSZ 0")
		c.send("200 PBSZ=0")
		c.expect("PROT P")
		c.send("534 Protection level refused by policy")
		c.expect("PROT C")
		c.send("200 Protection set to Clear")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR f")
		dc, _ := ln.Accept()
		c.send("150 ok")
		dc.Write([]byte("public"))
		dc.Close()
		c.send("226 done")
		c.recv()
	})
	s, _ := fs.dial(t, Config{DataMethod: Passive, Security: Security{Mode: ExplicitRequired, Options: opts}})
	_, err := s.User(t.Context(), "u")
	var re *ReplyError
	if !errors.Is(err, ErrProtectionRefused) || !errors.As(err, &re) || re.Reply.Code != 534 {
		t.Fatalf("login: err = %v, want ErrProtectionRefused wrapping the 534", err)
	}
	var got bytes.Buffer
	if _, err := s.Retr(t.Context(), "f", &got, nil); !errors.Is(err, ErrProtectionRefused) {
		t.Fatalf("RETR after a refused PROT P: err = %v", err)
	}
	if _, err := s.Prot(t.Context(), 'C'); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Retr(t.Context(), "f", &got, nil); err != nil || got.String() != "public" {
		t.Fatalf("RETR after PROT C: %v %q", err, got.String())
	}
	s.Quit(t.Context())
}
