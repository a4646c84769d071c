package client

import (
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/zftp/zftp/tls"
)

// Transfer describes a completed data transfer.
type Transfer struct {
	Bytes    int64         // bytes carried by the data connection
	Duration time.Duration // from the transfer command to the final reply
	Reply    *Reply        // the final reply
}

// Retr downloads name into w. With offset > 0 it first sends REST offset;
// w must already be positioned there. In ASCII type, CRLF on the wire
// becomes the local line end in w (LF; CR LF on Windows).
func (s *Session) Retr(name string, w io.Writer, offset int64) (*Transfer, error) {
	if s.typ == TypeASCII {
		return s.download("RETR", name, newTextFileWriter(w), offset)
	}
	return s.download("RETR", name, w, offset)
}

// Stor uploads r as name. With offset > 0 it first sends REST offset; r
// must already be positioned there. In ASCII type, the local line ends of
// r (LF; CR LF on Windows) become CRLF on the wire.
func (s *Session) Stor(name string, r io.Reader, offset int64) (*Transfer, error) {
	return s.upload("STOR", name, r, offset)
}

// Appe appends r to the remote file name.
func (s *Session) Appe(name string, r io.Reader) (*Transfer, error) {
	return s.upload("APPE", name, r, 0)
}

// List writes the server's LIST output for args into w (line ends as LF).
func (s *Session) List(args string, w io.Writer) (*Transfer, error) {
	return s.listing("LIST", args, w)
}

// Nlst writes the server's NLST output for args into w (line ends as LF).
func (s *Session) Nlst(args string, w io.Writer) (*Transfer, error) {
	return s.listing("NLST", args, w)
}

func (s *Session) listing(verb, args string, w io.Writer) (*Transfer, error) {
	return s.download(verb, args, newCRLFWriter(w), 0)
}

// download moves a RETR, LIST or NLST into w. A converting writer is
// flushed once the data is complete, before the final reply is reported,
// so listing lines come before the 226/250 in the transcript.
func (s *Session) download(verb, arg string, w io.Writer, offset int64) (*Transfer, error) {
	return s.transfer(verb, arg, offset, func(conn net.Conn, total *int64) error {
		if err := endOfData(conn, s.pumpIn(w, conn, total)); err != nil {
			return err
		}
		if f, ok := w.(*crlfWriter); ok {
			return localWrite(f.Flush())
		}
		return nil
	})
}

func (s *Session) upload(verb, name string, r io.Reader, offset int64) (*Transfer, error) {
	if s.typ == TypeASCII {
		r = newLFReader(r)
	}
	return s.transfer(verb, name, offset, func(conn net.Conn, total *int64) error {
		if err := s.pumpOut(conn, r, total); err != nil {
			return err
		}
		if err := closeWrite(conn); err != nil {
			return err
		}
		s.drain(conn)
		return nil
	})
}

// closeWrite ends the upload stream: a TLS connection sends close_notify,
// and the TCP connection is shut down for writing, so the server sees end
// of file.
func closeWrite(conn net.Conn) error {
	if tc, ok := conn.(*tls.Conn); ok {
		if err := tc.CloseWrite(); err != nil {
			return fmt.Errorf("close data connection: close_notify: %w", err)
		}
		conn = tc.NetConn()
	}
	if cw, ok := conn.(interface{ CloseWrite() error }); ok {
		if err := cw.CloseWrite(); err != nil {
			return fmt.Errorf("close data connection: %w", err)
		}
	}
	return nil
}

// drainLimit bounds the wait for the server to end a TLS upload's data
// connection.
const drainLimit = 10 * time.Second

// drain reads what the server still sends on a TLS upload's data
// connection (TLS 1.3 session tickets, its close_notify) until it closes.
// Closing with those bytes unread makes the kernel send a reset, and
// servers such as vsftpd then lose the end of the upload.
func (s *Session) drain(conn net.Conn) {
	if _, ok := conn.(*tls.Conn); !ok {
		return
	}
	conn.SetReadDeadline(time.Now().Add(min(s.cfg.DataIdleTimeout, drainLimit)))
	io.Copy(io.Discard, conn)
}

