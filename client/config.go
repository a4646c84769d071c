package client

import (
	"context"
	"net"
	"time"
)

// DataMethod chooses how data connections are opened.
type DataMethod int

// The data-connection methods. The zero value is Passive.
const (
	Passive         DataMethod = iota // PASV: the client connects (RFC 959)
	ExtendedPassive                   // EPSV: the client connects (RFC 2428)
	Active                            // PORT: the server connects (RFC 959)
	ExtendedActive                    // EPRT: the server connects (RFC 2428)
)

// String returns the command that the method sends.
func (m DataMethod) String() string {
	switch m {
	case ExtendedPassive:
		return "EPSV"
	case Active:
		return "PORT"
	case ExtendedActive:
		return "EPRT"
	default:
		return "PASV"
	}
}

// Default limits and timeouts, used where a Config field is zero.
const (
	DefaultConnectTimeout     = 30 * time.Second
	DefaultReplyTimeout       = 120 * time.Second
	DefaultDataConnectTimeout = 60 * time.Second
	DefaultDataIdleTimeout    = 120 * time.Second
	DefaultMaxLineLength      = 8192
	DefaultMaxReplyLines      = 100000
	DefaultMaxReplyBytes      = 8 << 20
	DefaultMaxPreliminary     = 100
)

// Config holds what a Session needs to know before it dials. Zero fields
// take the defaults above.
type Config struct {
	DataMethod     DataMethod // how data connections are opened
	NoEPSVFallback bool       // EPSV refused: fail instead of falling back to PASV
	// NoPipelining sends every command on its own and waits for its reply.
	// By default commands that may go out together do (Apply's settings,
	// PASV or EPSV with a download's or listing's command once it has
	// worked): RFC 1123 section 4.1.2.10 has a server take a read that
	// holds more than one command, and every server of the interop suite
	// does, but a server that loses such commands needs this.
	NoPipelining bool
	// A 227 reply naming an address other than the control connection's
	// peer: by default the peer is used and a Warning reported (a server
	// must not aim the client at a third host). PassiveIgnoreAddr
	// (PASSIVEIGNOREADDR TRUE coded) uses the peer without a warning;
	// PassiveFollowAddr (PASSIVEIGNOREADDR FALSE coded) connects to the
	// address named, as z/OS does, with a Warning. PassiveIgnoreAddr wins.
	PassiveIgnoreAddr bool
	PassiveFollowAddr bool

	ConnectTimeout     time.Duration // control connection dial
	ReplyTimeout       time.Duration // a command's final reply, 1xx replies included
	DataConnectTimeout time.Duration // opening or accepting a data connection
	DataIdleTimeout    time.Duration // no data moving on a data connection

	LocalAddr string // source IP for control and data connections; "" = any

	// DialData, when set, opens passive data connections (PASV, EPSV)
	// instead of a direct TCP dial: a SOCKS or HTTP CONNECT proxy, say.
	// ctx carries the call's context bounded by DataConnectTimeout; addr
	// is "host:port". LocalAddr does not apply to it.
	DialData func(ctx context.Context, network, addr string) (net.Conn, error)

	MaxLineLength  int // longest reply line accepted
	MaxReplyLines  int // most lines in one reply
	MaxReplyBytes  int // most bytes of one reply's lines kept in Reply.Lines (the rest is counted in Reply.Omitted)
	MaxPreliminary int // most preliminary (1xx) replies to one command

	// Type is the transfer type the session uses once logged in. The zero
	// value is TypeImage: TYPE I is sent after login, so files move
	// byte-exact unless the caller asks otherwise. TypeASCII keeps RFC
	// 959's default and sends nothing.
	Type TransferType

	Observer Observer // receives the session's events; nil = none

	Security Security // TLS; the zero value is plain FTP
}

// withDefaults returns c with zero fields replaced by the defaults.
func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.ConnectTimeout, DefaultConnectTimeout)
	def(&c.ReplyTimeout, DefaultReplyTimeout)
	def(&c.DataConnectTimeout, DefaultDataConnectTimeout)
	def(&c.DataIdleTimeout, DefaultDataIdleTimeout)
	if c.MaxLineLength <= 0 {
		c.MaxLineLength = DefaultMaxLineLength
	}
	if c.MaxReplyLines <= 0 {
		c.MaxReplyLines = DefaultMaxReplyLines
	}
	if c.MaxReplyBytes <= 0 {
		c.MaxReplyBytes = DefaultMaxReplyBytes
	}
	if c.MaxPreliminary <= 0 {
		c.MaxPreliminary = DefaultMaxPreliminary
	}
	return c
}

// SetDataMethod changes how the next data connections are opened, as
// LOCSITE FWFRIENDLY and EPSV4 do during a session.
func (s *Session) SetDataMethod(m DataMethod) { s.cfg.DataMethod = m }

// SetPassiveAddr sets both Config.PassiveIgnoreAddr and
// Config.PassiveFollowAddr during a session (LOCSITE PASSIVEIGNOREADDR or
// NOPASSIVEIGNOREADDR; both false is the default rule).
func (s *Session) SetPassiveAddr(ignore, follow bool) {
	s.cfg.PassiveIgnoreAddr, s.cfg.PassiveFollowAddr = ignore, follow
}
