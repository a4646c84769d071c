package ftpd

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"time"
)

// errNoDataSetup means a transfer command came without PASV, EPSV, PORT
// or EPRT before it.
var errNoDataSetup = errors.New("use PORT, EPRT, PASV or EPSV first")

// localIP returns the IP address of the server end of the control
// connection: passive listeners and active dials use it.
func (s *session) localIP() net.IP {
	if ta, ok := s.rawCtrl.LocalAddr().(*net.TCPAddr); ok {
		return ta.IP
	}
	return nil
}

// closePassive forgets any data connection set-up: it closes a passive
// listener and drops an active address.
func (s *session) closePassive() {
	s.active = nil
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pasv != nil {
		s.pasv.Close()
		s.pasv = nil
	}
}

// listenPassive opens a passive listener on the control connection's
// local address, within Options.PassivePorts when set.
func (s *session) listenPassive() (*net.TCPAddr, error) {
	s.closePassive()
	ln, err := s.listenInRange(s.localIP(), s.srv.opts.PassivePorts)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		ln.Close()
		return nil, net.ErrClosed
	}
	s.pasv = ln
	return ln.Addr().(*net.TCPAddr), nil
}

func (s *session) listenInRange(ip net.IP, r PortRange) (net.Listener, error) {
	if r.IsZero() {
		return net.ListenTCP("tcp", &net.TCPAddr{IP: ip})
	}
	n := r.High - r.Low + 1
	start := rand.IntN(n)
	var err error
	for i := range n {
		port := r.Low + (start+i)%n
		var ln *net.TCPListener
		if ln, err = net.ListenTCP("tcp", &net.TCPAddr{IP: ip, Port: port}); err == nil {
			return ln, nil
		}
	}
	return nil, fmt.Errorf("no free passive port in %v: %w", r, err)
}

// openData establishes the data connection set up by the last PASV, EPSV,
// PORT or EPRT. Every data connection is made here, as a TCP connection;
// under PROT P the caller runs the TLS handshake (protectData) once it
// has sent the 1xx reply. The caller closes it with releaseData.
func (s *session) openData() (net.Conn, error) {
	s.mu.Lock()
	ln := s.pasv
	s.mu.Unlock()
	var c net.Conn
	var err error
	switch {
	case ln != nil:
		c, err = s.acceptFromPeer(ln)
	case s.active != nil:
		c, err = s.dialActive(s.active)
	default:
		err = errNoDataSetup
	}
	s.closePassive()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		c.Close()
		return nil, net.ErrClosed
	}
	s.data = c
	return c, nil
}

// acceptFromPeer waits up to Options.DataTimeout for a connection from
// the control connection's peer, refusing connections from anywhere else.
func (s *session) acceptFromPeer(ln net.Listener) (net.Conn, error) {
	if tl, ok := ln.(*net.TCPListener); ok {
		if err := tl.SetDeadline(time.Now().Add(s.srv.opts.DataTimeout)); err != nil {
			return nil, fmt.Errorf("passive deadline: %w", err)
		}
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			return nil, fmt.Errorf("passive accept: %w", err)
		}
		if ta, ok := c.RemoteAddr().(*net.TCPAddr); ok && ta.IP.Equal(s.peer) {
			return c, nil
		}
		s.log.Warn("refused data connection from foreign address", "from", c.RemoteAddr().String())
		c.Close()
	}
}

// dialActive connects to the client's data port for PORT and EPRT.
func (s *session) dialActive(to *net.TCPAddr) (net.Conn, error) {
	d := net.Dialer{Timeout: s.srv.opts.DataTimeout, LocalAddr: &net.TCPAddr{IP: s.srv.opts.Faults.activeSource(s.localIP())}}
	c, err := d.DialContext(s.srv.ctx, "tcp", to.String())
	if err != nil {
		return nil, fmt.Errorf("active connect: %w", err)
	}
	return c, nil
}

// releaseData closes a data connection from openData.
func (s *session) releaseData(c net.Conn) {
	s.mu.Lock()
	if s.data == c {
		s.data = nil
	}
	s.mu.Unlock()
	c.Close()
}

func (s *session) cmdPasv(string) {
	if s.epsvAll {
		s.reply(501, "PASV not allowed after EPSV ALL")
		return
	}
	ip4 := s.localIP().To4()
	if ip4 == nil {
		s.reply(425, "PASV needs an IPv4 control connection; use EPSV")
		return
	}
	a, err := s.listenPassive()
	if err != nil {
		s.log.Warn("passive listen", "err", err)
		s.reply(425, "Can't open passive connection")
		return
	}
	if adv := s.srv.opts.PassiveAddress.To4(); adv != nil {
		ip4 = adv // Options.PassiveAddress: a NAT-style 227
	}
	port := s.srv.opts.Faults.advertisedPort(a.Port)
	s.reply(227, fmt.Sprintf("Entering Passive Mode (%d,%d,%d,%d,%d,%d)",
		ip4[0], ip4[1], ip4[2], ip4[3], port>>8, port&0xFF))
}

