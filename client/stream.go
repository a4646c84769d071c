package client

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"time"
)

// chunk is the size of the session's copy buffer, and how many bytes move
// between two refreshes of the data connection's idle deadline and two
// progress events (pumpChunks grows its steps from there on fast
// transfers).
const chunk = 256 << 10

// buffer returns the session's copy buffer, made once: transfers allocate
// nothing per chunk or per file.
func (s *Session) buffer() []byte {
	if s.buf == nil {
		s.buf = make([]byte, chunk)
	}
	return s.buf
}

// pumpOut copies an upload from src to the data connection.
func (s *Session) pumpOut(conn net.Conn, src io.Reader, total *int64) error {
	return s.pumpChunks(conn, src, conn, total)
}

// pumpChunks copies src to dst in steps, refreshing conn's idle deadline
// before each and adding the bytes moved to *total. Each step is an
// io.CopyBuffer over an io.LimitedReader, which keeps *os.File and
// *net.TCPConn visible to the kernel's sendfile and splice paths.
//
// A step starts at chunk bytes and doubles, up to maxStep, while steps take
// less than fastStep: a fast transfer makes a few hundred calls per GiB
// instead of thousands (sendfile to vsftpd: 20% less CPU), and a slow one
// keeps steps small enough for its progress events and its idle deadline.
func (s *Session) pumpChunks(dst io.Writer, src io.Reader, conn net.Conn, total *int64) error {
	buf := s.buffer()
	lr := &io.LimitedReader{R: src}
	step := int64(chunk)
	for {
		start := time.Now()
		conn.SetDeadline(start.Add(s.cfg.DataIdleTimeout))
		lr.N = step
		n, err := io.CopyBuffer(dst, lr, buf)
		*total += n
		if n > 0 {
			s.report(TransferProgress{Bytes: *total})
		}
		if err != nil {
			return err
		}
		if n < step {
			conn.SetDeadline(time.Time{})
			return nil
		}
		if step < maxStep && time.Since(start) < fastStep {
			step *= 2
		}
	}
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
	var pe *fs.PathError
	switch {
	case err == nil || errors.Is(err, ErrLocalWrite) || !errors.As(err, &pe):
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

// pumpIn copies a download from the data connection to dst. A plain TCP
// connection into an *os.File goes by splice (measured: less CPU than
// read and write). Otherwise it fills the session's buffer (many TLS
// records) and writes it in one call, refreshing the idle deadline for
// each fill: no allocation per chunk, and 256 KiB writes instead of 16 KiB.
func (s *Session) pumpIn(dst io.Writer, conn net.Conn, total *int64) error {
	if _, plain := conn.(*net.TCPConn); plain {
		return localWrite(s.pumpChunks(dst, conn, conn, total))
	}
	buf := s.buffer()
	for {
		conn.SetReadDeadline(time.Now().Add(s.cfg.DataIdleTimeout))
		n, rerr := fill(conn, buf)
		if n > 0 {
			if _, err := dst.Write(buf[:n]); err != nil {
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

// fill reads into buf until it is full or the reader fails (io.EOF at the
// end of the data).
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
