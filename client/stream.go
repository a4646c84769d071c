package client

import (
	"io"
	"net"
	"time"
)

// chunk is how many bytes move between two refreshes of the data
// connection's idle deadline and two progress events.
const chunk = 256 << 10

// pump copies src to dst in chunks, refreshing conn's deadline before each
// chunk so that DataIdleTimeout bounds a stalled transfer, and adding the
// bytes moved to *total. Each chunk is an io.CopyBuffer over an
// io.LimitedReader, which keeps *os.File and *net.TCPConn visible to the
// runtime's sendfile and splice paths.
func (s *Session) pump(dst io.Writer, src io.Reader, conn net.Conn, total *int64) error {
	buf := make([]byte, 64<<10)
	lr := &io.LimitedReader{R: src}
	for {
		conn.SetDeadline(time.Now().Add(s.cfg.DataIdleTimeout))
		lr.N = chunk
		n, err := io.CopyBuffer(dst, lr, buf)
		*total += n
		if n > 0 {
			s.report(TransferProgress{Bytes: *total})
		}
		if err != nil {
			return err
		}
		if n < chunk {
			conn.SetDeadline(time.Time{})
			return nil
		}
	}
}
