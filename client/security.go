package client

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/zftp/zftp/tls"
)

// SecurityMode says whether and how a session is protected by TLS, as the
// z/OS client's SECURE_MECHANISM, SECURE_FTP, TLSPORT and SECUREIMPLICITZOS
// statements do together. The zero value is plain FTP.
type SecurityMode int

// The security modes.
const (
	// SecurityNone: plain FTP, no AUTH.
	SecurityNone SecurityMode = iota
	// ExplicitAllowed (SECURE_FTP ALLOWED, -a TLS): AUTH TLS after the
	// greeting; a refused AUTH continues the whole session in clear.
	ExplicitAllowed
	// ExplicitRequired (SECURE_FTP REQUIRED, -r TLS): AUTH TLS after the
	// greeting; a refused AUTH or a failed handshake ends the session
	// before USER is sent.
	ExplicitRequired
	// ImplicitZOS (TLSPORT, SECUREIMPLICITZOS TRUE): the 220 greeting in
	// clear, then the handshake without AUTH.
	ImplicitZOS
	// Implicit (TLSPORT, SECUREIMPLICITZOS FALSE): the handshake right
	// after connect, then the greeting inside TLS.
	Implicit
)

// TLS reports whether the mode asks for TLS at all.
func (m SecurityMode) TLS() bool { return m != SecurityNone }

// Implicit reports whether the mode protects the connection without AUTH
// (a TLSPORT connection).
func (m SecurityMode) Implicit() bool { return m == ImplicitZOS || m == Implicit }

// Required reports whether the session must not continue without TLS:
// ExplicitRequired and both implicit modes.
func (m SecurityMode) Required() bool { return m == ExplicitRequired || m.Implicit() }

// String names the mode.
func (m SecurityMode) String() string {
	switch m {
	case SecurityNone:
		return "none"
	case ExplicitAllowed:
		return "explicit-allowed"
	case ExplicitRequired:
		return "explicit-required"
	case ImplicitZOS:
		return "implicit-zos"
	case Implicit:
		return "implicit"
	}
	return fmt.Sprintf("SecurityMode(%d)", int(m))
}

// DataProtection is the protection of data connections on a TLS session
// (SECURE_DATACONN). The zero value is ProtPrivate: a session that asks
// for TLS protects its data unless told otherwise.
type DataProtection int

// The data protection levels.
const (
	// ProtPrivate (the zero value; SECURE_DATACONN PRIVATE or SAFE): PBSZ 0
	// and PROT P after login, and data connections under TLS. If the
	// server refuses PBSZ or PROT, no data connection is opened: each
	// transfer fails with ErrProtectionRefused until a PROT succeeds.
	ProtPrivate DataProtection = iota
	// ProtClear: PBSZ 0 and PROT C after login; data connections in clear.
	ProtClear
	// ProtNone (SECURE_DATACONN CLEAR or NEVER, as the z/OS front end
	// passes them): no PBSZ or PROT is sent at login and data connections
	// are clear, RFC 4217's default. (Sending PROT C at login would break
	// logins to servers that force encryption, such as vsftpd with
	// force_local_data_ssl.)
	ProtNone
)

// ProtDefault is the zero DataProtection: private.
const ProtDefault = ProtPrivate

// String names the level as SECURE_DATACONN does.
func (p DataProtection) String() string {
	switch p {
	case ProtPrivate:
		return "PRIVATE"
	case ProtClear:
		return "CLEAR (PROT C)"
	case ProtNone:
		return "CLEAR (no PROT)"
	}
	return fmt.Sprintf("DataProtection(%d)", int(p))
}

// level is the PROT letter sent at login, or 0 for none.
func (p DataProtection) level() byte {
	switch p {
	case ProtClear:
		return 'C'
	case ProtNone:
		return 0
	}
	return 'P'
}