// transfer runs one data transfer: open the data connection, REST, the
// command, the 1xx reply, the data, and the final reply. Success needs a
// final 2xx reply and no error on the data connection.
func (s *Session) transfer(verb, arg string, offset int64, move func(net.Conn, *int64) error) (*Transfer, error) {
	if err := s.usable(); err != nil {
		return nil, err
	}
	if err := checkArg(arg); err != nil {
		return nil, err
	}
	if err := s.dataAllowed(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", verb, arg, err)
	}
	pd, err := s.openData()
	if err != nil {
		return nil, err
	}
	defer pd.abort()
	if offset > 0 {
		if _, err := s.expect("REST", strconv.FormatInt(offset, 10), 350); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	first, err := s.startTransfer(verb, arg)
	if err != nil || !first.Preliminary() {
		return s.finishedEarly(verb, first, start, err)
	}
	watch := s.watchFinal(pd)
	s.startCurrent(pd)
	var total int64
	dataErr := s.runData(verb, arg, pd, &total, move)
	// The data is done (or failed): close our end now. Some servers
	// (proftpd) send the final reply only once the client has closed.
	pd.abort()
	final, err := watch.wait(s.cfg.ReplyTimeout)
	t := &Transfer{Bytes: total, Duration: time.Since(start), Reply: final}
	if s.endCurrent() {
		if err != nil {
			return t, s.fail(fmt.Errorf("%s %s: aborted, no reply: %w", verb, arg, err))
		}
		if aerr := s.afterAbort(final); aerr != nil {
			return t, aerr
		}
		return t, fmt.Errorf("%s %s: %w after %d bytes", verb, arg, ErrAborted, total)
	}
	switch {
	case err != nil:
		return t, s.fail(fmt.Errorf("%s %s: final reply: %w", verb, arg, err))
	case errors.Is(dataErr, ErrLocalWrite), isNameConsumer(dataErr):
		// The local side failed (or stopped) first; the server's 426 only
		// follows it.
		return t, fmt.Errorf("%s %s: %w", verb, arg, dataErr)
	case errors.Is(dataErr, ErrDataHandshake):
		// PROT P was in force and the data connection was never
		// protected: a security failure whatever the final reply says (a
		// 426 for the connection the client dropped may race the
		// handshake's error), so the outcome does not depend on timing.
		return t, fmt.Errorf("%s %s: %w", verb, arg, dataErr)
	case final.Code/100 != 2:
		return t, &ReplyError{Command: verb, Reply: final}
	case dataErr != nil:
		return t, fmt.Errorf("%s %s: %w", verb, arg, dataErr)
	}
	if want, ok := statedSize(first); ok && verb == "RETR" && s.typ == TypeImage && offset == 0 && want != total {
		return t, fmt.Errorf("%s %s: %w: the server announced %d bytes and sent %d", verb, arg, ErrShortTransfer, want, total)
	}
	s.report(TransferFinished{Command: verb, Name: arg, Bytes: total, Duration: t.Duration})
	return t, nil
}

// ErrShortTransfer reports a download whose size differs from the size the
// server announced, although the server said it completed.
var ErrShortTransfer = errors.New("transfer incomplete")

// statedSize finds "(N bytes)" in a 1xx reply, as vsftpd and others
// announce a download's size.
func statedSize(r *Reply) (int64, bool) {
	m := statedSizeRE.FindStringSubmatch(r.Text())
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	return n, err == nil
}

var statedSizeRE = regexp.MustCompile(`\((\d+) bytes\)`)

// startTransfer sends the transfer command and reads its first reply.
func (s *Session) startTransfer(verb, arg string) (*Reply, error) {
	if err := s.ctl.send(verb, arg); err != nil {
		return nil, s.fail(err)
	}
	r, err := s.ctl.read()
	if err != nil {
		return nil, s.fail(err)
	}
	return r, nil
}

// finishedEarly handles a transfer command whose first reply was final:
// an error, or a 2xx with no data (allowed for empty listings by some
// servers).
func (s *Session) finishedEarly(verb string, r *Reply, start time.Time, err error) (*Transfer, error) {
	if err != nil {
		return nil, err
	}
	t := &Transfer{Duration: time.Since(start), Reply: r}
	if r.Code/100 == 2 {
		s.report(TransferFinished{Command: verb, Duration: t.Duration})
		return t, nil
	}
	if r.Code/100 == 3 {
		return t, fmt.Errorf("%w: %w", ErrUnexpectedReply, &ReplyError{Command: verb, Reply: r})
	}
	return t, &ReplyError{Command: verb, Reply: r}
}

// runData opens (active) the data connection and moves the data.
func (s *Session) runData(verb, arg string, pd *pendingData, total *int64, move func(net.Conn, *int64) error) error {
	conn, err := pd.accept(s.cfg.DataConnectTimeout, s.warn)
	if err != nil {
		return err
	}
	if conn, err = s.protectData(conn); err != nil {
		return err
	}
	pd.mu.Lock()
	pd.conn = conn
	pd.mu.Unlock()
	s.report(TransferStarted{Command: verb, Name: arg})
	return move(conn, total)
}

// finalWatch reads the final reply of a transfer while data moves, so that
// an error reply (426, 451, 550 …) ends the transfer at once instead of
// waiting for a data connection that will never finish.
//
// The reading goroutine starts only once the data has been moving for
// watchDelay: most transfers of a many-file MGET or MPUT end well before,
// and the session's own goroutine then reads the final reply itself. One
// goroutine per transfer, handing every reply over, cost more CPU than the
// data of a 4 KiB file (docs/performance.md).
type finalWatch struct {
	s     *Session
	pd    *pendingData
	timer *time.Timer
	done  chan struct{}

	mu    sync.Mutex
	taken bool // the timer's goroutine or wait has taken the reading on

	replies []*Reply // at most Config.MaxPreliminary, each of them small
	err     error
}

// watchDelay is how long a transfer's data may move before a goroutine
// starts watching the control connection for an early final reply.
const watchDelay = 20 * time.Millisecond

func (s *Session) watchFinal(pd *pendingData) *finalWatch {
	w := &finalWatch{s: s, pd: pd, done: make(chan struct{})}
	s.ctl.conn.SetReadDeadline(time.Time{})
	w.timer = time.AfterFunc(watchDelay, w.startLate)
	return w
}

// take reports whether the caller is the first to take the reading on.
func (w *finalWatch) take() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	first := !w.taken
	w.taken = true
	return first
}

