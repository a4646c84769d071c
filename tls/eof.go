package tls

import (
	"io"
	"net"
	"sync/atomic"
)

// EOFConn wraps the TCP connection under a TLS connection and remembers
// whether it reached end of file. crypto/tls reports a TCP close at a
// record boundary as io.EOF, as it does a close_notify; after a
// close_notify it reads no further, so only a TCP EOF tells a stream cut
// short from one ended properly.
type EOFConn struct {
	net.Conn
	eof atomic.Bool
}

// Read reads from the TCP connection, noting io.EOF.
func (c *EOFConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if err == io.EOF {
		c.eof.Store(true)
	}
	return n, err
}

// NetConn returns the TCP connection under c, as crypto/tls's
// Conn.NetConn does for its own layer: whoever must reach the socket (to
// reset it, client's pendingData.reset) finds it through both layers.
func (c *EOFConn) NetConn() net.Conn { return c.Conn }

// SawEOF reports whether the TCP connection ended (without close_notify,
// when the TLS layer above it saw a clean end).
func (c *EOFConn) SawEOF() bool { return c.eof.Load() }
