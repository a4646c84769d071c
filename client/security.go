package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/zftp/zftp/tls"
)

// Security configures TLS for a session, as the z/OS client's SECURE_*
// statements do. The zero value is plain FTP.
type Security struct {
	// TLS turns security on: explicit AUTH TLS after the greeting, or
	// implicit TLS when Implicit is set.
	TLS bool
	// Required (SECURE_FTP REQUIRED, -r TLS): a refused AUTH or a failed
	// handshake ends the session before USER is sent. Otherwise (ALLOWED,
	// -a TLS) a refused AUTH continues in clear.
	Required bool
	// AuthArg is the AUTH argument; "" means TLS.
	AuthArg string
	// Implicit: the port is the TLSPORT, TLS is implied and no AUTH is
	// sent. ImplicitZOS (SECUREIMPLICITZOS TRUE) reads the 220 greeting in
	// clear before the handshake; otherwise the handshake comes first.
	Implicit    bool
	ImplicitZOS bool
	// DataProtection is the PROT level set after login on a protected
	// session: 'P' (SECURE_DATACONN PRIVATE or SAFE), 'C' (CLEAR), or 0
	// for none sent.
	DataProtection byte
	// RequireReuse (SECURE_SESSION_REUSE REQUIRED): a protected data
	// connection that does not resume the control connection's TLS session
	// fails the transfer.
	RequireReuse bool
	// Options are the keyring, ciphers, versions and host-name rule.
	// ServerName is filled in from the host dialled when empty.
	Options tls.Options
}

// ErrSecurityRequired reports that security was required and could not be
// set up; nothing secret was sent.
var ErrSecurityRequired = errors.New("security is required and could not be negotiated")

// ErrNotProtected reports a request that needs a TLS-protected session.
var ErrNotProtected = errors.New("the session is not protected by TLS")

// TLSHandshake is reported after each successful TLS handshake.
type TLSHandshake struct {
	Conn     string // "control" or "data"
	Protocol string // e.g. "TLSv1.3"
	Cipher   string // IANA name
	Resumed  bool   // the session was resumed from the control connection's
}

func (TLSHandshake) isEvent() {}

// secure is the TLS state of a session.
type secure struct {
	tls  *tls.Session
	raw  net.Conn // the TCP control connection under TLS
	on   bool     // control connection protected
	prot byte     // PROT level in force: 'C', 'P' or 0 (never set)
	pbsz bool     // PBSZ 0 sent
	ccc  bool     // CCC took TLS off the control connection

	loggedIn bool // a 230 arrived: later failures are not the handshake's
}

// Protected reports whether the control connection is protected by TLS
// (true from the handshake until CCC).
func (s *Session) Protected() bool { return s.sec.on && !s.sec.ccc }

// DataProtected reports whether data connections use TLS (PROT P).
func (s *Session) DataProtected() bool { return s.sec.prot == 'P' }

func (s *Session) newTLS() error {
	o := s.cfg.Security.Options
	if o.ServerName == "" {
		o.ServerName = s.host
	}
	ts, err := tls.NewSession(o)
	if err != nil {
		return fmt.Errorf("TLS set-up: %w", err)
	}
	s.sec.tls = ts
	return nil
}

// startTLS turns the control connection into a TLS client connection.
func (s *Session) startTLS(ctx context.Context) error {
	if s.sec.tls == nil {
		if err := s.newTLS(); err != nil {
			return err
		}
	}
	raw := s.ctl.conn
	tc, err := s.sec.tls.Client(ctx, raw, s.cfg.ConnectTimeout)
	if err != nil {
		return err
	}
	s.sec.raw, s.sec.on = raw, true
	s.ctl.swap(tc)
	s.reportHandshake("control", tc)
	return nil
}

func (s *Session) reportHandshake(which string, tc *tls.Conn) {
	p, c, r := tls.Describe(tc.ConnectionState())
	s.report(TLSHandshake{Conn: which, Protocol: p, Cipher: c, Resumed: r})
}

