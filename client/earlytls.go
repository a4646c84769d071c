package client

import (
	"net"
)

// A protected data connection's handshake starts as soon as its passive
// connection is made, before the transfer command's 1xx reply: the server
// sends the 1xx once it has accepted the connection and then starts its
// side of the handshake, so a client that waits for the 1xx before its
// ClientHello starts the handshake half a round trip later than it could
// (the 1xx's way over the control connection). Started at once, the
// ClientHello waits in the server's socket until the server takes it.
//
// The handshake runs in a goroutine while the session reads the 1xx reply.
// A reply that is not a 1xx ends the connection, so that a refused command
// never leaves the handshake waiting for a server that will not answer it;
// its events are then dropped (serially no handshake would have been
// made). After a 1xx the goroutine is waited for and its events reported,
// where a serial exchange reports them: after the 1xx, before the
// transfer's start. A small upload whole in hand is written once the
// handshake has succeeded (early.go).
//
// Only when the passive command goes together with the transfer command
// (dataAndStart): the server has the command before the client connects,
// since it answers the passive command first. Sent on its own after the
// connection is made (PIPELINE FALSE, REST, the first transfer of a
// session), the command may reach the server after the ClientHello, and
// pyftpdlib 1.5.7 then never sends the listing's final reply (interop
// TestCCC, whose control connection goes through a tap that delays it);
// the handshake waits for the 1xx there, as RFC 4217's examples show, and
// in active mode, where the server connects after taking the command.

// earlyHandshake is a data connection's handshake started before the
// transfer command's 1xx reply: its outcome (tc, or err) once done is
// closed, and its events.
type earlyHandshake struct {
	done   chan struct{}
	tc     net.Conn
	err    error
	events []Event
}

// handshakeEarly starts conn's handshake in a goroutine of its own; then,
// when not nil, runs on the protected connection after the handshake has
// succeeded (an early upload's write).
func (s *Session) handshakeEarly(conn net.Conn, then func(net.Conn)) *earlyHandshake {
	h := &earlyHandshake{done: make(chan struct{})}
	ctx := s.callCtx()
	go func() {
		defer close(h.done)
		h.tc, h.err = s.handshakeData(ctx, conn, func(ev Event) { h.events = append(h.events, ev) })
		if h.err == nil && then != nil {
			then(h.tc)
		}
	}()
	return h
}

// finish ends an early handshake once the transfer command's first reply
// r has come (or reading it failed, failed): a reply that is not a 1xx
// ends the data connection, which ends a handshake still waiting. It
// waits for the goroutine and, after a 1xx, reports the handshake's
// events and returns true: the transfer then takes the handshake's outcome
// (runData). h may be nil.
func (h *earlyHandshake) finish(s *Session, pd *pendingData, r *Reply, failed bool) bool {
	if h == nil {
		return false
	}
	ok := !failed && r.Preliminary()
	if !ok {
		pd.abort()
	}
	<-h.done
	if ok {
		for _, ev := range h.events {
			s.report(ev)
		}
	}
	h.events = nil
	return ok
}

// startData starts what goes out on a passive data connection before the
// transfer command's 1xx reply: under PROT P the handshake, and the data
// of an upload e that is whole in hand (early.go) — at once on a clear
// connection, after the handshake on a protected one. It returns the
// handshake started, or nil.
func (s *Session) startData(conn net.Conn, e *earlyUpload) *earlyHandshake {
	whole := e != nil && e.take(s)
	idle := s.cfg.DataIdleTimeout
	if s.sec.prot != 'P' {
		if whole {
			e.write(conn, idle)
		}
		return nil
	}
	var then func(net.Conn)
	if whole {
		then = func(tc net.Conn) { e.write(tc, idle) }
	}
	return s.handshakeEarly(conn, then)
}