// Security configures TLS for a session, as the z/OS client's SECURE_*
// statements do. The zero value is plain FTP; with a Mode that asks for
// TLS, the zero value of everything else protects the data too.
type Security struct {
	// Mode says whether and how the control connection is protected.
	Mode SecurityMode
	// AuthArg is the AUTH argument; "" means TLS.
	AuthArg string
	// DataProtection is the data protection set after login on a
	// protected session; the zero value is ProtPrivate.
	DataProtection DataProtection
	// RequireReuse (SECURE_SESSION_REUSE REQUIRED): a protected data
	// connection that does not resume the control connection's TLS session
	// fails the transfer with ErrSessionNotResumed.
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

// ErrProtectionRefused reports that data protection PRIVATE was asked for
// and the server refused PBSZ or PROT. It wraps the refusal (a
// *ReplyError). From then on every transfer fails with it before a data
// connection is opened or a data command is sent, until a PROT succeeds:
// no data moves in clear when protection was asked for.
var ErrProtectionRefused = errors.New("data protection PRIVATE was refused by the server; no data is sent in clear")

// ErrDataHandshake reports that the TLS handshake of a protected data
// connection failed: the transfer ends and nothing is read or written on
// the connection.
var ErrDataHandshake = errors.New("the TLS handshake on the data connection failed")

// ErrSessionNotResumed reports a protected data connection that did not
// resume the control connection's TLS session while Security.RequireReuse
// is set: the transfer fails before any data moves.
var ErrSessionNotResumed = errors.New("the TLS session was not resumed, and resumption is required")

// TLSHandshake is reported after each successful TLS handshake.
type TLSHandshake struct {
	Conn     string // "control" or "data"
	Protocol string // e.g. "TLSv1.3"
	Cipher   string // IANA name
	Resumed  bool   // the session was resumed from the control connection's
	// Chain is the server's certificates as sent, leaf first; the chain
	// was verified, or the handshake would have failed.
	Chain []*x509.Certificate
}

func (TLSHandshake) isEvent() {}

// TLSStarted is reported as a TLS handshake begins: the ClientHello is
// sent for ServerName.
type TLSStarted struct {
	Conn       string // "control" or "data"
	ServerName string
}

func (TLSStarted) isEvent() {}

// TLSFailed is reported when a TLS handshake fails; Err says why (an
// alert from the server, a version or cipher mismatch, a certificate
// that failed verification, a timeout).
type TLSFailed struct {
	Conn string
	Err  error
}

func (TLSFailed) isEvent() {}

// secure is the TLS state of a session.
type secure struct {
	tls  *tls.Session
	raw  net.Conn // the TCP control connection under TLS
	on   bool     // control connection protected
	prot byte     // PROT level in force: 'C', 'P' or 0 (never set)
	pbsz bool     // PBSZ 0 sent
	// refused is set when PROT P (or its PBSZ) was refused and no PROT
	// has succeeded since: transfers fail with it (ErrProtectionRefused).
	refused error
	ccc     bool // CCC took TLS off the control connection

	loggedIn bool // a 230 arrived: later failures are not the handshake's
}

// Protected reports whether the control connection is protected by TLS
// (true from the handshake until CCC).
func (s *Session) Protected() bool { return s.sec.on && !s.sec.ccc }

// DataProtected reports whether data connections use TLS (PROT P).
func (s *Session) DataProtected() bool { return s.sec.prot == 'P' }

// TLSSession returns the session's TLS state (its configuration and
// session cache), nil for a plain session: another session to the same
// server may resume from it (tls.Options.ResumeFrom).
func (s *Session) TLSSession() *tls.Session { return s.sec.tls }

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
	s.report(TLSStarted{Conn: "control", ServerName: s.tlsServerName()})
	tc, err := s.sec.tls.Client(ctx, raw, s.cfg.ConnectTimeout)
	if err != nil {
		s.report(TLSFailed{Conn: "control", Err: err})
		return err
	}
	s.sec.raw, s.sec.on = raw, true
	s.ctl.swap(tc)
	s.reportHandshake("control", tc)
	return nil
}