// negotiate runs AUTH and the handshake on an explicit session. A refusal
// continues in clear unless security is required.
func (s *Session) negotiate(ctx context.Context) error {
	arg := s.cfg.Security.AuthArg
	if arg == "" {
		arg = "TLS"
	}
	_, err := s.expect("AUTH", arg, 234)
	if err != nil {
		if s.cfg.Security.Required {
			return fmt.Errorf("%w: %w", ErrSecurityRequired, err)
		}
		s.warn("AUTH %s refused: %v; the session continues without TLS", arg, err)
		return nil
	}
	if err := s.startTLS(ctx); err != nil {
		return fmt.Errorf("%w: %w", ErrSecurityRequired, err)
	}
	return nil
}

// explainTLSFailure: under TLS 1.3 a server checks the client certificate
// after the client's side of the handshake is done, so its refusal (an
// alert, or a reset) arrives with the first command. Before login such an
// end of a protected session is a security failure, said as one.
func (s *Session) explainTLSFailure(err error) error {
	if !s.sec.on || s.sec.loggedIn || errors.Is(err, ErrSecurityRequired) || errors.Is(err, ErrClosed) {
		return err
	}
	msg := err.Error()
	if !strings.Contains(msg, "remote error: tls") && !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, io.EOF) {
		return err
	}
	return fmt.Errorf("%w: the server ended the TLS session after the handshake (%w): it may require a client certificate that the keyring does not hold, or not trust the one sent", ErrSecurityRequired, err)
}

// Prot sets the data protection level with PBSZ 0 (once) and PROT:
// 'P' private (TLS on data connections) or 'C' clear.
func (s *Session) Prot(level byte) (*Reply, error) {
	if !s.sec.on {
		return nil, fmt.Errorf("PROT %c: %w", level, ErrNotProtected)
	}
	if !s.sec.pbsz {
		if r, err := s.expect("PBSZ", "0", 2); err != nil {
			return r, err
		}
		s.sec.pbsz = true
	}
	r, err := s.expect("PROT", string(level), 2)
	if err == nil {
		s.sec.prot = level
	}
	return r, err
}

// afterLogin sets the configured data protection once logged in.
func (s *Session) afterLogin() error {
	lvl := s.cfg.Security.DataProtection
	if !s.sec.on || lvl == 0 || s.sec.prot == lvl {
		return nil
	}
	_, err := s.Prot(lvl)
	return err
}

// protectData runs the data connection's TLS handshake (after the 1xx
// reply, as servers expect) when PROT P is in force.
func (s *Session) protectData(conn net.Conn) (net.Conn, error) {
	if s.sec.prot != 'P' {
		return conn, nil
	}
	tc, err := s.sec.tls.Client(context.Background(), &tls.EOFConn{Conn: conn}, s.cfg.DataConnectTimeout)
	if err != nil {
		return nil, fmt.Errorf("data connection: %w", err)
	}
	s.reportHandshake("data", tc)
	if s.cfg.Security.RequireReuse && !tc.ConnectionState().DidResume {
		tc.Close()
		return nil, fmt.Errorf("data connection: the TLS session was not resumed and SECURE_SESSION_REUSE is REQUIRED")
	}
	return tc, nil
}

// errNoCloseNotify reports a TLS data stream cut short.
var errNoCloseNotify = errors.New("the TLS data connection ended without close_notify; the data may be truncated")

// endOfData checks how a download's data connection ended: a TLS stream
// must end with close_notify, or the data may be truncated.
func endOfData(conn net.Conn, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w", errNoCloseNotify, err)
	}
	if tc, ok := conn.(*tls.Conn); ok && err == nil {
		if ec, ok := tc.NetConn().(*tls.EOFConn); ok && ec.SawEOF() {
			return errNoCloseNotify
		}
	}
	return err
}
