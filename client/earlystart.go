package client

import (
	"io"
	"net"
	"time"

	"github.com/zftp/zftp/internal/iobuf"
)

// What a transfer can do on its passive data connection before the
// transfer command's 1xx reply, when the command went together with its
// passive command (dataAndStart): the server then has the command before
// the client connects, since it answers the passive command first.
//
//   - Under PROT P the handshake starts at once: the server sends the 1xx
//     once it has accepted the connection and then starts its side, so a
//     client that waits for the 1xx before its ClientHello starts the
//     handshake half a round trip later than it could (the 1xx's way over
//     the control connection). Started at once, the ClientHello waits in
//     the server's socket until the server takes it.
//   - A small upload whole in hand is written (early.go).
//   - A download is read, up to earlyLimit bytes: a server sends the data
//     after its 1xx without waiting for the client, and vsftpd sends its
//     final reply only once the client has closed the data connection. A
//     client that reads the 1xx first closes half a round trip later than
//     it could; one that reads the data as it comes and closes at its end
//     gets the 1xx and the final reply together: a round trip and a half
//     per file instead of two.
//
// The work runs in a goroutine while the session reads the 1xx reply. A
// reply that is not a 1xx ends the connection, so that a refused command
// never leaves a handshake or a read waiting for a server that will not
// answer; what was done is then dropped (serially none of it would have
// been). After a 1xx the handshake (and an upload's write) is waited for,
// and the handshake's events reported where a serial exchange reports
// them: after the 1xx, before the transfer's start. A download's read is
// not interrupted: the transfer waits for it once it has started (where
// an abort or the call's context closes the connection, which ends it)
// and goes on from the bytes read. A read stopped by a deadline instead
// came back under wine as an end of file: a file cut short, with 226.
//
// Not when the command goes alone after the connection is made (PIPELINE
// FALSE, REST, a session's first transfer): the command may then reach
// the server after the ClientHello, and pyftpdlib 1.5.7 never sent a
// listing's final reply (interop TestCCC, whose control connection goes
// through a tap that delays it); the handshake waits for the 1xx there,
// as RFC 4217's examples show, and in active mode, where the server
// connects after taking the command.

// earlyReadWait is the session's shortest passive exchange (PASV sent,
// 227 read) from which on a plain download is read before its 1xx: the
// read costs a goroutine, and on loopback a 1 000-file MGET from vsftpd
// took 0.43 ms of CPU a file with it against 0.33 ms without (perf stat,
// medians of 5; 16 000 context switches against 9 700), for half a round
// trip that is worth nothing there. Under PROT P the read rides in the
// handshake's goroutine, which costs as much whether it reads or not.
const earlyReadWait = time.Millisecond

// readEarly reports whether a transfer of verb reads its data before its
// 1xx reply, the session's shortest passive exchange being wait.
func (s *Session) readEarly(verb string, wait time.Duration) bool {
	return !isUpload(verb) && (s.sec.prot == 'P' || wait >= earlyReadWait)
}

// notePassive takes wait, a passive exchange's time, into the session's
// shortest and returns that: one slow exchange on a busy loopback (the
// server not scheduled at once) does not make the session read early.
func (s *Session) notePassive(wait time.Duration) time.Duration {
	if s.passiveMin == 0 || wait < s.passiveMin {
		s.passiveMin = wait
	}
	return s.passiveMin
}

// dataStart is what a transfer started on its data connection before its
// 1xx reply: once hsDone is closed the handshake's outcome (tc, or hsErr)
// and events, once done is closed an upload's write and a download's
// first bytes.
type dataStart struct {
	hsDone    chan struct{}
	done      chan struct{}
	handshake bool // under PROT P: tc or hsErr is the handshake's outcome
	tc        net.Conn
	hsErr     error
	events    []Event
	upload    bool // an upload is written after the handshake
	dl        *earlyDownload
}

// earlyDownload is the start of a download, read before its 1xx reply.
type earlyDownload struct {
	p   []byte // what was read (the session's earlyBuf)
	end error  // io.EOF: the data ended within p; another error: the read failed; nil: more to come
}

