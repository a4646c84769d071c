package ftpd

import (
	"bufio"
	"io"

	ztls "github.com/zftp/zftp/tls"
)

// batchSize is how much a protected data connection gathers under its
// TLS layer: 64 full records per write(2), and as much per read(2).
const batchSize = 1 << 20

// batchConn is the TCP connection under a protected data connection's
// TLS layer. While a transfer moves (moveTLS) the records crypto/tls
// writes, one write(2) each otherwise, are gathered and sent batchSize at
// a time, and reads go through a buffer of that size: a 256 MiB download
// is 256 write calls instead of 16 384. The handshake before and the
// close_notify after the transfer go out unbuffered.
type batchConn struct {
	*ztls.EOFConn
	r        *bufio.Reader
	w        *bufio.Writer
	batching bool
}

// batchBuffers are a session's batchConn buffers, made at its first
// protected data connection and reset for each next one (a session moves
// one transfer at a time).
type batchBuffers struct {
	r    *bufio.Reader
	w    *bufio.Writer
	copy []byte // a protected upload's copy into its file (copyBuffer)
}

// copyBuffer returns the buffer a protected upload is copied through.
func (b *batchBuffers) copyBuffer() []byte {
	if b.copy == nil {
		b.copy = make([]byte, batchSize)
	}
	return b.copy
}

// filled reads r until p is full or r fails: a TLS connection's reads
// return a record each, and a file written a megabyte at a time takes 64
// times fewer write calls than one written a record at a time.
type filled struct{ r io.Reader }

func (f filled) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := f.r.Read(p[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// writerOnly hides a file's ReadFrom, so that io.CopyBuffer uses the
// buffer it is given.
type writerOnly struct{ io.Writer }

// conn returns ec with the session's buffers under it.
func (b *batchBuffers) conn(ec *ztls.EOFConn) *batchConn {
	if b.r == nil {
		b.r, b.w = bufio.NewReaderSize(ec, batchSize), bufio.NewWriterSize(ec, batchSize)
	} else {
		b.r.Reset(ec)
		b.w.Reset(ec)
	}
	return &batchConn{EOFConn: ec, r: b.r, w: b.w}
}

// Read reads through the buffer.
func (c *batchConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// Write gathers p while batching, and writes it at once otherwise.
func (c *batchConn) Write(p []byte) (int, error) {
	if c.batching {
		return c.w.Write(p)
	}
	return c.EOFConn.Write(p)
}

// start begins gathering writes.
func (c *batchConn) start() { c.batching = true }

// flush writes what was gathered.
func (c *batchConn) flush() error { return c.w.Flush() }

// stop ends the gathering; what was gathered and not flushed is dropped
// (a transfer that failed).
func (c *batchConn) stop() {
	c.batching = false
	c.w.Reset(c.EOFConn)
}
