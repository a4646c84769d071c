package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/zftp/zftp/tls"
)

// CCCMode says how the TLS layer of the control connection ends after CCC
// (RFC 4217 section 6). (The z/OS front end takes it from TLSRFCLEVEL, whose
// DRAFT value refuses CCC before the engine is asked: see internal/config.)
type CCCMode int

// The CCC modes.
const (
	// CCCRFC4217 sends close_notify and waits for the server's before
	// continuing in clear, as RFC 4217 section 6 says.
	CCCRFC4217 CCCMode = iota
	// CCCNoNotify exchanges no close_notify: the next bytes are plain FTP.
	// A TLS record the server sends anyway is discarded
	// (CCCRecordDiscarded).
	CCCNoNotify
)

// ErrCCCImplicit reports CCC on an implicit session, which z/OS does not
// support.
var ErrCCCImplicit = errors.New("CCC is not supported on an implicitly protected connection")

// ErrCCCCloseNotify reports a CCC with CCCRFC4217 whose close_notify
// exchange failed: the server sent none in time (it may expect
// CCCNoNotify), or sent something else. The control connection can no
// longer be used.
var ErrCCCCloseNotify = errors.New("waiting for the server's close_notify")

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
		return nil, fmt.Errorf("CCC: unknown CCCMode %d", int(mode))
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

// CCCRecordDiscarded is reported when, after CCC with CCCNoNotify, the
// server sent a TLS record anyway (its close_notify, as proftpd does): the
// record of Bytes bytes was read and discarded, and the session goes on in
// clear.
type CCCRecordDiscarded struct {
	Bytes int
}

func (CCCRecordDiscarded) isEvent() {}

// strayWait is how long CCCNoNotify watches for a close_notify that the
// server sends anyway (proftpd does).
const strayWait = 300 * time.Millisecond

// skipStrayRecord discards one TLS record that arrives right after a
// CCCNoNotify switch: a server that sends its close_notify regardless
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
	s.report(CCCRecordDiscarded{Bytes: 5 + n})
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
			return fmt.Errorf("%w: the server sent data instead", ErrCCCCloseNotify)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrCCCCloseNotify, err)
		}
	}
}
