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

	gathering bool   // writes go to w (Gather)
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

// Gather makes the writes until Flush collect in buf (from its start)
// instead of going out one by one: a TLS layer above writes each record
// on its own, and a write of many records then leaves in one write(2).
func (c *EOFConn) Gather(buf []byte) {
	c.gathering, c.w = true, buf[:0]
}

// Flush writes what was gathered in one call and ends the gathering. It
// returns the buffer, grown to what it held, for the next Gather.
func (c *EOFConn) Flush() ([]byte, error) {
	c.gathering = false
	w := c.w
	c.w = nil
	if len(w) == 0 {
		return w, nil
	}
	_, err := c.Conn.Write(w)
	return w, err
}

// NetConn returns the TCP connection under c, as crypto/tls's
// Conn.NetConn does for its own layer: whoever must reach the socket (to
// reset it, client's pendingData.reset) finds it through both layers.
func (c *EOFConn) NetConn() net.Conn { return c.Conn }

// SawEOF reports whether the TCP connection ended (without close_notify,
// when the TLS layer above it saw a clean end).
func (c *EOFConn) SawEOF() bool { return c.eof.Load() }