func (s *session) cmdEpsv(arg string) {
	switch {
	case strings.EqualFold(arg, "ALL"):
		s.epsvAll = true
		s.reply(200, "EPSV ALL ok")
		return
	case arg == "" || arg == s.family():
	case arg == "1" || arg == "2":
		s.reply(522, "Network protocol not supported, use ("+s.family()+")")
		return
	default:
		s.reply(501, "Unrecognized EPSV argument")
		return
	}
	a, err := s.listenPassive()
	if err != nil {
		s.log.Warn("passive listen", "err", err)
		s.reply(425, "Can't open passive connection")
		return
	}
	s.reply(229, fmt.Sprintf("Entering Extended Passive Mode (|||%d|)", s.srv.opts.Faults.advertisedPort(a.Port)))
}

// family returns the RFC 2428 protocol number of the control connection:
// "1" for IPv4, "2" for IPv6.
func (s *session) family() string {
	if s.localIP().To4() != nil {
		return "1"
	}
	return "2"
}

func (s *session) cmdPort(arg string) {
	if s.epsvAll {
		s.reply(501, "PORT not allowed after EPSV ALL")
		return
	}
	a, err := parsePort(arg)
	if err != nil {
		s.reply(501, "Syntax error in PORT: "+err.Error())
		return
	}
	s.setActive(a, "PORT")
}

func (s *session) cmdEprt(arg string) {
	if s.epsvAll {
		s.reply(501, "EPRT not allowed after EPSV ALL")
		return
	}
	a, err := parseEprt(arg)
	if errors.Is(err, errProtocol) {
		s.reply(522, "Network protocol not supported, use (1,2)")
		return
	}
	if err != nil {
		s.reply(501, "Syntax error in EPRT: "+err.Error())
		return
	}
	s.setActive(a, "EPRT")
}

// setActive accepts an active data address only if it is the control
// connection's peer and not a privileged port: the FTP bounce guard of
// RFC 2577.
func (s *session) setActive(a *net.TCPAddr, verb string) {
	s.closePassive()
	if !a.IP.Equal(s.peer) || a.Port < 1024 {
		s.log.Warn("refused active address", "verb", verb, "addr", a.String())
		s.reply(500, "Illegal "+verb+" command")
		return
	}
	s.active = a
	s.reply(200, s.msgs.portOK(verb))
}

// parsePort parses the h1,h2,h3,h4,p1,p2 argument of PORT.
func parsePort(arg string) (*net.TCPAddr, error) {
	f := strings.Split(strings.TrimSpace(arg), ",")
	if len(f) != 6 {
		return nil, errors.New("want h1,h2,h3,h4,p1,p2")
	}
	var b [6]byte
	for i, x := range f {
		n, err := strconv.ParseUint(strings.TrimSpace(x), 10, 8)
		if err != nil {
			return nil, fmt.Errorf("field %d: %w", i+1, err)
		}
		b[i] = byte(n)
	}
	return &net.TCPAddr{IP: net.IPv4(b[0], b[1], b[2], b[3]), Port: int(b[4])<<8 | int(b[5])}, nil
}

// errProtocol marks an EPRT network protocol other than 1 and 2.
var errProtocol = errors.New("unsupported network protocol")

// parseEprt parses the <d>proto<d>addr<d>port<d> argument of EPRT.
func parseEprt(arg string) (*net.TCPAddr, error) {
	if len(arg) < 2 || arg[0] < 33 || arg[0] > 126 {
		return nil, errors.New("missing delimiter")
	}
	f := strings.Split(arg, arg[:1])
	if len(f) != 5 || f[0] != "" || f[4] != "" {
		return nil, errors.New("want <d>proto<d>addr<d>port<d>")
	}
	if f[1] != "1" && f[1] != "2" {
		return nil, errProtocol
	}
	ip := net.ParseIP(f[2])
	if ip == nil || (f[1] == "1") != (ip.To4() != nil && !strings.Contains(f[2], ":")) {
		return nil, fmt.Errorf("bad address %q for protocol %s", f[2], f[1])
	}
	port, err := strconv.ParseUint(f[3], 10, 16)
	if err != nil || port == 0 {
		return nil, fmt.Errorf("bad port %q", f[3])
	}
	return &net.TCPAddr{IP: ip, Port: int(port)}, nil
}
