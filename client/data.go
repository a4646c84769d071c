package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"
)

// pendingData is a data connection being set up: dialled already (passive)
// or listening for the server (active).
type pendingData struct {
	mu     sync.Mutex
	conn   net.Conn     // passive: connected before the transfer command
	ln     net.Listener // active: accepts after the 1xx reply
	peer   net.IP       // the server's address: the only one accepted
	closed bool

	finalIn  bool // the transfer's final 2xx reply has arrived (hurry)
	draining bool // a plain upload's drain waits on conn (drainPlain)
}

// abort closes whatever the pending connection holds; safe from any
// goroutine and more than once.
func (p *pendingData) abort() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	if p.conn != nil {
		p.conn.Close()
	}
	if p.ln != nil {
		p.ln.Close()
	}
}

// reset ends the data connection with a TCP reset instead of a close:
// the bytes still queued in the sockets are thrown away, not delivered,
// and the server reads an error, not an end of file. An aborted or failed
// upload must never look complete to the server (a close would let it
// store what was queued and answer 226). Under TLS the TCP connection is
// closed first, itself: closing the TLS connection sends close_notify,
// which the server reads, ahead of the reset, as the clean end of the
// data (seen: 226 for a cut PROT P upload).
func (p *pendingData) reset() {
	p.mu.Lock()
	if tc, ok := tcpConn(p.conn); ok {
		tc.SetLinger(0)
		tc.Close()
	}
	p.mu.Unlock()
	p.abort()
}

// tcpConn finds the TCP connection under c (under its TLS layer, if any).
func tcpConn(c net.Conn) (*net.TCPConn, bool) {
	for c != nil {
		switch v := c.(type) {
		case *net.TCPConn:
			return v, true
		case interface{ NetConn() net.Conn }:
			c = v.NetConn()
		default:
			return nil, false
		}
	}
	return nil, false
}

// lateAccept is how long an active-mode accept may still wait once the
// server's final reply has arrived: its connection, if it made one, is
// already in the listen queue.
const lateAccept = time.Second

// hurry shortens the wait for an active-mode data connection once the
// transfer's final reply is in (for example after a connection from a
// foreign address was refused and the server finished anyway), and ends
// a plain upload's drain: the server has said it has every byte.
func (p *pendingData) hurry() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.finalIn = true
	if tl, ok := p.ln.(*net.TCPListener); ok && p.conn == nil {
		tl.SetDeadline(time.Now().Add(lateAccept))
	}
	if p.draining {
		p.conn.SetReadDeadline(time.Now())
	}
}

// startDrain marks conn as drained by a plain upload that has sent its
// last byte, unless the final reply is in already (then there is no wait
// to end).
func (p *pendingData) startDrain() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draining = !p.finalIn
	return p.draining
}

// openData sets up the data connection by the configured method, falling
// back from EPSV to PASV and from EPRT to PORT when the server refuses the
// extended commands (RFC 2428), unless told not to.
func (s *Session) openData() (*pendingData, error) {
	v6 := s.peerIP.To4() == nil
	switch s.dataVerb() {
	case "EPSV":
		return s.epsv(v6)
	case "PASV":
		return s.pasv()
	case "EPRT":
		return s.eprt(v6)
	}
	return s.port()
}

func (s *Session) epsv(v6 bool) (*pendingData, error) {
	r, err := s.expect("EPSV", "", 229)
	if err != nil {
		if s.fallBackFromEPSV(err) {
			return s.pasv()
		}
		return nil, err
	}
	return s.dialPassive("EPSV", r)
}

// fallBackFromEPSV reports whether err, EPSV's refusal, makes the session
// use PASV from now on (RFC 2428: a server without EPSV answers 5xx), and
// notes that it does: not over IPv6, where PASV cannot name the address,
// nor when told not to.
func (s *Session) fallBackFromEPSV(err error) bool {
	if ReplyCode(err)/100 != 5 || s.peerIP.To4() == nil || s.cfg.NoEPSVFallback {
		return false
	}
	s.noEPSV = true
	s.warn("EPSV refused by the server; using PASV for this session")
	return true
}

func (s *Session) pasv() (*pendingData, error) {
	r, err := s.expect("PASV", "", 227)
	if err != nil {
		return nil, err
	}
	return s.dialPassive("PASV", r)
}

// dialPassive connects to where the passive reply r to verb says.
func (s *Session) dialPassive(verb string, r *Reply) (*pendingData, error) {
	addr, err := s.passiveTarget(verb, r)
	if err != nil {
		return nil, err
	}
	return s.dialPassiveAddr(verb, addr)
}

// dialPassiveAddr connects to addr, where the reply to verb (PASV or EPSV)
// says (passiveTarget), and remembers that verb works on this session
// (dataAndStart).
func (s *Session) dialPassiveAddr(verb string, addr *net.TCPAddr) (*pendingData, error) {
	pd, err := s.dialData(addr)
	if err == nil && s.dataOK != verb {
		s.setPassiveOK(verb)
	}
	return pd, err
}

// setPassiveOK records that verb (PASV or EPSV) opens data connections
// with this session's server.
func (s *Session) setPassiveOK(verb string) {
	s.dataOK = verb
	s.passiveShared.Store(&verb)
}

// PassiveCommand returns the passive command, PASV or EPSV, that has
// opened a data connection on this session, or "" before one has. Unlike
// the session's other methods it may be called from any goroutine while
// the session is in use: a parallel job hands it to the sessions it opens
// to the same server (Settings.Passive).
func (s *Session) PassiveCommand() string {
	if v := s.passiveShared.Load(); v != nil {
		return *v
	}
	return ""
}

