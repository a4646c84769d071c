package zos

import (
	"errors"
	"fmt"

	"github.com/zftp/zftp/client"
)

// Under TLS 1.3 the client's handshake ends before the server has checked
// the client certificate: a server that refuses it (or wants one the
// keyring does not hold) says so with an alert the client reads only at
// its next read. IBM's transcript shows the failed negotiation (EZA2897I,
// EZA2898I) right after the AUTH exchange, before the NAME prompt; zftp
// would otherwise print NAME and ">>> USER" first and learn of the
// refusal at the reply to USER. So a TLS 1.3 control connection is tried
// with a NOOP first, kept out of the transcript.

// handshakeSeen is the per-call observer of OPEN's Dial: it keeps the
// control connection's TLS protocol and passes every event on to next,
// the transcript's observer.
type handshakeSeen struct {
	protocol string
	next     client.Observer
}

// Observe keeps the protocol of the control connection's handshake.
func (h *handshakeSeen) Observe(e client.Event) {
	if hs, ok := e.(client.TLSHandshake); ok && hs.Conn == "control" {
		h.protocol = hs.Protocol
	}
	if h.next != nil {
		h.next.Observe(e)
	}
}

// tlsAccepted checks a new TLS 1.3 session with a NOOP out of the
// transcript. When the server ended the TLS session (the engine's
// ErrSecurityRequired), the failure is shown as a failed handshake is and
// the session is closed before any login; other outcomes, a refused NOOP
// included, leave the session to the login.
func (a *Interpreter) tlsAccepted(host string, sec client.Security, hs *handshakeSeen) error {
	if hs == nil || hs.protocol != "TLSv1.3" || !sec.Mode.TLS() || a.sess == nil || !a.sess.Protected() {
		return nil
	}
	_, err := a.sess.Noop(unobserved(a.ctx))
	if !errors.Is(err, client.ErrSecurityRequired) {
		return nil
	}
	a.authFailed(sec.Mode.Required(), err.Error())
	a.sess.Close()
	a.sess = nil
	a.skipLoginLines(host)
	return shown(ecAuthentication, fmt.Errorf("open %s: %w", host, err))
}
