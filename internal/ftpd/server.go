// Package ftpd is a small FTP server for tests and demonstrations of the
// zftp client. It serves one directory tree, confined with os.Root, to
// users named in its Options, listens on loopback unless told otherwise,
// can imitate the reply texts of the z/OS FTP server (Options.IBM) and its
// MVS data sets and JES interface (Options.MVS), and can inject faults
// (Options.Faults).
//
// Supported commands: USER PASS ACCT SYST FEAT OPTS PWD XPWD CWD XCWD CDUP
// XCUP MKD XMKD RMD XRMD DELE RNFR RNTO SIZE TYPE MODE STRU NOOP REST RETR
// STOR APPE LIST NLST PASV EPSV PORT EPRT STAT SITE ABOR HELP QUIT, with
// Options.TLS also AUTH PBSZ PROT CCC, and with Options.MVS also MDTM.
//
// With Options.TLS the server speaks FTPS (RFC 4217) as Options.TLSMode
// says: explicit (AUTH TLS or SSL, 234, handshake) or implicit in either
// SECUREIMPLICITZOS model (handshake before the 220, or a clear 220 and
// then the handshake). Under PROT P every data connection, passive or
// active, does its own TLS handshake with the server as the TLS server,
// after the 1xx reply; downloads end with close_notify and uploads must.
// Each session has its own session ticket key, so a data connection that
// resumes a TLS session resumed its control connection's
// (Options.RequireSessionReuse refuses one that does not, with 522).
// Options.RequireTLS, ClientCertRequired, CCC and CCCMode set the policy;
// internal/certs makes a CA and certificates in memory for tests and demos.
//
// A session handles one command at a time: during a transfer the control
// connection is not read, so a client aborts by closing the data
// connection (the transfer ends with 426) and its ABOR is then answered
// with 225.
//
// Data moves with io.Copy between the file and the TCP connection, so
// Linux uses sendfile for RETR and splice for STOR in binary type (not
// under PROT P, where crypto/tls sits between them). PORT
// and EPRT may name only the control connection's peer address and an
// unprivileged port, and passive listeners accept only that peer: the
// FTP bounce guard of RFC 2577.
//
// # MVS data-set mode
//
// With Options.MVS the server plays the MVS side of a z/OS FTP server,
// with IBM's reply texts. The tree under Root is the catalog, by one
// rule, in which a qualifier is 1 to 8 characters of A-Z, 0-9, @, #, $
// and -, upper case, not starting with a digit or -:
//
//   - a top-level directory named as a qualifier is a high-level
//     qualifier (HLQ): Root/USER1;
//   - a regular file in it is a sequential data set whose other
//     qualifiers are the file name: Root/USER1/DATA.TXT is USER1.DATA.TXT;
//   - a directory in it whose name ends in ".pds" is a partitioned data
//     set (PDS): Root/USER1/JCL.CNTL.pds is USER1.JCL.CNTL, and its
//     regular files named as members (1 to 8 of A-Z, 0-9, @, # and $,
//     upper case, not starting with a digit) are its members;
//   - the hidden file Root/USER1/.DATA.TXT.dcb holds the RECFM, LRECL and
//     BLKSIZE of USER1.DATA.TXT ("RECFM=FB LRECL=80 BLKSIZE=27920"): those
//     SITE set when STOR or MKD allocated it. A data set without one
//     shows the z/OS server's defaults, VB 256 6233;
//   - nothing else is in the catalog: lower-case names, deeper
//     directories, other files, names over 44 characters.
//
// A data set name therefore has at least two qualifiers. Data are kept
// as they arrive: in ASCII type a record is a line that ends in LF on
// disk. After login the working directory is the name prefix made of the
// user name ('USER1.'). A name in single quotes is fully qualified;
// another is appended to the prefix, or in a PDS working directory names
// a member; NAME(MEMBER) names a member. Names are upper-cased, and a
// name that breaks the MVS rules is refused with 501, so that no name
// leads outside the catalog. CWD to a PDS makes it the working directory;
// CWD to any other name makes it the prefix, cataloged or not, as z/OS
// does; CWD .. and CDUP drop one qualifier. LIST shows IBM's data set
// list (volume ZFTPD1 on a 3390, the modification date in UTC as the
// Referred date, the tracks used from the size) or its member list
// (ISPF statistics: version 01.00, the modification time in UTC, the
// records as Size and Init, the HLQ as Id); NLST shows the names. STOR
// of a new name allocates a sequential data set, or a member in an
// existing PDS; MKD allocates a PDS; DELE and RMD delete; RNFR and RNTO
// rename a data set, or a member within its PDS. SIZE and MDTM are
// refused with 550, as z/OS refuses them for data sets, and REST with
// 504 (z/OS restarts only block and compressed mode transfers). z/OS
// UNIX files (names beginning with /) are not served in this mode.
//
// SITE takes RECFM=, LRECL=, BLKSIZE= (for data sets allocated from then
// on), FILETYPE=SEQ|JES, JESJOBNAME=, JESOWNER= and JESSTATUS=; a
// parameter it does not take is named in a 200- line and ignored, as on
// z/OS. Under FILETYPE=JES, STOR submits a job (250-It is known to JES as
// JOBnnnnn), LIST and NLST list the jobs the JES filters show (by default
// the user's, named with the user ID and a suffix), RETR JOBnnnnn.n
// sends spool file n and RETR JOBnnnnn (or .X) all of them, and DELE
// JOBnnnnn purges the job. zftpd runs no job: a job is at once on the
// output queue, RC=0000 (or "JCL error" when its first statement is not
// a JOB statement), with three spool files made from its JCL (JESMSGLG,
// JESJCL with the JCL as submitted, JESYSMSG). Jobs are kept in memory,
// for all sessions, until the server closes.
package ftpd

