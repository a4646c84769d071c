package ftpd

import (
	"bufio"
	stdtls "crypto/tls"
	"errors"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/zftp/zftp/internal/iobuf"
	ztls "github.com/zftp/zftp/tls"
)

// errDropped reports a data connection closed early by Faults.DropDataAfter.
var errDropped = errors.New("data connection dropped by fault injection")

// localError marks a failure on the server's side of a transfer (the file
// system rather than the data connection).
type localError struct{ err error }

func (e localError) Error() string { return e.err.Error() }
func (e localError) Unwrap() error { return e.err }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// takeRestart returns and clears the REST offset.
func (s *session) takeRestart() int64 {
	n := s.restart
	s.restart = 0
	return n
}

// typeName names the transfer type for 150 replies.
func (s *session) typeName() string {
	if s.binary {
		return "BINARY"
	}
	return "ASCII"
}

// transfer opens the data connection, sends the start reply, runs move
// and sends the final reply. Under PROT P the data connection's TLS
// handshake follows the start reply (the client starts it then); a
// download ends with the server's close_notify, an upload must end with
// the client's.
func (s *session) transfer(start string, list bool, move func(dc net.Conn) error) {
	s.transferThen(start, list, move, nil)
}

// transferThen is transfer with a first line for a successful final
// reply: with first set, the completion reply is multi-line, first()
// and then the usual text (the JES job ID of a submitted job).
func (s *session) transferThen(start string, list bool, move func(dc net.Conn) error, first func() string) {
	hold := s.holdData // Faults.HoldUploadData, for this transfer only
	s.holdData = false
	if s.srv.opts.requireTLS() && !s.protP {
		s.closePassive()
		s.reply(s.msgs.dataNeedsTLS.code, s.msgs.dataNeedsTLS.text)
		return
	}
	if s.srv.opts.Faults.NoDataConnection {
		s.noDataConnection(start)
		return
	}
	dc, err := s.openData()
	if err != nil {
		s.log.Info("data connection failed", "err", err)
		s.reply(425, "Can't open data connection: "+err.Error())
		return
	}
	protect := s.protP && !s.srv.opts.Faults.ClearDataUnderProtP
	var tc *stdtls.Conn
	if protect && s.srv.opts.Faults.TLSBeforeStart {
		if tc = s.protectOrRefuse(dc); tc == nil {
			return
		}
	}
	if err := s.replyNow(s.msgs.startCode, start); err != nil {
		s.releaseData(dc)
		return
	}
	if fail := s.srv.opts.Faults.FailAfterStart; fail != "" {
		s.releaseData(dc) // Faults.FailAfterStart: no data, then the failure
		s.replyRaw(fail)
		return
	}
	if protect && tc == nil {
		if tc = s.protectOrRefuse(dc); tc == nil {
			return
		}
	}
	if protect {
		err = moveTLS(tc, s.srv.opts.Faults.NoCloseNotify || hold, move)
	} else {
		err = move(dc)
	}
	s.resetDataOnDrop(dc, err)
	reset, err := s.afterMove(err)
	if hold && err == nil && !reset {
		s.replyNow(s.msgs.doneCode, s.msgs.done) // with the data connection still open
		waitPeerClose(dc)
		s.releaseData(dc)
		return
	}
	s.releaseData(dc)
	if reset {
		return
	}
	var le localError
	switch {
	case errors.Is(err, errDropped):
		s.reply(426, "Connection closed; transfer aborted.")
	case errors.As(err, &le):
		s.log.Warn("transfer failed", "err", err)
		s.reply(451, "Local error: "+le.Error())
	case err != nil:
		s.log.Info("transfer aborted", "err", err)
		s.reply(426, "Connection closed; transfer aborted.")
	case s.srv.opts.Faults.ClosingReplyAfterData:
		s.reply(451, "Requested action aborted: local error in processing.")
	case list:
		s.reply(s.msgs.doneCode, s.msgs.listDone)
	case first != nil:
		s.replyLines(s.msgs.doneCode, []string{first(), s.msgs.done})
	default:
		s.reply(s.msgs.doneCode, s.msgs.done)
	}
}

