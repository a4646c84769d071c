package ftpd

import (
	"bytes"
	"crypto/rand"
	stdtls "crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	ztls "github.com/zftp/zftp/tls"
)

// errNotResumed reports a protected data connection that did not resume
// the control connection's TLS session while Options.RequireSessionReuse
// is set.
var errNotResumed = errors.New("the data connection's TLS session did not resume the control connection's")

// errNoCloseNotify reports a protected upload that ended with a TCP close
// instead of the client's close_notify: the data may be truncated.
var errNoCloseNotify = errors.New("the TLS data connection ended without close_notify")

// securityCommands are the verbs of RFC 2228 and RFC 4217 that a server
// with Options.TLS understands.
func securityCommands() map[string]command {
	return map[string]command{
		"AUTH": {fn: (*session).cmdAuth, needArg: true, anyState: true},
		"PBSZ": {fn: (*session).cmdPbsz, needArg: true, anyState: true},
		"PROT": {fn: (*session).cmdProt, needArg: true, anyState: true},
		"CCC":  {fn: (*session).cmdCcc},
	}
}

// serverTLSConfig is the server's own copy of Options.TLS with the client
// certificate policy applied.
func serverTLSConfig(o Options) *stdtls.Config {
	if o.TLS == nil {
		return nil
	}
	c := o.TLS.Clone()
	if c.MinVersion == 0 {
		c.MinVersion = stdtls.VersionTLS12
	}
	if o.ClientCertRequired {
		c.ClientAuth = stdtls.RequireAndVerifyClientCert
		c.ClientCAs = o.ClientCAs
	}
	return c
}

// sessionTLSConfig returns the configuration of one FTP session's
// control and data connections. Its session ticket key belongs to the
// session alone, so a data connection that resumes a TLS session resumed
// one of this control connection's (vsftpd's require_ssl_reuse checks
// the same), never another client's; with Options.SharedSessionTickets
// all sessions share the server's key.
func (srv *Server) sessionTLSConfig() (*stdtls.Config, error) {
	if srv.tls == nil {
		return nil, nil
	}
	c := srv.tls.Clone()
	if !c.SessionTicketsDisabled && srv.ticket != nil {
		c.SetSessionTicketKeys([][32]byte{*srv.ticket})
	} else if !c.SessionTicketsDisabled {
		var key [32]byte
		if _, err := rand.Read(key[:]); err != nil {
			return nil, fmt.Errorf("session ticket key: %w", err)
		}
		c.SetSessionTicketKeys([][32]byte{key})
	}
	return c, nil
}

// startTLS runs the server side of the TLS handshake on the control
// connection and makes the TLS connection the control connection.
func (s *session) startTLS() error {
	if s.tlsCfg == nil {
		return errors.New("TLS is not configured")
	}
	raw := s.rawCtrl
	var under net.Conn = raw
	if n := s.r.Buffered(); n > 0 {
		// Bytes that came after the AUTH line belong to the handshake.
		b, _ := s.r.Peek(n)
		under = &prefixConn{Conn: raw, r: io.MultiReader(bytes.NewReader(bytes.Clone(b)), raw)}
	}
	tc := stdtls.Server(under, s.tlsCfg)
	if err := raw.SetDeadline(time.Now().Add(s.srv.opts.IdleTimeout)); err != nil {
		return err
	}
	err := tc.Handshake()
	raw.SetDeadline(time.Time{})
	if err != nil {
		return fmt.Errorf("control connection TLS handshake: %w", err)
	}
	s.ctrlTLS, s.secured = tc, true
	s.setControl(tc)
	s.logHandshake("control", tc.ConnectionState())
	return nil
}

func (s *session) logHandshake(which string, st stdtls.ConnectionState) {
	s.log.Info("TLS handshake", "conn", which, "version", stdtls.VersionName(st.Version),
		"cipher", stdtls.CipherSuiteName(st.CipherSuite), "resumed", st.DidResume,
		"client_cert", len(st.PeerCertificates) > 0)
}