// startLate runs the watch on the timer's goroutine unless wait has taken
// the reading on first.
func (w *finalWatch) startLate() {
	if w.take() {
		w.read()
	}
}

// read reads replies up to the final one. An error reply ends the data
// connection at once; a 2xx reply shortens an active-mode accept.
func (w *finalWatch) read() {
	defer close(w.done)
	for {
		r, err := w.s.ctl.rr.ReadReply()
		if err != nil {
			w.err = err
			w.pd.abort()
			return
		}
		if r.Preliminary() && 1+len(w.replies) >= w.s.cfg.MaxPreliminary {
			// The transfer's first reply was preliminary too: this one
			// is past the cap. Bounded: the list never grows further.
			w.err = fmt.Errorf("%w (more than %d)", ErrTooManyPreliminary, w.s.cfg.MaxPreliminary)
			w.pd.abort()
			return
		}
		w.replies = append(w.replies, r)
		if !r.Preliminary() {
			if r.Code/100 != 2 {
				w.pd.abort()
			} else {
				w.pd.hurry()
			}
			return
		}
	}
}

// wait gives the server timeout to send the final reply once the data is
// done, then reports the replies in order.
func (w *finalWatch) wait(timeout time.Duration) (*Reply, error) {
	s := w.s
	w.timer.Stop()
	inline := w.take()
	s.ctl.conn.SetReadDeadline(time.Now().Add(timeout))
	if inline {
		w.read()
	}
	<-w.done
	s.ctl.conn.SetReadDeadline(time.Time{})
	for _, r := range w.replies {
		s.report(ReplyReceived{Reply: r})
	}
	if w.err != nil {
		var ne net.Error
		if errors.As(w.err, &ne) && ne.Timeout() {
			return nil, fmt.Errorf("no reply within %s: %w", timeout, w.err)
		}
		return nil, w.err
	}
	return w.replies[len(w.replies)-1], nil
}