import (
	"context"
	"crypto/rand"
	stdtls "crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// ErrServerClosed is returned by Serve after Close.
var ErrServerClosed = errors.New("ftpd: server closed")

// Server is an FTP server. Create one with New, run it with Serve or
// Start, and stop it with Close.
type Server struct {
	opts   Options
	root   *os.Root
	ln     net.Listener
	log    *slog.Logger
	msgs   *messages
	cmds   map[string]command
	tls    *stdtls.Config  // Options.TLS with the client certificate policy; nil without TLS
	ticket *[32]byte       // the one session ticket key of Options.SharedSessionTickets
	jes    jesQueue        // the jobs submitted under Options.MVS
	ctx    context.Context // canceled by Close
	cancel context.CancelFunc

	mu       sync.Mutex
	closed   bool
	serving  bool
	sessions map[*session]struct{}
	auths    atomic.Int64   // AUTH commands accepted so far (Faults.AuthFirstOnly)
	stalled  atomic.Bool    // Faults.StallOnce has stalled its RETR
	wg       sync.WaitGroup // Serve loop and session goroutines
}

// New opens opts.Root and starts listening on opts.Addr. The server does
// not accept connections until Serve or Start is called.
func New(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	opts.Faults = opts.Faults.normalized()
	if err := checkListenAddr(opts.Addr, opts.AllowNonLoopback); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("ftpd: open root: %w", err)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("ftpd: listen: %w", err)
	}
	if err := checkBound(ln.Addr(), opts.AllowNonLoopback); err != nil {
		ln.Close()
		root.Close()
		return nil, err
	}
	cmds := commandTable()
	if opts.TLS != nil {
		maps.Copy(cmds, securityCommands())
	}
	if opts.MVS {
		maps.Copy(cmds, mvsCommands())
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{
		opts:     opts,
		root:     root,
		ln:       ln,
		log:      opts.Logger,
		msgs:     messagesFor(opts.ibmTexts()),
		cmds:     cmds,
		tls:      serverTLSConfig(opts),
		ctx:      ctx,
		cancel:   cancel,
		sessions: make(map[*session]struct{}),
	}
	if opts.SharedSessionTickets {
		var key [32]byte
		if _, err := rand.Read(key[:]); err != nil {
			cancel()
			ln.Close()
			root.Close()
			return nil, fmt.Errorf("session ticket key: %w", err)
		}
		s.ticket = &key
	}
	return s, nil
}

// Addr returns the address the server listens on.
func (s *Server) Addr() *net.TCPAddr {
	return s.ln.Addr().(*net.TCPAddr)
}

// Root returns the directory the server serves, as given in Options.Root.
func (s *Server) Root() string { return s.opts.Root }

// Start runs Serve in a new goroutine. Close waits for it.
func (s *Server) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.serving {
		return
	}
	s.serving = true
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.acceptLoop()
	}()
}

// Serve accepts connections until Close is called, then returns
// ErrServerClosed. It may be called only once.
func (s *Server) Serve() error {
	s.mu.Lock()
	switch {
	case s.closed:
		s.mu.Unlock()
		return ErrServerClosed
	case s.serving:
		s.mu.Unlock()
		return errors.New("ftpd: Serve called twice")
	}
	s.serving = true
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	return s.acceptLoop()
}

func (s *Server) acceptLoop() error {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return fmt.Errorf("ftpd: accept: %w", err)
		}
		s.startSession(c)
	}
}

// startSession registers and runs a session for c, unless the server is
// closing.
func (s *Server) startSession(c net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		c.Close()
		return
	}
	if n := s.opts.MaxSessions; n > 0 && len(s.sessions) >= n {
		c.SetWriteDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, "421 Too many sessions; try again later.\r\n")
		c.Close()
		return
	}
	tlsCfg, err := s.sessionTLSConfig()
	if err != nil {
		s.log.Error("session TLS set-up", "err", err)
		c.Close()
		return
	}
	sess := newSession(s, c, tlsCfg)
	s.sessions[sess] = struct{}{}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer s.forget(sess)
		sess.serve()
	}()
}

func (s *Server) forget(sess *session) {
	s.mu.Lock()
	delete(s.sessions, sess)
	s.mu.Unlock()
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// Close stops the listener, closes every connection (control and data)
// and waits until all goroutines of the server have returned. It is safe
// to call more than once.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		s.wg.Wait()
		return nil
	}
	s.closed = true
	s.cancel()
	err := s.ln.Close()
	for sess := range s.sessions {
		sess.shutdown()
	}
	s.mu.Unlock()
	s.wg.Wait()
	if rerr := s.root.Close(); err == nil {
		err = rerr
	}
	return err
}

// checkListenAddr refuses addresses that are not loopback literals (or
// "localhost") unless allowed.
func checkListenAddr(addr string, allow bool) error {
	if allow {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("ftpd: listen address %q: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("ftpd: listen address %q is not loopback (set AllowNonLoopback to permit it)", addr)
	}
	return nil
}

// checkBound verifies the address actually bound, which matters when the
// listen address was a host name.
func checkBound(a net.Addr, allow bool) error {
	ta, ok := a.(*net.TCPAddr)
	if allow || (ok && ta.IP.IsLoopback()) {
		return nil
	}
	return fmt.Errorf("ftpd: bound address %v is not loopback", a)
}
