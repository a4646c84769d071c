package client

import (
	"bytes"
	"context"
	stdtls "crypto/tls"
	"errors"
	"testing"

	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/tls/tlstest"
)

// TestHostnameVerifiedByDefault: a certificate for another name is refused
// when SECURE_HOSTNAME is not coded, and accepted on the control and the
// data connection when SECURE_HOSTNAME OPTIONAL is coded.
func TestHostnameVerifiedByDefault(t *testing.T) {
	srvCfg, ring := serverTLS(t, tlstest.LeafOptions{Hosts: []string{"other.example"}}) // a certificate for another host

	t.Run("not coded", func(t *testing.T) {
		fs := newFake(t, func(c *fakeConn) {
			c.send("220 hi")
			c.expect("AUTH TLS")
			c.send("234 Proceed with negotiation.")
			stdtls.Server(c.conn, srvCfg).Handshake() // refused by the client
		})
		s, err := Dial(context.Background(), "127.0.0.1", portOf(fs.ln), Config{
			Security: Security{Mode: ExplicitRequired, Options: tls.Options{Keyring: ring}}})
		if err == nil {
			s.Close()
			t.Fatal("a certificate for other.example was accepted for 127.0.0.1")
		}
		var ve *tls.VerifyError
		if !errors.As(err, &ve) || ve.Check != "host name" {
			t.Fatalf("err = %v, want a host-name VerifyError", err)
		}
	})
	t.Run("OPTIONAL coded", func(t *testing.T) {
		fs := newFake(t, func(c *fakeConn) {
			c.explicitTLS(srvCfg)
			c.expect("PBSZ 0")
			c.send("200 ok")
			c.expect("PROT P")
			c.send("200 ok")
			ln := c.pasv()
			defer ln.Close()
			c.expect("RETR f")
			dc, err := ln.Accept()
			if err != nil {
				return
			}
			c.send("150 ok")
			tdc := stdtls.Server(dc, srvCfg)
			tdc.Handshake()
			tdc.Write([]byte("data"))
			tdc.Close()
			c.send("226 done")
			c.recv()
		})
		s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitRequired,
			Options: tls.Options{Keyring: ring, HostnameOptional: true}}})
		if _, err := s.Prot(t.Context(), 'P'); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := s.Retr(t.Context(), "f", &buf, nil); err != nil || buf.String() != "data" {
			t.Fatalf("retr %q %v", buf.String(), err)
		}
	})
}
