package tls

import (
	"bufio"
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
	r   io.Reader // nil, or a buffer over Conn (ReadThrough)

	gathering bool   // writes go to w (GatherWriter)
	w         []byte // what was written while gathering
}

// ReadThrough makes the reads from now on go through buf, reset to the
// TCP connection: a TLS layer above then reads many records per read(2)
// instead of one or two. It must be called between reads, from the
// goroutine that reads; nothing is read ahead before it.
func (c *EOFConn) ReadThrough(buf *bufio.Reader) {
	buf.Reset(c.Conn)
	c.r = buf
}

// Read reads from the TCP connection, noting io.EOF.
func (c *EOFConn) Read(p []byte) (int, error) {
	var n int
	var err error
	if c.r != nil {
		n, err = c.r.Read(p)
	} else {
		n, err = c.Conn.Read(p)
	}
	if err == io.EOF {
		c.eof.Store(true)
	}
	return n, err
}

// Write writes p to the TCP connection, or keeps it while gathering.
func (c *EOFConn) Write(p []byte) (int, error) {
	if c.gathering {
		c.w = append(c.w, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// NetConn returns the TCP connection under c, as crypto/tls's
// Conn.NetConn does for its own layer: whoever must reach the socket (to
// reset it, client's pendingData.reset) finds it through both layers.
func (c *EOFConn) NetConn() net.Conn { return c.Conn }

// SawEOF reports whether the TCP connection ended (without close_notify,
// when the TLS layer above it saw a clean end).
func (c *EOFConn) SawEOF() bool { return c.eof.Load() }

// EndedBare reports whether conn is a TLS connection over an EOFConn whose
// TCP connection ended. Once the TLS stream above it ended cleanly, that
// means the peer closed without close_notify, and the data may be cut
// short. Any other connection reports false.
func EndedBare(conn net.Conn) bool {
	_, ec := Layers(conn)
	return ec != nil && ec.SawEOF()
}
