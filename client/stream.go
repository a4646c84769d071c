package client

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"time"

	"github.com/zftp/zftp/internal/iobuf"
	"github.com/zftp/zftp/tls"
)

// chunk is the size of the session's copy buffer, and how many bytes move
// between two refreshes of the data connection's idle deadline and two
// progress events (pumpChunks grows its steps from there on fast
// transfers).
const chunk = 256 << 10

// tlsReadSize is the read buffer under a protected data connection.
const tlsReadSize = 1 << 20

// buffer returns the session's copy buffer, made once: transfers allocate
// nothing per chunk or per file.
func (s *Session) buffer() []byte {
	if s.buf == nil {
		s.buf = make([]byte, chunk)
	}
	return s.buf
}

// readThrough makes a protected download read its TCP connection through
// the session's 1 MiB buffer from now on: crypto/tls reads a record or two
// per read(2) on its own, and through the buffer many (a TLS GET of 256
// MiB from zftpd: 9 523 reads before, 302 after; docs/performance.md).
// pumpIn calls it once a download has filled its first chunk, so that
// small files and uploads never make the buffer. A session has one data
// connection at a time, and its reads end before the transfer returns.
func (s *Session) readThrough(conn net.Conn) {
	_, ec := tls.Layers(conn)
	if ec == nil {
		return
	}
	if s.tlsRead == nil {
		s.tlsRead = bufio.NewReaderSize(nil, tlsReadSize)
	}
	ec.ReadThrough(s.tlsRead)
}

// pumpOut copies an upload from src to the data connection, by read and
// write through the session's buffers rather than by sendfile: a plain
// PUT of 1 GiB to vsftpd on loopback took 2.20 s by sendfile and 1.54 s
// by read and write (docs/performance.md, "PUT 1 GiB plain to vsftpd").
// sendfile moves what the socket's send buffer takes and then parks until
// the poller says it drained; a full buffer's write keeps the receiver's
// window busy. A failure to read src is an ErrLocalRead.
//
// Read and write queue up to a send buffer's worth of data (megabytes)
// ahead of the server: an upload that ends early must therefore reset its
// data connection, never close it (transfer, pendingData.reset), or a
// close's FIN would deliver the queue and the server would store a cut
// file as a whole one.
func (s *Session) pumpOut(conn net.Conn, src io.Reader, total *int64) error {
	tc, ec := tls.Layers(conn)
	if ec == nil {
		return s.pumpChunks(iobuf.WriterOnly{Writer: conn}, localReader{src}, conn, total, tc == nil)
	}
	// The records of each write leave in one write(2) (docs/performance.md,
	// sixth round); the gathering buffer is the session's.
	g := &tls.GatherWriter{Conn: tc, Under: ec, Buf: s.tlsWrite}
	err := s.pumpChunks(g, localReader{src}, conn, total, false)
	s.tlsWrite = g.Buf
	return err
}

// ErrLocalRead marks an upload that failed because its source could not
// be read (an I/O error of the local file, or the caller's reader
// failing), not because of the network. The data connection is then
// reset, so that the server answers with an error rather than storing
// the part it received as the whole file.
var ErrLocalRead = errors.New("local read failed")

// localReader marks the failures of an upload's source as ErrLocalRead.
// io.EOF, the end of the source, stays as it is.
type localReader struct{ r io.Reader }

func (l localReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: %w", ErrLocalRead, err)
	}
	return n, err
}

// uploadChunk is the size of a plain upload's buffer past its first step.
const uploadChunk = 1 << 20

// uploadBuffer returns the plain uploads' buffer, made once per session.
func (s *Session) uploadBuffer() []byte {
	if s.upBuf == nil {
		s.upBuf = make([]byte, uploadChunk)
	}
	return s.upBuf
}

