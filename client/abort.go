package client

import (
	"errors"
	"time"
)

// ErrAborted reports a transfer ended by Abort.
var ErrAborted = errors.New("transfer aborted")

// abortReplyWait bounds the wait for the reply to ABOR itself, after the
// transfer's own reply: some servers send only one.
const abortReplyWait = 5 * time.Second

// Abort ends the transfer in progress, from any goroutine (a Ctrl-C
// handler): it sends ABOR on the control connection (RFC 959, without the
// Telnet IP/Synch urgent data, which most servers do not need) and closes
// the data connection. The transfer method then returns ErrAborted once
// the server's replies are read, and the session stays usable. Abort does
// nothing when no transfer is running.
func (s *Session) Abort() {
	s.mu.Lock()
	pd := s.current
	if pd == nil || s.aborting {
		s.mu.Unlock()
		return
	}
	s.aborting = true
	s.mu.Unlock()
	s.ctl.sendRaw("ABOR")
	pd.reset()
}

// startCurrent records the transfer Abort would end.
func (s *Session) startCurrent(pd *pendingData) {
	s.mu.Lock()
	s.current, s.aborting = pd, false
	s.mu.Unlock()
}

// endCurrent clears it and says whether Abort was called.
func (s *Session) endCurrent() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	aborted := s.aborting
	s.current, s.aborting = nil, false
	return aborted
}

// afterAbort reports the ABOR command and reads its reply, so the next
// command's reply is its own.
func (s *Session) afterAbort(first *Reply) error {
	s.report(CommandSent{Verb: "ABOR", Line: "ABOR"})
	if first != nil && first.Code == 225 {
		return nil
	}
	_, err := s.ctl.readWithin(min(s.cfg.ReplyTimeout, abortReplyWait))
	var ne interface{ Timeout() bool }
	if err != nil && !(errors.As(err, &ne) && ne.Timeout()) {
		return s.fail(err)
	}
	return nil // the ABOR reply, or none within the wait: one reply only
}
