package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/zftp/zftp/tls"
)

// CCCMode says how the TLS layer of the control connection ends after CCC
// (the z/OS TLSRFCLEVEL statement).
type CCCMode int

// The CCC modes.
const (
	// CCCRFC4217 sends close_notify and waits for the server's before
	// continuing in clear (TLSRFCLEVEL RFC4217).
	CCCRFC4217 CCCMode = iota
	// CCCNoNotify exchanges no close_notify: the next bytes are plain FTP
	// (TLSRFCLEVEL CCCNONOTIFY).
	CCCNoNotify
	// CCCDraft (TLSRFCLEVEL DRAFT, the z/OS client's default): CCC is not
	// supported, as z/OS says; Session.CCC refuses it without sending
	// anything (ErrCCCDraft).
	CCCDraft
)

// String names the mode as TLSRFCLEVEL does.
func (m CCCMode) String() string {
	switch m {
	case CCCRFC4217:
		return "RFC4217"
	case CCCNoNotify:
		return "CCCNONOTIFY"
	case CCCDraft:
		return "DRAFT"
	}
	return fmt.Sprintf("CCCMode(%d)", int(m))
}

// ParseCCCMode parses a TLSRFCLEVEL value (DRAFT, RFC4217, CCCNONOTIFY;
// any case).
func ParseCCCMode(s string) (CCCMode, error) {
	for _, m := range []CCCMode{CCCDraft, CCCRFC4217, CCCNoNotify} {
		if strings.EqualFold(s, m.String()) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("TLSRFCLEVEL %q: want DRAFT, RFC4217 or CCCNONOTIFY", s)
}

// ErrCCCImplicit reports CCC on an implicit (TLSPORT) session, which z/OS
// does not support.
var ErrCCCImplicit = errors.New("CCC is not supported on an implicitly protected (TLSPORT) connection")

// ErrCCCDraft reports CCC asked for with CCCDraft (TLSRFCLEVEL DRAFT), or
// with an unknown mode.
var ErrCCCDraft = errors.New("CCC is not supported when TLSRFCLEVEL is DRAFT")

// ControlCleared is reported when CCC has taken TLS off the control
// connection.
type ControlCleared struct {
	Mode CCCMode
}

func (ControlCleared) isEvent() {}

// ControlCleared reports whether CCC has cleared the control connection.
func (s *Session) ControlCleared() bool { return s.sec.ccc }

// CCC clears the control connection (RFC 4217 section 6): after a 200
// reply, TLS ends on the control connection as mode says and commands
// continue in clear, so that firewalls and NAT devices can read PORT and
// PASV; data connections stay protected as PROT says. A refusal keeps the
// session protected.
func (s *Session) CCC(ctx context.Context, mode CCCMode) (*Reply, error) {
	defer s.begin(ctx)()
	switch {
	case !s.sec.on || s.sec.ccc:
		return nil, fmt.Errorf("CCC: %w", ErrNotProtected)
	case s.cfg.Security.Mode.Implicit():
		return nil, ErrCCCImplicit
	case mode != CCCRFC4217 && mode != CCCNoNotify:
		return nil, ErrCCCDraft
	}
	r, err := s.expect("CCC", "", 2)
	if err != nil {
		return r, err
	}
	tc := s.ctl.conn.(*tls.Conn)
	if mode == CCCRFC4217 {
		if err := s.closeNotify(tc); err != nil {
			return r, s.fail(fmt.Errorf("CCC: %w", err))
		}
	}
	s.sec.raw.SetDeadline(time.Time{})
	s.ctl.swap(s.sec.raw)
	if mode == CCCNoNotify {
		s.skipStrayRecord()
	}
	s.sec.ccc = true
	s.report(ControlCleared{Mode: mode})
	return r, nil
}

// strayWait is how long CCCNONOTIFY watches for a close_notify that the
// server sends anyway (proftpd does).
const strayWait = 300 * time.Millisecond

// skipStrayRecord discards one TLS record that arrives right after a
// CCCNONOTIFY switch: a server that sends its close_notify regardless
// would otherwise put it in front of the next clear reply.
func (s *Session) skipStrayRecord() {
	br := s.ctl.rr.r
	s.sec.raw.SetReadDeadline(time.Now().Add(strayWait))
	defer s.sec.raw.SetReadDeadline(time.Time{})
	hdr, err := br.Peek(5)
	if err != nil || !isTLSRecord(hdr) {
		return
	}
	n := int(hdr[3])<<8 | int(hdr[4])
	br.Discard(5 + n)
	s.warn("the server sent a TLS record (its close_notify) after CCC although TLSRFCLEVEL is CCCNONOTIFY; it was discarded")
}

// isTLSRecord reports whether b starts like a TLS alert or application
// data record.
func isTLSRecord(b []byte) bool {
	return len(b) >= 3 && (b[0] == 0x15 || b[0] == 0x17) && b[1] == 3 && b[2] <= 4
}

// closeNotify sends close_notify and reads until the server's.
func (s *Session) closeNotify(tc *tls.Conn) error {
	if err := tc.CloseWrite(); err != nil {
		return fmt.Errorf("send close_notify: %w", err)
	}
	tc.SetReadDeadline(time.Now().Add(s.cfg.ReplyTimeout))
	buf := make([]byte, 512)
	for {
		n, err := tc.Read(buf)
		if n > 0 {
			return fmt.Errorf("the server sent data instead of close_notify")
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("waiting for the server's close_notify (TLSRFCLEVEL RFC4217; try CCCNONOTIFY if the server sends none): %w", err)
		}
	}
}