// passiveTarget returns the address a 229 (EPSV) or 227 (PASV) reply r
// names: EPSV's port on the server's address; PASV's address, replaced by
// the server's unless the settings follow a foreign one.
func (s *Session) passiveTarget(verb string, r *Reply) (*net.TCPAddr, error) {
	if verb == "EPSV" {
		port, err := ParseEPSV(r.Text())
		if err != nil {
			return nil, err
		}
		return &net.TCPAddr{IP: s.peerIP, Port: port}, nil
	}
	addr, err := ParsePASV(r.Text())
	if err != nil {
		return nil, err
	}
	if !addr.IP.Equal(s.peerIP) {
		switch {
		case s.cfg.PassiveIgnoreAddr:
			addr.IP = s.peerIP
		case s.cfg.PassiveFollowAddr:
			s.report(ForeignPassiveAddress{Named: addr.IP, Server: s.peerIP, Followed: true})
		default:
			s.report(ForeignPassiveAddress{Named: addr.IP, Server: s.peerIP})
			addr.IP = s.peerIP
		}
	}
	return addr, nil
}

// dataVerb is the command openData would send now: EPSV, PASV, EPRT or
// PORT.
func (s *Session) dataVerb() string {
	v6 := s.peerIP.To4() == nil
	switch m := s.cfg.DataMethod; {
	case m == ExtendedPassive || (m == Passive && v6):
		if !s.noEPSV || v6 {
			return "EPSV"
		}
		return "PASV"
	case m == Passive:
		return "PASV"
	case m == ExtendedActive || (m == Active && v6):
		if !s.noEPRT || v6 {
			return "EPRT"
		}
		return "PORT"
	}
	return "PORT"
}

// dialData connects to the server's passive port from the control
// connection's local address.
func (s *Session) dialData(addr *net.TCPAddr) (*pendingData, error) {
	if addr.Port == 0 {
		return nil, fmt.Errorf("data connection: %w: server named port 0", ErrMalformedReply)
	}
	var conn net.Conn
	var err error
	if s.cfg.DialData != nil {
		ctx, cancel := context.WithTimeout(s.callCtx(), s.cfg.DataConnectTimeout)
		defer cancel()
		conn, err = s.cfg.DialData(ctx, "tcp", addr.String())
	} else {
		// No keep-alive probes on a connection that lives for one transfer.
		// The addresses go to the dialler as netip values: an address
		// string would go through the resolver's parsing and its lists
		// for every file (a fifth of an MGET's allocations per file).
		d := net.Dialer{Timeout: s.cfg.DataConnectTimeout, KeepAlive: -1, Control: dataDialControl}
		var local netip.AddrPort
		if ip, ok := netip.AddrFromSlice(s.localIP); ok {
			local = netip.AddrPortFrom(ip.Unmap(), 0)
		}
		remote := netip.AddrPortFrom(netip.Addr{}, uint16(addr.Port))
		if ip, ok := netip.AddrFromSlice(addr.IP); ok {
			remote = netip.AddrPortFrom(ip.Unmap(), uint16(addr.Port))
		}
		var tc *net.TCPConn
		if tc, err = d.DialTCP(s.callCtx(), "tcp", local, remote); err == nil {
			conn = tc
		}
	}
	if err != nil {
		return nil, fmt.Errorf("data connection to %s: %w", addr, err)
	}
	return &pendingData{conn: conn, peer: addr.IP}, nil
}

func (s *Session) listenData() (net.Listener, *net.TCPAddr, error) {
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: s.localIP})
	if err != nil {
		return nil, nil, fmt.Errorf("data listener on %s: %w", s.localIP, err)
	}
	return ln, ln.Addr().(*net.TCPAddr), nil
}

func (s *Session) port() (*pendingData, error) {
	return s.active("PORT", FormatPORT)
}

func (s *Session) eprt(v6 bool) (*pendingData, error) {
	p, err := s.active("EPRT", FormatEPRT)
	if err != nil && ReplyCode(err)/100 == 5 && !v6 && !s.cfg.NoEPSVFallback {
		s.noEPRT = true
		s.warn("EPRT refused by the server; using PORT for this session")
		return s.port()
	}
	return p, err
}

func (s *Session) active(verb string, format func(*net.TCPAddr) (string, error)) (*pendingData, error) {
	ln, addr, err := s.listenData()
	if err != nil {
		return nil, err
	}
	arg, err := format(addr)
	if err == nil {
		_, err = s.expect(verb, arg, 2)
	}
	if err != nil {
		ln.Close()
		return nil, err
	}
	return &pendingData{ln: ln, peer: s.peerIP}, nil
}

// accept waits for the server's data connection (active mode), at most
// timeout. abort (from another goroutine) ends the wait. Connections from
// any address but the server's are refused and reported through warn.
func (p *pendingData) accept(timeout time.Duration, warn func(string, ...any)) (net.Conn, error) {
	p.mu.Lock()
	ln, conn := p.ln, p.conn
	p.mu.Unlock()
	if conn != nil {
		return conn, nil
	}
	tl := ln.(*net.TCPListener)
	tl.SetDeadline(time.Now().Add(timeout))
	defer ln.Close()
	for {
		c, err := tl.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return nil, fmt.Errorf("%w within %s", ErrNoDataConnection, timeout)
			}
			return nil, fmt.Errorf("data connection: accept: %w", err)
		}
		if ip := addrIP(c.RemoteAddr()); !ip.Equal(p.peer) {
			warn("data connection from %s refused: the server is %s", c.RemoteAddr(), p.peer)
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conn, p.ln = c, nil
		closed := p.closed
		p.mu.Unlock()
		if closed {
			c.Close()
			return nil, fmt.Errorf("data connection: aborted")
		}
		return c, nil
	}
}
