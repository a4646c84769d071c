package ftpd

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/zftp/zftp/client"
)

// cmdCcc clears the control connection (RFC 4217 section 6) when
// Options.CCC accepts it. After the 200 reply TLS ends as Options.CCCMode
// says and the session continues in clear on the TCP connection; data
// connections keep the PROT level in force.
func (s *session) cmdCcc(string) {
	switch {
	case s.ctrlTLS == nil:
		s.reply(533, "CCC needs a protected control connection")
		return
	case s.srv.opts.TLSMode.Implicit() && s.msgs.cccNotOnImplic != "":
		s.reply(534, s.msgs.cccNotOnImplic)
		return
	case s.srv.opts.CCC != CCCAccept:
		s.reply(534, s.msgs.cccRefused)
		return
	}
	s.reply(200, s.msgs.cccOK)
	if err := s.w.Flush(); err != nil {
		s.quit = true
		return
	}
	if s.srv.opts.CCCMode == client.CCCRFC4217 {
		if err := s.closeNotify(); err != nil {
			s.log.Info("CCC failed", "err", err)
			s.quit = true
			return
		}
	}
	raw := s.rawCtrl
	if err := raw.SetDeadline(time.Time{}); err != nil {
		s.quit = true
		return
	}
	s.ctrlTLS, s.cleared = nil, true
	s.setControl(raw)
	s.log.Info("control connection cleared", "close_notify", s.srv.opts.CCCMode == client.CCCRFC4217)
}

// closeNotify waits for the client's close_notify, then sends the
// server's (RFC4217 mode).
func (s *session) closeNotify() error {
	if err := s.rawCtrl.SetReadDeadline(time.Now().Add(s.srv.opts.DataTimeout)); err != nil {
		return err
	}
	buf := make([]byte, 512)
	for {
		n, err := s.r.Read(buf)
		if n > 0 {
			return errors.New("the client sent data instead of close_notify")
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("waiting for the client's close_notify: %w", err)
		}
	}
	// CloseWrite sends close_notify and leaves the TCP connection open,
	// but sets its write deadline to now: the caller resets it.
	if err := s.ctrlTLS.CloseWrite(); err != nil {
		return fmt.Errorf("send close_notify: %w", err)
	}
	return nil
}