// pumpChunks copies src to dst in steps, refreshing conn's idle deadline
// before each and adding the bytes moved to *total. Each step is an
// io.CopyBuffer over an io.LimitedReader, which keeps *os.File and
// *net.TCPConn visible to the kernel's splice path (downloads). With
// bigger, the copy moves to the bigger uploadBuffer once a step has been
// filled (plain uploads): a small file's MPUT never makes it.
//
// A step starts at chunk bytes and doubles, up to maxStep, while steps take
// less than fastStep: a fast transfer makes a few hundred calls per GiB
// instead of thousands, and a slow one keeps steps small enough for its
// progress events and its idle deadline.
func (s *Session) pumpChunks(dst io.Writer, src io.Reader, conn net.Conn, total *int64, bigger bool) error {
	buf := s.buffer()
	lr := &io.LimitedReader{R: src}
	step := int64(chunk)
	for first := true; ; first = false {
		start := time.Now()
		conn.SetDeadline(start.Add(s.cfg.DataIdleTimeout))
		lr.N = step
		if first {
			lr.N = int64(firstStep(*total))
		}
		n, err := io.CopyBuffer(dst, lr, buf)
		*total += n
		if n > 0 {
			s.report(TransferProgress{Bytes: *total})
		}
		if err != nil {
			return err
		}
		if lr.N > 0 { // the source ended within the step
			conn.SetDeadline(time.Time{})
			return nil
		}
		if step < maxStep && time.Since(start) < fastStep {
			step *= 2
		}
		if bigger && len(buf) < uploadChunk {
			buf = s.uploadBuffer()
		}
	}
}

// firstStep is the size of a transfer's first chunk when moved bytes
// already count towards it (a download's bytes read before its 1xx
// reply): the progress events then fall where they fall without them.
func firstStep(moved int64) int {
	if moved <= 0 || moved >= chunk {
		return chunk
	}
	return chunk - int(moved)
}

// maxStep bounds a step of pumpChunks; fastStep is how quick a step must be
// for the next one to double.
const (
	maxStep  = 8 << 20
	fastStep = 20 * time.Millisecond
)

// ErrLocalWrite marks a download that failed because the local side could
// not take the data (disk full, I/O error), not because of the network.
var ErrLocalWrite = errors.New("local write failed")

// localWrite marks errors from writing a local file (an *fs.PathError)
// as ErrLocalWrite. A splice from the data connection into the file
// reports the connection's failures (reset, timeout, abort) as a
// PathError of the file too: those stay network errors, reported as the
// data connection's.
func localWrite(err error) error {
	if err == nil {
		return nil // the usual case, without errors.As's target on the heap
	}
	var pe *fs.PathError
	switch {
	case errors.Is(err, ErrLocalWrite) || !errors.As(err, &pe):
		return err
	case networkFailure(err):
		// Not the file's failure: say so, without the temporary file's name.
		return fmt.Errorf("data connection: %w", pe.Err)
	}
	return fmt.Errorf("%w: %w", ErrLocalWrite, err)
}

// networkFailure reports whether err is the data connection's failure
// rather than the local file's.
func networkFailure(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout() ||
		errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, net.ErrClosed) ||
		connFailure(err) || errors.Is(err, io.ErrUnexpectedEOF) // connFailure: per OS (neterr_*.go)
}

// pumpDownload copies a download from the data connection to dst: what
// was read before the 1xx reply (takeEarly), then the rest (pumpIn).
func (s *Session) pumpDownload(dst io.Writer, conn net.Conn, total *int64) error {
	if ended, err := s.takeEarly(dst, total); ended {
		return err
	}
	return s.pumpIn(dst, conn, total)
}

// pumpIn copies a download from the data connection to dst. A plain TCP
// connection into an *os.File goes by splice (measured: less CPU than
// read and write). Otherwise it fills the session's buffer (many TLS
// records) and writes it in one call, refreshing the idle deadline for
// each fill: no allocation per chunk, and 256 KiB writes instead of 16 KiB.
func (s *Session) pumpIn(dst io.Writer, conn net.Conn, total *int64) error {
	if _, plain := conn.(*net.TCPConn); plain {
		return localWrite(s.pumpChunks(dst, conn, conn, total, false))
	}
	buf := s.buffer()
	for first := true; ; first = false {
		conn.SetReadDeadline(time.Now().Add(s.cfg.DataIdleTimeout))
		b := buf
		if first {
			b = buf[:firstStep(*total)]
		}
		n, rerr := iobuf.Fill(conn, b)
		if first && rerr == nil {
			s.readThrough(conn)
		}
		if n > 0 {
			if _, err := dst.Write(b[:n]); err != nil {
				return fmt.Errorf("%w: %w", ErrLocalWrite, err)
			}
			*total += int64(n)
			s.report(TransferProgress{Bytes: *total})
		}
		if errors.Is(rerr, io.EOF) {
			conn.SetReadDeadline(time.Time{})
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
}
