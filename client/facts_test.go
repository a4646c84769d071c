package client

import (
	"bufio"
	"bytes"
	"context"
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

// The engine's failures are facts a caller matches with errors.Is and
// errors.As; which FTP.DATA statement to change is the z/OS front end's
// to say (internal/zos/hint.go). These tests pin the facts.

// TestImplicitStartError: every failed implicit start is an
// *ImplicitStartError naming the model, inside the *StartError, with the
// failure it wraps: a clear 220 where the handshake was expected, a TLS
// record or no greeting where a clear 220 was expected, a certificate for
// another host.
func TestImplicitStartError(t *testing.T) {
	srvCfg, ring := serverTLS(t, tlstest.LeafOptions{Hosts: []string{"other.example"}}) // a certificate for another host

	for _, tt := range []struct {
		name    string
		mode    SecurityMode
		server  func(c *fakeConn)
		prefix  string                // the start of the error text
		matches func(error) bool      // the wrapped fact
		check   func(*testing.T, any) // more checks on the wrapped fact
	}{
		{
			name:    "handshake first, the server sends a clear 220",
			mode:    Implicit,
			server:  func(c *fakeConn) { c.send("220 z/OS FTP server"); c.r.ReadByte() },
			prefix:  "implicit TLS (handshake first) failed: ",
			matches: func(err error) bool { return strings.Contains(err.Error(), "not TLS") },
		},
		{
			name:    "220 in clear, the server sends a TLS record",
			mode:    ImplicitZOS,
			server:  func(c *fakeConn) { c.conn.Write([]byte{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46}); c.r.ReadByte() },
			prefix:  "implicit TLS (220 in clear, then the handshake) failed: ",
			matches: func(err error) bool { return errors.Is(err, ErrTLSGreeting) },
		},
		{
			name:   "220 in clear, the server waits for the handshake",
			mode:   ImplicitZOS,
			server: func(c *fakeConn) { c.r.ReadByte() },
			prefix: "implicit TLS (220 in clear, then the handshake) failed: ",
			matches: func(err error) bool {
				var ne net.Error
				return errors.As(err, &ne) && ne.Timeout()
			},
		},
		{
			name:   "handshake first, a certificate for another host",
			mode:   Implicit,
			server: func(c *fakeConn) { stdtls.Server(c.conn, srvCfg).Handshake() },
			prefix: "implicit TLS (handshake first) failed: server certificate ",
			matches: func(err error) bool {
				var ve *tls.VerifyError
				return errors.As(err, &ve) && ve.Check == tls.CheckHostName && ve.Host == "127.0.0.1"
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFake(t, tt.server)
			s, err := Dial(t.Context(), "127.0.0.1", portOf(fs.ln), Config{
				ConnectTimeout: 300 * time.Millisecond,
				Security:       Security{Mode: tt.mode, Options: tls.Options{Keyring: ring}},
			})
			if err == nil {
				s.Close()
				t.Fatal("Dial succeeded")
			}
			var se *StartError
			var ise *ImplicitStartError
			if !errors.As(err, &se) || !errors.As(err, &ise) {
				t.Fatalf("err %T %v: want an *ImplicitStartError inside a *StartError", err, err)
			}
			if ise.Mode != tt.mode {
				t.Errorf("Mode = %v, want %v", ise.Mode, tt.mode)
			}
			if !strings.HasPrefix(ise.Error(), tt.prefix) {
				t.Errorf("Error() = %q, want it to start %q", ise.Error(), tt.prefix)
			}
			if !tt.matches(ise.Err) || !tt.matches(err) {
				t.Errorf("the wrapped failure %v is not the one expected", ise.Err)
			}
		})
	}
}

// TestErrTLSReply: a TLS record where a clear reply was expected is a
// malformed reply and says it was TLS.
func TestErrTLSReply(t *testing.T) {
	for _, first := range [][]byte{
		{0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00}, // an alert (a close_notify)
		{0x17, 0x03, 0x03, 0x00, 0x05, 'a', 'b'},   // application data
	} {
		rr := newReplyReader(bytes.NewReader(append(first, "\r\n"...)), DefaultMaxLineLength, DefaultMaxReplyLines)
		_, err := rr.ReadReply()
		if !errors.Is(err, ErrTLSReply) || !errors.Is(err, ErrMalformedReply) {
			t.Errorf("% x: err = %v, want ErrTLSReply and ErrMalformedReply", first, err)
		}
	}
	rr := newReplyReader(strings.NewReader("200 fine\r\n"), DefaultMaxLineLength, DefaultMaxReplyLines)
	if _, err := rr.ReadReply(); err != nil {
		t.Errorf("a clear reply: %v", err)
	}
}

// TestErrCCCCloseNotify: CCC with CCCRFC4217 against a server that sends
// no close_notify (it expects CCCNoNotify) fails with ErrCCCCloseNotify
// at the reply timeout, and the session is closed.
func TestErrCCCCloseNotify(t *testing.T) {
	srvCfg, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		raw := c.conn
		c.explicitTLS(srvCfg)
		c.expect("CCC")
		c.send("200 Clearing control channel protection")
		c.r.ReadByte()           // the client's close_notify; none comes back
		io.Copy(io.Discard, raw) // until the client gives up and closes
	})
	s, _ := fs.dial(t, Config{ReplyTimeout: 300 * time.Millisecond,
		Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, Options: opts}})
	_, err := s.CCC(t.Context(), CCCRFC4217)
	if !errors.Is(err, ErrCCCCloseNotify) {
		t.Fatalf("err = %v, want ErrCCCCloseNotify", err)
	}
	if s.Err() == nil {
		t.Error("the session is still usable after a failed close_notify exchange")
	}
}