// startData starts what goes out on or comes in from a passive data
// connection before the transfer command's 1xx reply: under PROT P the
// handshake, the data of an upload e whole in hand (early.go), the first
// bytes of a download. It returns what it started, or nil.
func (s *Session) startData(conn net.Conn, e *earlyUpload, download bool) *dataStart {
	whole := e != nil && e.take(s)
	idle := s.cfg.DataIdleTimeout
	protect := s.sec.prot == 'P'
	if !protect && !download {
		if whole {
			e.write(conn, idle)
		}
		return nil
	}
	st := &dataStart{hsDone: make(chan struct{}), done: make(chan struct{}), handshake: protect, upload: whole}
	if download {
		st.dl = &earlyDownload{}
	}
	ctx := s.callCtx()
	buf := s.earlyBuffer()
	go func() {
		defer close(st.done)
		c := conn
		if protect {
			st.tc, st.hsErr = s.handshakeData(ctx, conn, func(ev Event) { st.events = append(st.events, ev) })
			c = st.tc
		}
		close(st.hsDone)
		switch {
		case st.hsErr != nil:
		case whole:
			e.write(c, idle)
		case st.dl != nil:
			st.dl.read(c, buf[:earlyLimit], idle)
		}
	}()
	return st
}

// earlyBuffer is the session's buffer of an upload or download started
// before its 1xx (a transfer is one or the other), made once.
func (s *Session) earlyBuffer() []byte {
	if s.earlyBuf == nil {
		s.earlyBuf = make([]byte, earlyLimit+1)
	}
	return s.earlyBuf
}

// read reads conn into buf until buf is full or the data ends, and closes
// conn at the end of the data: the server's final reply may wait for that.
func (d *earlyDownload) read(conn net.Conn, buf []byte, idle time.Duration) {
	conn.SetReadDeadline(time.Now().Add(idle))
	n, err := iobuf.Fill(conn, buf)
	d.p, d.end = buf[:n], err
	if err != nil {
		conn.Close() // the end of the data, or a failure
	}
}

// finish ends what was started early once the transfer command's first
// reply r has come (or reading it failed, failed): a reply that is not a
// 1xx ends the data connection, which ends a handshake or read still
// waiting, and what was done is dropped. After a 1xx it waits for the
// handshake and an upload's write, reports the handshake's events and
// returns true: the transfer takes st (runData, pumpDownload) and waits
// for the rest (join). st may be nil.
func (st *dataStart) finish(s *Session, pd *pendingData, r *Reply, failed bool) bool {
	if st == nil {
		return false
	}
	ok := !failed && r.Preliminary()
	if !ok {
		pd.abort()
		st.join()
		st.events, st.dl = nil, nil
		return false
	}
	<-st.hsDone
	if st.upload {
		<-st.done
	}
	for _, ev := range st.events {
		s.report(ev)
	}
	st.events = nil
	return true
}

// join waits for the goroutine of st, if any: a transfer never returns
// with it running (it reads into the session's earlyBuf).
func (st *dataStart) join() {
	if st != nil {
		<-st.done
	}
}

// takeEarly waits for a download's early read and writes to w the bytes
// it read (at most earlyLimit), adding them to *total, and reports whether
// the data ended with them; the error is the read's failure, or w's.
// Progress is reported as pumpIn would: once for data that ended here,
// else with the first chunk, which counts these bytes.
func (s *Session) takeEarly(w io.Writer, total *int64) (bool, error) {
	st := s.started
	if st == nil || st.dl == nil {
		return false, nil
	}
	st.join()
	d := st.dl
	st.dl = nil
	if len(d.p) > 0 {
		if _, err := w.Write(d.p); err != nil {
			return true, localWrite(err)
		}
		*total += int64(len(d.p))
	}
	switch d.end {
	case nil:
		return false, nil
	case io.EOF:
		if *total > 0 {
			s.report(TransferProgress{Bytes: *total})
		}
		return true, nil
	}
	return true, d.end
}
