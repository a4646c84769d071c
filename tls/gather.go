package tls

import "net"

// GatherWriter writes to a TLS connection over an EOFConn with the
// records of each Write gathered underneath and sent in one write(2):
// crypto/tls writes each record (16 KiB at most) on its own, 16 384
// write calls for 256 MiB. Buf holds the gathered records and can be kept
// from one connection to the next (a session's): it grows to what the
// largest Write made.
type GatherWriter struct {
	Conn  *Conn
	Under *EOFConn // Conn's TCP connection
	Buf   []byte
}

// Write writes p through Conn, its records in one write underneath.
func (g *GatherWriter) Write(p []byte) (int, error) {
	// Records add their framing: under 64 bytes per 16 KiB full record,
	// more per byte for the small records crypto/tls starts a connection
	// with. A buffer too small is grown by append.
	if need := len(p) + len(p)/16 + 256; cap(g.Buf) < need {
		g.Buf = make([]byte, 0, need)
	}
	g.Under.gather(g.Buf)
	n, err := g.Conn.Write(p)
	buf, ferr := g.Under.flush()
	g.Buf = buf
	if err == nil {
		err = ferr
	}
	return n, err
}

// gather makes the writes until flush collect in buf (from its start)
// instead of going out one by one.
func (c *EOFConn) gather(buf []byte) {
	c.gathering, c.w = true, buf[:0]
}

// flush writes what was gathered in one call and ends the gathering. It
// returns the buffer, grown to what it held, for the next gather.
func (c *EOFConn) flush() ([]byte, error) {
	c.gathering = false
	w := c.w
	c.w = nil
	if len(w) == 0 {
		return w, nil
	}
	_, err := c.Conn.Write(w)
	return w, err
}

// Layers returns conn as a TLS connection and the EOFConn under it: nil
// and nil when conn is not a *Conn, the *Conn and nil when what it runs
// over is not an EOFConn.
func Layers(conn net.Conn) (*Conn, *EOFConn) {
	tc, ok := conn.(*Conn)
	if !ok {
		return nil, nil
	}
	ec, _ := tc.NetConn().(*EOFConn)
	return tc, ec
}