// protectOrRefuse runs the data connection's handshake (protectData); when
// it fails the connection is released, the refusal sent, and nil returned.
func (s *session) protectOrRefuse(dc net.Conn) *stdtls.Conn {
	tc, err := s.protectData(dc)
	if err == nil {
		return tc
	}
	s.releaseData(dc)
	s.log.Info("data connection TLS failed", "err", err)
	if errors.Is(err, errNotResumed) {
		s.reply(522, s.msgs.reuseRequired)
	} else {
		s.reply(425, "Can't open data connection: TLS negotiation failed")
	}
	return nil
}

// waitPeerClose reads dc until the client closes it (at most a minute).
func waitPeerClose(dc net.Conn) {
	dc.SetReadDeadline(time.Now().Add(time.Minute))
	io.Copy(io.Discard, dc)
}

// moveTLS runs move on a protected data connection and ends it with the
// server's close_notify: for a download that marks the end of the data,
// for an upload it answers the client's, which must have come (a TCP
// close without it may have cut the data short).
func moveTLS(tc *stdtls.Conn, noCloseNotify bool, move func(net.Conn) error) error {
	if err := move(tc); err != nil {
		return err
	}
	if ztls.EndedBare(tc) {
		return errNoCloseNotify
	}
	if noCloseNotify {
		return nil // Faults.NoCloseNotify: releaseData closes the TCP connection bare
	}
	return tc.Close()
}

func (s *session) cmdRetr(arg string) {
	v, offset := s.virtual(arg), s.takeRestart()
	if s.srv.opts.Faults.IgnoreRestart {
		offset = 0
	}
	f, err := s.openForRetr(v, offset)
	if err != nil {
		s.closePassive()
		s.fsReply(v, err)
		return
	}
	defer f.Close()
	fi, _ := f.Stat()
	size := int64(-1)
	if fi != nil {
		size = fi.Size()
	}
	stall := s.srv.opts.Faults.StallOnce != "" && strings.TrimPrefix(v, "/") == s.srv.opts.Faults.StallOnce && s.srv.stalled.CompareAndSwap(false, true)
	s.transfer(s.msgs.sending(s.typeName(), v, size), false, func(dc net.Conn) error {
		if s.srv.opts.Faults.SilentData { // not a byte until the client closes
			waitPeerClose(dc)
			return errDropped
		}
		if stall { // Faults.StallOnce: nothing more, until the client has given up
			waitPeerClose(dc)
			select {
			case <-s.srv.ctx.Done():
			case <-time.After(5 * time.Second):
			}
			return errDropped
		}
		return s.send(dc, f)
	})
}