// TestCCCRecordDiscarded: with CCCNoNotify, a close_notify the server
// sends anyway is reported as CCCRecordDiscarded, not as a warning text.
func TestCCCRecordDiscarded(t *testing.T) {
	srvCfg, opts := testTLS(t)
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("AUTH TLS")
		c.send("234 go")
		raw := c.conn
		c.upgrade(srvCfg)
		c.expect("CCC")
		c.send("200 Clearing control channel protection")
		time.Sleep(50 * time.Millisecond)
		c.conn.(*stdtls.Conn).CloseWrite()
		raw.SetDeadline(time.Now().Add(10 * time.Second))
		c.conn, c.r = raw, bufio.NewReader(raw)
		c.expect("NOOP")
		c.send("200 clear now")
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, Options: opts}})
	rec := &recorder{}
	ctx := WithObserver(t.Context(), rec)
	if _, err := s.CCC(ctx, CCCNoNotify); err != nil {
		t.Fatal(err)
	}
	var discarded []CCCRecordDiscarded
	for _, e := range rec.all() {
		switch e := e.(type) {
		case CCCRecordDiscarded:
			discarded = append(discarded, e)
		case Warning:
			t.Errorf("Warning %q reported", e.Message)
		}
	}
	if len(discarded) != 1 || discarded[0].Bytes < 5 {
		t.Errorf("CCCRecordDiscarded events %+v, want one of a whole record", discarded)
	}
	if r, err := s.Noop(t.Context()); err != nil || r.Text() != "clear now" {
		t.Fatalf("noop after CCC: %v %v", r, err)
	}
}

// all returns the events recorded so far.
func (r *recorder) all() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Event(nil), r.events...)
}

// TestErrSessionNotResumed: with RequireReuse, a protected data
// connection whose handshake is a full one fails the transfer with
// ErrSessionNotResumed before any data is read.
func TestErrSessionNotResumed(t *testing.T) {
	srvCfg, opts := testTLS(t)
	srvCfg.SessionTicketsDisabled = true // every handshake is a full one
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
		defer dc.Close()
		c.send("150 ok")
		tdc := stdtls.Server(dc, srvCfg)
		tdc.Handshake()
		tdc.Write([]byte("data"))
		tdc.Close()
		c.send("226 done")
		c.recv()
	})
	s, _ := fs.dial(t, Config{Security: Security{Mode: ExplicitAllowed, DataProtection: ProtNone, RequireReuse: true, Options: opts}})
	if _, err := s.Prot(t.Context(), 'P'); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	_, err := s.Retr(context.Background(), "f", &got, nil)
	if !errors.Is(err, ErrSessionNotResumed) {
		t.Fatalf("err = %v, want ErrSessionNotResumed", err)
	}
	if got.Len() != 0 {
		t.Errorf("%d bytes written from an unresumed data connection", got.Len())
	}
}

// TestForeignPassiveAddressEvent: a 227 naming another host is reported
// as ForeignPassiveAddress, and the data connection goes to the server.
func TestForeignPassiveAddressEvent(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return
		}
		defer ln.Close()
		c.expect("PASV")
		c.send(fmtPASV("10,9,9,9", portOf(ln)))
		c.expect("RETR f")
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("150 ok")
		dc.Write([]byte("data"))
		dc.Close()
		c.send("226 done")
	})
	s, _ := fs.dial(t, Config{DataMethod: Passive})
	rec := &recorder{}
	if _, err := s.Retr(WithObserver(t.Context(), rec), "f", io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	var foreign []ForeignPassiveAddress
	for _, e := range rec.all() {
		switch e := e.(type) {
		case ForeignPassiveAddress:
			foreign = append(foreign, e)
		case Warning:
			t.Errorf("Warning %q reported", e.Message)
		}
	}
	if len(foreign) != 1 || !foreign[0].Named.Equal(net.IPv4(10, 9, 9, 9)) || !foreign[0].Server.Equal(net.IPv4(127, 0, 0, 1)) || foreign[0].Followed {
		t.Errorf("ForeignPassiveAddress events %+v, want 10.9.9.9 named, 127.0.0.1 used", foreign)
	}
}
