package ftpd

import (
	"time"

	"github.com/zftp/zftp/client"
)

// greet sends the 220 greeting, with the TLS handshake where the mode puts
// it: before the greeting (implicit, Netscape model: the 220 then travels
// inside TLS) or right after it (implicit, z/OS model: the 220 in clear,
// then the handshake without AUTH). It reports whether the session goes
// on.
//
// A client of the other model meets realistic failures: a client that
// waits for a clear 220 from a Netscape-model server waits until its
// timeout while the server waits for the ClientHello; a Netscape-model
// client of a z/OS-model server reads the clear 220 as a TLS record and
// fails its handshake.
func (s *session) greet() bool {
	mode := s.srv.opts.TLSMode
	if s.tlsCfg != nil && mode == client.Implicit {
		if err := s.startTLS(); err != nil {
			s.log.Info("implicit TLS failed", "model", "SECUREIMPLICITZOS FALSE", "err", err)
			return false
		}
	}
	if has(s.srv.opts.Faults.PreliminaryFloodFor, "GREETING") {
		s.preliminaryFlood()
		return false
	}
	if !has(s.srv.opts.Faults.SilentFor, "GREETING") {
		s.replyLines(220, s.msgs.greeting(time.Now()))
	}
	if s.tlsCfg != nil && mode == client.ImplicitZOS {
		if err := s.w.Flush(); err != nil {
			return false
		}
		if err := s.startTLS(); err != nil {
			s.log.Info("implicit TLS failed", "model", "SECUREIMPLICITZOS TRUE", "err", err)
			return false
		}
	}
	return true
}