// openForRetr opens a regular file and seeks to the REST offset.
func (s *session) openForRetr(v string, offset int64) (*os.File, error) {
	f, err := s.srv.root.Open(rel(v))
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = errors.New("not a regular file")
	}
	if err == nil && offset > 0 {
		_, err = f.Seek(offset, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// send copies f to dc. In binary type the copy goes straight from the
// file to the socket (sendfile on Linux); in ASCII type LF becomes CRLF.
func (s *session) send(dc net.Conn, f *os.File) error {
	limit := s.srv.opts.Faults.dataLimit()
	var src io.Reader = f
	if limit >= 0 {
		src = io.LimitReader(f, limit)
	}
	src = s.srv.opts.Faults.slowed(s.srv.ctx, src)
	var dst io.Writer = dc
	var buf []byte // under TLS: a megabyte per read of the file and per write(2)
	if tc, ec := ztls.Layers(dc); ec != nil {
		g := &ztls.GatherWriter{Conn: tc, Under: ec, Buf: s.tlsBufs.gather}
		defer func() { s.tlsBufs.gather = g.Buf }()
		dst, buf = g, s.tlsBufs.copyBuffer()
	}
	var n int64
	var err error
	switch {
	case s.binary && buf != nil:
		n, err = io.CopyBuffer(dst, iobuf.ReaderOnly{Reader: src}, buf)
	case s.binary:
		n, err = io.Copy(dc, src) // sendfile
	default:
		bw := bufio.NewWriterSize(dst, 64<<10)
		n, err = io.Copy(crlfWriter{bw}, src)
		if err == nil {
			err = bw.Flush()
		}
	}
	if err != nil {
		return err
	}
	if limit >= 0 && n == limit && !atEOF(f) {
		return errDropped
	}
	return nil
}

// atEOF reports whether f has nothing left to read.
func atEOF(f *os.File) bool {
	var b [1]byte
	n, _ := f.Read(b[:])
	return n == 0
}

func (s *session) cmdStor(arg string) { s.store(arg, false) }

func (s *session) cmdAppe(arg string) { s.store(arg, true) }

// store runs STOR (or APPE when appending), honouring REST for STOR.
func (s *session) store(arg string, appending bool) {
	v, offset := s.virtual(arg), s.takeRestart()
	f, err := s.openForStor(v, offset, appending)
	if err != nil {
		s.closePassive()
		s.fsReply(v, err)
		return
	}
	defer f.Close()
	s.holdData = s.srv.opts.Faults.HoldUploadData
	s.transfer(s.msgs.storing(s.typeName(), v, appending), false, func(dc net.Conn) error {
		return s.receive(f, dc)
	})
}

// openForStor opens (creating) the file to store into. Without REST it is
// truncated; with REST it is cut to the offset and written from there.
func (s *session) openForStor(v string, offset int64, appending bool) (*os.File, error) {
	flag := os.O_WRONLY | os.O_CREATE
	switch {
	case appending:
		flag |= os.O_APPEND
	case offset == 0:
		flag |= os.O_TRUNC
	}
	f, err := s.srv.root.OpenFile(rel(v), flag, 0o644)
	if err != nil {
		return nil, err
	}
	if offset > 0 && !appending {
		if err = f.Truncate(offset); err == nil {
			_, err = f.Seek(offset, io.SeekStart)
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// receive copies dc into f. In binary type the copy goes straight from
// the socket to a file (splice on Linux); in ASCII type CRLF becomes LF.
func (s *session) receive(f io.Writer, dc net.Conn) error {
	limit := s.srv.opts.Faults.dataLimit()
	var src io.Reader = dc
	_, protected := dc.(*stdtls.Conn)
	if protected {
		src = connReader{dc} // TLS errors are the connection's, not local
	}
	if limit >= 0 {
		src = io.LimitReader(src, limit)
	}
	src = s.srv.opts.Faults.slowedStore(s.srv.ctx, src)
	var n int64
	var err error
	switch {
	case s.binary && protected:
		n, err = io.CopyBuffer(iobuf.WriterOnly{Writer: f}, iobuf.Filled{R: src}, s.tlsBufs.copyBuffer())
	case s.binary:
		n, err = io.Copy(f, src)
	default:
		lw := &lfWriter{w: f}
		n, err = io.Copy(lw, src)
		if err == nil {
			err = lw.Flush()
		}
	}
	if err != nil {
		var ne net.Error
		var de dataReadError
		var le localError
		if errors.As(err, &le) { // the writer's own failure, even when the connection's WriteTo wrapped it
			return le
		}
		if errors.As(err, &ne) || errors.Is(err, net.ErrClosed) || errors.As(err, &de) {
			return err
		}
		return localError{err}
	}
	if limit >= 0 && n == limit {
		return errDropped
	}
	return nil
}

func (s *session) cmdList(arg string) { s.list(arg, false) }

func (s *session) cmdNlst(arg string) { s.list(arg, true) }

// list runs LIST (ls -l lines) or NLST (names only).
func (s *session) list(arg string, namesOnly bool) {
	arg = listArg(arg)
	entries, err := s.listEntries(arg)
	if err != nil {
		s.closePassive()
		s.fsReply(s.virtual(arg), err)
		return
	}
	now := time.Now()
	lines := make([]string, len(entries))
	for i, e := range entries {
		lines[i] = e.name
		if !namesOnly {
			lines[i] = longLine(e, s.user, now)
		}
	}
	if !namesOnly && s.srv.opts.ibmTexts() && s.isDir(arg) {
		lines = append([]string{totalLine(entries)}, lines...)
	}
	lines = s.srv.opts.Faults.listing(lines)
	s.transfer(s.msgs.listing(s.typeName()), true, func(dc net.Conn) error {
		s.srv.opts.Faults.delayFor(s.srv.ctx, s.srv.opts.Faults.ListDelay)
		bw := bufio.NewWriter(dc)
		for _, line := range lines {
			if _, err := bw.WriteString(line + "\r\n"); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
}
