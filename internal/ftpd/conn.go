package ftpd

import (
	"bufio"
	stdtls "crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"sync"
	"time"
)

// errLineTooLong reports a command line longer than Options.MaxLineLength.
var errLineTooLong = errors.New("command line too long")

// session is one control connection and the state of its FTP session.
type session struct {
	tlsBufs  tlsBuffers // under protected data connections (tlsbuffers.go)
	holdData bool       // the transfer starting holds its data connection open (Faults.HoldUploadData)

	srv  *Server
	log  *slog.Logger
	msgs *messages

	// The control connection: the TCP connection, or the TLS connection
	// over it from AUTH or implicit TLS until CCC. setControl swaps it.
	ctrl net.Conn
	r    *bufio.Reader
	w    *bufio.Writer

	rawCtrl net.Conn       // the TCP control connection
	tlsCfg  *stdtls.Config // this session's TLS configuration; nil without TLS
	ctrlTLS *stdtls.Conn   // the control connection while TLS protects it
	secured bool           // a TLS handshake protected the control connection (stays after CCC)
	cleared bool           // CCC took TLS off the control connection
	pbsz    bool           // PBSZ seen
	protP   bool           // PROT P in force: data connections use TLS

	// peer is the IP address of the control connection's peer: the only
	// address data connections may go to or come from.
	peer net.IP

	user     string // name given by USER
	loggedIn bool
	// queued: the command being handled was already read when the one
	// before it had been answered (the client sent them together).
	queued  bool
	cwd     string // virtual working directory, always absolute and clean
	binary  bool   // TYPE I (true) or TYPE A (false)
	restart int64  // offset from REST, consumed by the next transfer
	renFrom string // virtual path from RNFR, consumed by RNTO
	epsvAll bool   // EPSV ALL seen: PORT, EPRT and PASV are refused
	active  *net.TCPAddr
	quit    bool
	mvs     *mvsState // the MVS data-set mode's state after login (Options.MVS); nil otherwise

	mu     sync.Mutex // guards closed, pasv and data against shutdown
	closed bool
	pasv   net.Listener
	data   net.Conn
}

func newSession(srv *Server, c net.Conn, tlsCfg *stdtls.Config) *session {
	s := &session{
		srv:     srv,
		msgs:    srv.msgs,
		cwd:     "/",
		log:     srv.log.With("remote", c.RemoteAddr().String()),
		rawCtrl: c,
		tlsCfg:  tlsCfg,
	}
	s.setControl(c)
	if ta, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		s.peer = ta.IP
	}
	return s
}

// setControl makes c the control connection: the TCP connection, or the
// TLS connection over it (AUTH, implicit TLS), or the TCP connection
// again after CCC.
func (s *session) setControl(c net.Conn) {
	s.mu.Lock()
	s.ctrl = c
	s.mu.Unlock()
	s.r = bufio.NewReaderSize(c, 4096)
	s.w = bufio.NewWriter(c)
}

// serve runs the session until QUIT, an error or shutdown.
func (s *session) serve() {
	defer s.shutdown()
	s.log.Info("connected")
	defer s.log.Info("disconnected")
	if !s.greet() {
		return
	}
	for !s.quit {
		if err := s.w.Flush(); err != nil {
			return
		}
		if err := s.ctrl.SetReadDeadline(time.Now().Add(s.srv.opts.IdleTimeout)); err != nil {
			return
		}
		s.queued = s.r.Buffered() > 0 // the command came with the one before
		line, err := s.readLine()
		if errors.Is(err, errLineTooLong) {
			s.reply(500, "Command line too long")
			continue
		}
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) {
				// As vsftpd and z/OS do, the session says why it ends.
				s.reply(421, "Timeout: closing control connection.")
				s.w.Flush()
				s.log.Info("idle timeout")
			} else if !errors.Is(err, io.EOF) {
				s.log.Debug("read command", "err", err)
			}
			return
		}
		if s.srv.opts.Faults.LosePipelined {
			s.r.Discard(s.r.Buffered())
		}
		s.handle(line)
	}
	s.w.Flush()
}

// readLine reads one command line without its line ending. A line longer
// than the limit is consumed in full and reported as errLineTooLong.
func (s *session) readLine() (string, error) {
	max := s.srv.opts.MaxLineLength
	var buf []byte
	tooLong := false
	for {
		chunk, err := s.r.ReadSlice('\n')
		if !tooLong {
			buf = append(buf, chunk...)
			if len(buf) > max+2 {
				tooLong, buf = true, nil
			}
		}
		switch {
		case err == nil:
			if tooLong {
				return "", errLineTooLong
			}
			return cleanLine(buf), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(buf) > 0 && !tooLong:
			return cleanLine(buf), nil
		default:
			return "", err
		}
	}
}

// cleanLine strips the line ending and Telnet IAC sequences (such as the
// IP and Synch that clients send before ABOR).
func cleanLine(b []byte) string {
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == 0xFF && i+1 < len(b) {
			i++ // skip IAC and the command byte after it
			continue
		}
		out = append(out, b[i])
	}
	return strings.TrimRight(string(out), "\r\n")
}

// reply sends a single-line reply.
func (s *session) reply(code int, text string) {
	s.srv.opts.Faults.delay(s.srv.ctx)
	fmt.Fprintf(s.w, "%d %s\r\n", code, text)
	s.log.Debug("reply", "code", code, "text", text)
}

// replyRaw sends a reply line given in full, such as a forced one.
func (s *session) replyRaw(line string) {
	s.srv.opts.Faults.delay(s.srv.ctx)
	fmt.Fprintf(s.w, "%s\r\n", line)
	s.log.Debug("reply", "line", line)
}

// replyLines sends a reply of one or more lines. The first line gets
// "code-", the last "code ", and the lines between are sent as given.
func (s *session) replyLines(code int, lines []string) {
	if len(lines) == 1 {
		s.reply(code, lines[0])
		return
	}
	s.srv.opts.Faults.delay(s.srv.ctx)
	for i, l := range lines {
		switch i {
		case 0:
			fmt.Fprintf(s.w, "%d-%s\r\n", code, l)
		case len(lines) - 1:
			fmt.Fprintf(s.w, "%d %s\r\n", code, l)
		default:
			fmt.Fprintf(s.w, "%s\r\n", l)
		}
	}
}

// replyNow sends a reply and flushes it at once, for the start replies
// of transfers.
func (s *session) replyNow(code int, text string) error {
	s.reply(code, text)
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("ftpd: write reply: %w", err)
	}
	return nil
}

// shutdown closes the control connection and any data connection or
// passive listener. It may be called from any goroutine, more than once.
func (s *session) shutdown() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	s.rawCtrl.Close()
	if s.pasv != nil {
		s.pasv.Close()
		s.pasv = nil
	}
	if s.data != nil {
		s.data.Close()
		s.data = nil
	}
}
