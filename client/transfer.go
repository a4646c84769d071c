package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zftp/zftp/tls"
)

// Transfer describes a completed data transfer.
type Transfer struct {
	Bytes    int64         // bytes carried by the data connection
	Duration time.Duration // from the transfer command to the final reply
	Reply    *Reply        // the final reply
	// NUL and LoneCR count, for a download in ASCII type (Retr under
	// TypeASCII), the NUL bytes and the CRs not followed by LF that came
	// over the data connection: text holds neither, so either says the
	// file is probably binary and the CRLF conversion changed it. Both
	// are 0 for other transfers.
	NUL, LoneCR int64
}

// Retr downloads name into w. With opts.Offset > 0 it first sends REST;
// w must already be positioned there. In ASCII type, CRLF on the wire
// becomes the local line end in w (LF; CR LF on Windows). A binary
// download is checked against the file's size (see TransferOptions): a
// difference is a *SizeError.
func (s *Session) Retr(ctx context.Context, name string, w io.Writer, opts *TransferOptions) (*Transfer, error) {
	defer s.begin(ctx)()
	o := opts.orZero()
	want, source, err := s.sizeToCheck(name, o)
	if err != nil {
		return nil, err
	}
	var text *crlfWriter
	if s.typ == TypeASCII {
		text = newTextFileWriter(w)
		w = text
	}
	expect := int64(-1)
	if want >= o.Offset {
		expect = want - o.Offset
	}
	t, err := s.download("RETR", name, w, o.Offset, expect)
	if t != nil && text != nil {
		t.NUL, t.LoneCR = text.nul, text.loneCR
	}
	if err == nil && want >= 0 && o.Offset+t.Bytes != want {
		return t, &SizeError{Command: "RETR", Name: name, Want: want, Got: o.Offset + t.Bytes, Source: source}
	}
	return t, err
}

// Stor uploads r as name, or appends it with opts.Append (APPE). With
// opts.Offset > 0 it first sends REST; r must already be positioned there.
// In ASCII type, the local line ends of r (LF; CR LF on Windows) become
// CRLF on the wire. r may have been read (up to 16 KiB) even when the
// server refuses the command: a small upload is sent without waiting for
// the server's 1xx reply where that is safe.
func (s *Session) Stor(ctx context.Context, name string, r io.Reader, opts *TransferOptions) (*Transfer, error) {
	defer s.begin(ctx)()
	o := opts.orZero()
	verb := "STOR"
	if o.Append {
		verb = "APPE"
	}
	return s.upload(verb, name, r, o.Offset)
}

// List writes the server's LIST output for args into w (line ends as LF).
func (s *Session) List(ctx context.Context, args string, w io.Writer) (*Transfer, error) {
	defer s.begin(ctx)()
	return s.listing("LIST", args, w)
}

// Nlst writes the server's NLST output for args into w (line ends as LF).
func (s *Session) Nlst(ctx context.Context, args string, w io.Writer) (*Transfer, error) {
	defer s.begin(ctx)()
	return s.listing("NLST", args, w)
}

func (s *Session) listing(verb, args string, w io.Writer) (*Transfer, error) {
	return s.download(verb, args, newCRLFWriter(w), 0, -1)
}

