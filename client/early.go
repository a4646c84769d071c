package client

import (
	"bytes"
	"io"
	"net"
	"time"
)

// A small upload goes out as soon as its passive data connection is open,
// before the transfer command's 1xx reply: a client that waits for the 150
// before writing sends its data a round trip later than it could (the
// server sends the 150 once it has accepted the connection), and the
// server's final reply follows the data. Written at once, the data waits
// in the server's socket until it takes the command, and the 150 and the
// 226 come back together: one round trip fewer per file of an MPUT.
//
// Only when nothing can go wrong by it:
//   - the whole upload is in hand (it ended within earlyLimit bytes, read
//     once the data connection is open), so it is never cut: a short
//     upload ends with its last byte and a shutdown, as after the 150;
//   - the passive command goes together with the transfer command
//     (dataAndStart: it has worked on the session, no REST, PIPELINE on,
//     the server takes a command sent together with its PASV), so the
//     connection is made for this command.
//
// Under PROT P the data connection's handshake comes first: it starts
// before the 1xx reply too (earlystart.go), and the data is written once it
// has succeeded, in its goroutine; no byte is written before.
//
// earlyLimit is less than any TCP stack's send buffer, so the write never
// waits for the server to read. If the server refuses the command, what
// was written is dropped with the connection, and the refusal is what the
// transfer reports; a command refused at once and sent again on its own
// (Twisted's STOR) sends the data again after the 150.

// earlyLimit is the largest upload written before its 1xx reply.
const earlyLimit = 16 << 10

// earlyUpload is an upload that may go out before its 1xx reply: its
// source, and once taken its first bytes, the whole of it when it ended
// within earlyLimit.
type earlyUpload struct {
	src   io.Reader
	p     []byte // what take read of src
	whole bool   // src ended within p
	sent  bool   // p written and the connection shut for writing, before the 1xx reply
	err   error  // what writing it returned
}

// startEarly prepares the upload from r for dataAndStart, which takes and
// sends it once its data connection is open.
func (s *Session) startEarly(r io.Reader) *earlyUpload {
	s.early = earlyUpload{src: r}
	s.sendEarly = &s.early
	return s.sendEarly
}

// take reads up to earlyLimit bytes of the upload and reports whether its
// source ended within them. A read error is the move's to report, where
// the upload would have met it.
func (e *earlyUpload) take(s *Session) bool {
	buf := s.earlyBuffer()
	n, err := io.ReadFull(e.src, buf)
	e.p = buf[:n]
	switch err {
	case io.EOF, io.ErrUnexpectedEOF:
		e.whole, e.src = true, nil
	case nil:
	default:
		e.src = errReader{err}
	}
	return e.whole
}

// write writes the whole upload to conn and shuts it for writing, within
// the data connection's idle time.
func (e *earlyUpload) write(conn net.Conn, idle time.Duration) {
	conn.SetWriteDeadline(time.Now().Add(idle))
	if _, e.err = conn.Write(e.p); e.err == nil {
		e.err = closeWrite(conn)
	}
	conn.SetWriteDeadline(time.Time{})
	e.sent = true
}

// again makes an upload sent early go out again after the 1xx reply, on a
// connection of its own (the command was refused and is sent again on its
// own).
func (e *earlyUpload) again() {
	e.sent, e.err = false, nil
}

// reader is what is left to send: the bytes taken and the rest of the
// source.
func (e *earlyUpload) reader() io.Reader {
	switch {
	case e.p == nil:
		return e.src
	case e.src == nil:
		return bytes.NewReader(e.p)
	}
	return io.MultiReader(bytes.NewReader(e.p), e.src)
}

// sentEarly is the data step of an upload that went out early: the bytes
// written already, reported as progress, or the write's error.
func (s *Session) sentEarly(e *earlyUpload, total *int64) error {
	if e.err != nil {
		return e.err
	}
	*total = int64(len(e.p))
	if *total > 0 {
		s.report(TransferProgress{Bytes: *total})
	}
	return nil
}

// errReader returns its error on every read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