func (s *session) cmdAuth(arg string) {
	mech := strings.ToUpper(strings.TrimSpace(arg))
	switch mech {
	case "TLS", "TLS-C", "SSL", "TLS-P":
	default:
		s.reply(504, "AUTH "+arg+" not supported")
		return
	}
	if s.secured {
		s.reply(503, "Security already negotiated")
		return
	}
	if s.srv.opts.Faults.AuthFirstOnly && s.srv.auths.Add(1) > 1 {
		s.reply(534, "Request denied for policy reasons.") // Faults.AuthFirstOnly
		return
	}
	s.reply(234, s.msgs.authOK)
	if err := s.w.Flush(); err != nil {
		s.quit = true
		return
	}
	if err := s.startTLS(); err != nil {
		s.log.Info("AUTH failed", "err", err)
		s.quit = true
		return
	}
	// A new security context: log in again (RFC 2228).
	s.user, s.loggedIn = "", false
	if mech == "TLS-P" {
		s.pbsz, s.protP = true, true
	}
}

func (s *session) cmdPbsz(arg string) {
	if !s.secured {
		s.reply(503, "PBSZ needs a protected control connection (AUTH first)")
		return
	}
	if _, err := strconv.ParseUint(strings.TrimSpace(arg), 10, 32); err != nil {
		s.reply(501, "PBSZ needs a decimal number")
		return
	}
	s.pbsz = true
	s.reply(200, "PBSZ=0")
}

func (s *session) cmdProt(arg string) {
	switch {
	case !s.secured:
		s.reply(503, "PROT needs a protected control connection (AUTH first)")
		return
	case !s.pbsz:
		s.reply(503, "PROT needs PBSZ first")
		return
	}
	switch strings.ToUpper(strings.TrimSpace(arg)) {
	case "C":
		if s.srv.opts.requireTLS() {
			s.reply(536, s.msgs.protCRefused)
			return
		}
		s.protP = false
		s.reply(200, s.msgs.protSet("Clear"))
	case "P":
		s.protP = true
		s.reply(200, s.msgs.protSet("Private"))
	case "S", "E":
		s.reply(536, "Requested PROT level not supported by mechanism.")
	default:
		s.reply(504, "PROT "+arg+" not recognized")
	}
}

// securityStatus describes the session's protection for STAT.
func (s *session) securityStatus() string {
	ctrl := "Control connection in clear"
	switch {
	case s.ctrlTLS != nil:
		st := s.ctrlTLS.ConnectionState()
		ctrl = "Control connection protected by " + stdtls.VersionName(st.Version) + " " + stdtls.CipherSuiteName(st.CipherSuite)
	case s.cleared:
		ctrl = "Control connection cleared by CCC"
	}
	data := "PROT C"
	if s.protP {
		data = "PROT P"
	}
	return ctrl + "; data connections " + data
}

// protectData runs the server side of a protected data connection's TLS
// handshake (after the 1xx reply: the client starts it then). The server
// is the TLS server on passive and active connections alike (RFC 4217).
func (s *session) protectData(dc net.Conn) (*stdtls.Conn, error) {
	ec := &ztls.EOFConn{Conn: dc}
	ec.ReadThrough(s.tlsBufs.reader())
	tc := stdtls.Server(ec, s.tlsCfg)
	if err := dc.SetDeadline(time.Now().Add(s.srv.opts.DataTimeout)); err != nil {
		return nil, err
	}
	err := tc.Handshake()
	dc.SetDeadline(time.Time{})
	if err != nil {
		return nil, fmt.Errorf("data connection TLS handshake: %w", err)
	}
	st := tc.ConnectionState()
	s.logHandshake("data", st)
	if s.srv.opts.RequireSessionReuse && !st.DidResume {
		return nil, errNotResumed
	}
	return tc, nil
}

// prefixConn is a connection whose first bytes were already read from it.
type prefixConn struct {
	net.Conn
	r io.Reader
}

func (c *prefixConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// dataReadError marks a failure reading a protected data connection, so
// that it is reported as an aborted transfer (426), not a local error.
type dataReadError struct{ err error }

func (e dataReadError) Error() string { return e.err.Error() }
func (e dataReadError) Unwrap() error { return e.err }

// connReader wraps the errors of a TLS data connection's reads.
type connReader struct{ r io.Reader }

func (c connReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		err = dataReadError{err}
	}
	return n, err
}