// download moves a RETR, LIST or NLST into w. A converting writer is
// flushed once the data is complete, before the final reply is reported,
// so listing lines come before the 226/250 in the transcript.
// expect is the byte count the data connection should carry, -1 unknown.
func (s *Session) download(verb, arg string, w io.Writer, offset, expect int64) (*Transfer, error) {
	return s.transfer(verb, arg, offset, expect, func(conn net.Conn, total *int64) error {
		if err := endOfData(conn, s.pumpDownload(w, conn, total)); err != nil {
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
	var early *earlyUpload
	if s.passiveTogether(offset) { // early.go
		early = s.startEarly(r)
		defer func() { s.sendEarly = nil }()
	}
	return s.transfer(verb, name, offset, -1, func(conn net.Conn, total *int64) error {
		src := r
		if early != nil {
			if early.sent {
				return s.sentEarly(early, total)
			}
			src = early.reader() // the bytes taken, then the rest
		}
		if err := s.pumpOut(conn, src, total); err != nil {
			return err
		}
		return closeWrite(conn) // transfer drains what the server still sends
	})
}

// closeWrite ends the upload stream: a TLS connection sends close_notify
// (the server's end of data; its TCP connection stays open until the
// drain and close), a plain one is shut down for writing, so the server
// sees end of file. Shutting the TCP connection under TLS too was tried:
// 20 % faster against vsftpd at 20 ms round trip (it answered 226 before
// the client's close), but twice as slow on loopback, with transfers of
// 200 ms among a thousand (docs/performance.md).
func closeWrite(conn net.Conn) error {
	if tc, ok := conn.(*tls.Conn); ok {
		if err := tc.CloseWrite(); err != nil {
			return fmt.Errorf("close data connection: close_notify: %w", err)
		}
		return nil
	}
	if cw, ok := conn.(interface{ CloseWrite() error }); ok {
		if err := cw.CloseWrite(); err != nil {
			return fmt.Errorf("close data connection: %w", err)
		}
	}
	return nil
}

// drainLimit bounds the wait for the server to end a TLS upload's data
// connection when its final reply does not come first.
const drainLimit = 10 * time.Second

// drain reads what the server still sends on a TLS upload's data
// connection (TLS 1.3 session tickets, its close_notify) until the server
// closes it or its final reply arrives, whichever comes first. Closing
// with those bytes unread makes the kernel send a reset, and servers such
// as vsftpd then lose the end of the upload; but a server that holds the
// connection open until the client closes it (goftp) has already said, in
// its final reply, that it has every byte. A plain upload's connection
// waits the same way (drainPlain).
func (s *Session) drain(pd *pendingData, watch *finalWatch) {
	pd.mu.Lock()
	conn := pd.conn
	pd.mu.Unlock()
	if _, ok := conn.(*tls.Conn); !ok {
		s.drainPlain(pd, conn)
		return
	}
	drained := make(chan struct{})
	conn.SetReadDeadline(time.Now().Add(min(s.cfg.DataIdleTimeout, drainLimit)))
	go func() {
		defer close(drained)
		io.Copy(io.Discard, conn)
	}()
	select {
	case <-drained:
	case <-watch.done:
		pd.abort() // ends the copy
		<-drained
	}
}

// drainPlain keeps a plain upload's data connection open, shut for
// writing, until the server closes it or its final reply arrives
// (finalWatch ends the read through pendingData.hurry), whichever comes
// first. The last writes return once the data is in the socket's send
// buffer, megabytes before the server has it: closing then would deliver
// all of it even if an Abort (a Ctrl-C) followed, and the server would
// store the whole file and answer 226. Kept open, the socket is reset by
// an Abort or the call's context ending (pendingData.reset), which throws
// away what it still holds, and the server reads an error. One read on the
// session's own goroutine: no goroutine per file of an MPUT.
func (s *Session) drainPlain(pd *pendingData, conn net.Conn) {
	if conn == nil {
		return
	}
	conn.SetReadDeadline(time.Now().Add(min(s.cfg.DataIdleTimeout, drainLimit)))
	if !pd.startDrain() {
		return
	}
	buf := s.buffer()
	for {
		// Servers send nothing on an upload's data connection; whatever
		// comes is read and dropped, as drain does under TLS.
		if _, err := conn.Read(buf); err != nil {
			return // the server's close, the final reply, an Abort, or the limit
		}
	}
}

// transfer runs one data transfer: open the data connection, REST, the
// command, the 1xx reply, the data, and the final reply. Success needs a
// final 2xx reply and no error on the data connection.
func (s *Session) transfer(verb, arg string, offset, expect int64, move func(net.Conn, *int64) error) (*Transfer, error) {
	if err := s.usable(); err != nil {
		return nil, err
	}
	if err := checkArg(arg); err != nil {
		return nil, err
	}
	if err := s.dataAllowed(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", verb, arg, err)
	}
	start := time.Now()
	defer func() {
		s.started.join() // after pd.abort, which ends a read still waiting
		s.started = nil
	}()
	pd, first, err := s.openAndStart(verb, arg, offset)
	if pd == nil {
		return nil, err
	}
	defer pd.abort()
	if err != nil || !first.Preliminary() {
		return s.finishedEarly(verb, first, start, err)
	}
	watch := s.watchFinal(pd)
	s.startCurrent(pd)
	if s.callCtx().Err() != nil {
		s.abortForContext() // the context ended before the transfer was abortable
	}
	var total int64
	dataErr := s.runData(TransferStarted{Command: verb, Name: arg, Size: expect}, pd, &total, move)
	if dataErr == nil && isUpload(verb) {
		s.drain(pd, watch)
	}
	// The data is done (or failed): close our end now. Some servers
	// (proftpd) send the final reply only once the client has closed. A
	// transfer whose context ended is reset, as Abort resets it, whichever
	// of the two comes first: an aborted upload must not look complete.
	// So is an upload that failed on either side (its source could not be
	// read, the idle deadline passed, a write failed): a close would let
	// the server read an end of file after the bytes still queued in the
	// sockets and answer 226 for a cut file.
	switch {
	case s.callCtx().Err() != nil:
		// What interrupt does, should its goroutine not have run yet:
		// the transfer ends as aborted either way.
		s.abortForContext()
		pd.reset()
	case dataErr != nil && isUpload(verb):
		pd.reset()
	default:
		pd.abort()
	}
	final, err := watch.wait(s.finalWaitAfter(dataErr)) // dataidle.go
	t := &Transfer{Bytes: total, Duration: time.Since(start), Reply: final}
	if s.endCurrent() {
		// The replies to the aborted transfer are read whatever the
		// context says, so that the session stays usable.
		s.ctl.ctx = context.WithoutCancel(s.ctl.ctx)
		if err != nil {
			return t, s.fail(fmt.Errorf("%s %s: aborted, no reply: %w", verb, arg, err))
		}
		if aerr := s.afterAbort(final); aerr != nil {
			return t, aerr
		}
		return t, s.ctxErr(fmt.Errorf("%s %s: %w after %d bytes", verb, arg, ErrAborted, total))
	}
	switch {
	case dataIdle(dataErr) && (err != nil || final.Code/100 != 2):
		// DATACTTIME expired (dataidle.go): no final reply makes the
		// session unusable; a failure reply leaves it usable.
		e := fmt.Errorf("%s %s: %w (%s): %w", verb, arg, ErrDataIdle, s.cfg.DataIdleTimeout, dataErr)
		if err != nil {
			return t, s.fail(e)
		}
		return t, e
	case err != nil:
		return t, s.fail(fmt.Errorf("%s %s: final reply: %w", verb, arg, err))
	case errors.Is(dataErr, ErrLocalWrite), errors.Is(dataErr, ErrLocalRead), isNameConsumer(dataErr):
		// The local side failed (or stopped) first; the server's 426 only
		// follows it (for an upload, the reset that failure brings).
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
	if verb == "RETR" && s.typ == TypeImage && offset == 0 {
		if want, ok := statedSize(first); ok && want != total {
			return t, &SizeError{Command: verb, Name: arg, Want: want, Got: total, Source: SizeFromReply}
		}
	}
	s.report(TransferFinished{Command: verb, Name: arg, Bytes: total, Duration: t.Duration})
	return t, nil
}

// isUpload reports whether verb sends data to the server.
func isUpload(verb string) bool {
	return verb == "STOR" || verb == "APPE" || verb == "STOU"
}

// finalWait is how long a transfer's final reply may take once the data is
// done: ReplyTimeout, or less when the call's context ended the transfer
// (its ABOR reply is then read within abortReplyWait).
func (s *Session) finalWait() time.Duration {
	if s.callCtx().Err() != nil {
		return min(s.cfg.ReplyTimeout, abortReplyWait)
	}
	return s.cfg.ReplyTimeout
}

// ErrShortTransfer reports a download whose size differs from the size the
// server announced, although the server said it completed.
var ErrShortTransfer = errors.New("transfer incomplete")

// statedSize finds the first "(N bytes)" in a 1xx reply, as vsftpd and
// others announce a download's size: N is one or more ASCII digits. It
// scans by hand (a regular expression here cost more than the rest of the
// reply's handling, per file of an MGET).
func statedSize(r *Reply) (int64, bool) {
	text := r.Text()
	for i := 0; i < len(text); i++ {
		if text[i] != '(' {
			continue
		}
		j := i + 1
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j > i+1 && strings.HasPrefix(text[j:], " bytes)") {
			n, err := strconv.ParseInt(text[i+1:j], 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}

// openAndStart opens the data connection and sends the transfer command,
// returning the connection and the command's first reply. The connection
// is nil when it could not be opened (or REST was refused); an error with
// a connection is the transfer command's.
func (s *Session) openAndStart(verb, arg string, offset int64) (*pendingData, *Reply, error) {
	if s.passiveTogether(offset) {
		dv := s.dataVerb()
		pd, first, err := s.dataAndStart(dv, verb, arg)
		switch {
		case errors.Is(err, errEPSVFellBack):
			// Nothing was started: the transfer goes on below, with PASV.
		case err != nil || first.Code/100 != 4:
			return pd, first, err
		default:
			// Refused at once, before any data moved: a server may fail a
			// command that came with its PASV (Twisted 22.4 a STOR). Sent
			// once more on its own; so are the session's next ones.
			pd.abort()
			s.dataAlone = true
			if e := s.sendEarly; e != nil {
				e.again() // written after the 150
			}
			s.warn("%s was refused (%d) when sent together with %s; sending it again on its own, and every transfer command of this session so",
				upper(verb), first.Code, dv)
		}
	}
	pd, err := s.openData()
	if err != nil {
		return nil, nil, err
	}
	if offset > 0 {
		if _, err := s.expect("REST", strconv.FormatInt(offset, 10), 350); err != nil {
			pd.abort()
			return nil, nil, err
		}
	}
	first, err := s.startTransfer(verb, arg)
	return pd, first, err
}

// passiveTogether reports whether a transfer at offset sends its passive
// command together with the transfer command (dataAndStart): the passive
// command has worked on this session, no REST, PIPELINE on, and no
// transfer command of the session was refused when sent so.
func (s *Session) passiveTogether(offset int64) bool {
	return s.dataOK != "" && s.dataVerb() == s.dataOK && offset == 0 && !s.dataAlone && !s.cfg.NoPipelining
}

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
func (s *Session) runData(started TransferStarted, pd *pendingData, total *int64, move func(net.Conn, *int64) error) error {
	conn, err := pd.accept(s.cfg.DataConnectTimeout, s.warn)
	if err != nil {
		return err
	}
	if st := s.started; st != nil && st.handshake {
		conn, err = st.tc, st.hsErr // the handshake made early (earlystart.go)
	} else {
		conn, err = s.protectData(conn)
	}
	if err != nil {
		return err
	}
	pd.mu.Lock()
	pd.conn = conn
	pd.mu.Unlock()
	s.report(started)
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
	done  chan struct{}
	since time.Time // the transfer's 1xx reply came

	mu    sync.Mutex
	taken bool // the timer's goroutine or wait has taken the reading on

	replies []*Reply // at most Config.MaxPreliminary, each of them small
	err     error
}

// watchDelay is how long a transfer's data may move before a goroutine
// starts watching the control connection for an early final reply.
const watchDelay = 20 * time.Millisecond

// watchFinal returns the watch of the transfer that starts. The timer that
// starts a watch's reading late is the session's, made once, and a
// transfer arms it only when it is not armed already: it is not stopped
// when a transfer ends, and when it fires it starts the current watch if
// that transfer has run watchDelay, waits out the rest if it has not, and
// stays unarmed if no transfer runs. Arming a 20 ms timer for every file
// cost more than the timer: it is earlier than anything the runtime's
// network poller sleeps towards, so the poller was woken to take it into
// account, a write, a read and a thread switch per file
// (docs/performance.md, "Fourth round").
func (s *Session) watchFinal(pd *pendingData) *finalWatch {
	w := &finalWatch{s: s, pd: pd, done: make(chan struct{}), since: time.Now()}
	s.ctl.conn.SetReadDeadline(time.Time{})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.watching = w
	if s.watchArmed {
		return w
	}
	s.watchArmed = true
	if s.watchTimer == nil {
		s.watchTimer = time.AfterFunc(watchDelay, s.watchTick)
	} else {
		s.watchTimer.Reset(watchDelay)
	}
	return w
}

// watchTick is the watch timer's function: it starts the current
// transfer's watch once that transfer has run watchDelay (startLate), or
// arms the timer again for the time left.
func (s *Session) watchTick() {
	s.mu.Lock()
	w := s.watching
	if w != nil {
		if left := watchDelay - time.Since(w.since); left > 0 {
			s.watchTimer.Reset(left)
			s.mu.Unlock()
			return
		}
	}
	s.watchArmed = false
	s.mu.Unlock()
	if w != nil {
		w.startLate()
	}
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
	s.mu.Lock()
	s.watching = nil // the timer stays armed for the next transfer (watchFinal)
	s.mu.Unlock()
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