func (s *Session) reportHandshake(which string, tc *tls.Conn) {
	s.report(handshakeEvent(which, tc))
}

// handshakeEvent describes tc's completed handshake on connection which.
func handshakeEvent(which string, tc *tls.Conn) TLSHandshake {
	st := tc.ConnectionState()
	p, c, r := tls.Describe(st)
	return TLSHandshake{Conn: which, Protocol: p, Cipher: c, Resumed: r, Chain: st.PeerCertificates}
}

// tlsServerName is the name the ClientHello carries.
func (s *Session) tlsServerName() string {
	if n := s.cfg.Security.Options.ServerName; n != "" {
		return n
	}
	return s.host
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
		if s.cfg.Security.Mode.Required() {
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
	if !strings.Contains(msg, "remote error: tls") && !connReset(err) && !errors.Is(err, io.EOF) {
		return err
	}
	s.report(TLSFailed{Conn: "control", Err: fmt.Errorf("after the handshake: %w", err)})
	return fmt.Errorf("%w: the server ended the TLS session after the handshake (%w)%s", ErrSecurityRequired, err, tls.AlertHint(err))
}

// Prot sets the data protection level with PBSZ 0 (once) and PROT:
// 'P' private (TLS on data connections) or 'C' clear. A refused PBSZ or
// PROT P is returned wrapped in ErrProtectionRefused, and the session then
// refuses every transfer until a PROT succeeds (fail closed).
func (s *Session) Prot(ctx context.Context, level byte) (*Reply, error) {
	defer s.begin(ctx)()
	return s.prot(level)
}

// prot is Prot within the running call: PBSZ (once) and PROT, one after
// the other.
func (s *Session) prot(level byte) (*Reply, error) {
	cmds, err := s.protCommands(level)
	if err != nil {
		return nil, err
	}
	return s.exchange(cmds, false)
}

// afterLogin sets the configured data protection once logged in.
func (s *Session) afterLogin() error {
	lvl := s.cfg.Security.DataProtection.level()
	if !s.sec.on || lvl == 0 || s.sec.prot == lvl {
		return nil
	}
	_, err := s.prot(lvl)
	return err
}

// dataAllowed is checked before a data connection is opened: a session
// whose data protection was refused moves no data at all.
func (s *Session) dataAllowed() error {
	if s.sec.refused != nil {
		return s.sec.refused
	}
	return nil
}

// protectData runs the data connection's TLS handshake (after the 1xx
// reply, as servers expect) when PROT P is in force.
func (s *Session) protectData(conn net.Conn) (net.Conn, error) {
	if s.sec.prot != 'P' {
		return conn, nil
	}
	return s.handshakeData(s.callCtx(), conn, s.report)
}

// handshakeData runs the data connection's TLS handshake within ctx,
// telling report its events (an early upload keeps them to report after
// the 1xx reply, early.go).
func (s *Session) handshakeData(ctx context.Context, conn net.Conn, report func(Event)) (net.Conn, error) {
	report(TLSStarted{Conn: "data", ServerName: s.tlsServerName()})
	tc, err := s.sec.tls.Client(ctx, &tls.EOFConn{Conn: conn}, s.cfg.DataConnectTimeout)
	if err != nil {
		report(TLSFailed{Conn: "data", Err: err})
		return nil, fmt.Errorf("data connection: %w: %w", ErrDataHandshake, err)
	}
	report(handshakeEvent("data", tc))
	if s.cfg.Security.RequireReuse && !tc.ConnectionState().DidResume {
		tc.Close()
		return nil, fmt.Errorf("data connection: %w", ErrSessionNotResumed)
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
	if err == nil && tls.EndedBare(conn) {
		return errNoCloseNotify
	}
	return err
}
