package client

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// TransferType is the representation type set with TYPE.
type TransferType string

// The transfer types zftp sends.
const (
	TypeASCII  TransferType = "A"
	TypeImage  TransferType = "I"
	TypeEBCDIC TransferType = "E"
)

// Session is one control connection to an FTP server and its state. A
// Session is not safe for concurrent use: one command at a time.
type Session struct {
	cfg      Config
	ctl      *control
	host     string
	peerIP   net.IP
	localIP  net.IP
	greeting *Reply
	typ      TransferType

	sec   secure
	buf   []byte // the copy buffer, reused by every transfer
	upBuf []byte // the plain uploads' buffer (uploadBuffer), made at the first big one

	tlsRead  *bufio.Reader // under protected downloads past their first chunk (readThrough)
	tlsWrite []byte        // a protected upload's records, gathered (tls.GatherWriter)

	earlyBuf  []byte       // a small upload, or a download's start, before the 1xx (earlyBuffer)
	early     earlyUpload  // the upload taken early, while its transfer runs
	sendEarly *earlyUpload // set during an upload taken early: dataAndStart writes it
	started   *dataStart   // what the current transfer did before its 1xx (earlystart.go)

	feats Features // the FEAT list, once asked (see Features)

	loginApply *Settings // set during LoginAndApply: what joins the login's own settings

	noEPSV bool // EPSV refused once: use PASV for the rest of the session
	// dataOK is the passive command (PASV or EPSV) that has opened a data
	// connection on this session (or another one to the same server, as
	// Settings.Passive says): from then on it goes out together with the
	// transfer command (datastart.go). passiveShared is the same for
	// PassiveCommand, read from other goroutines.
	dataOK        string
	passiveShared atomic.Pointer[string]
	// passiveMin is the shortest passive exchange (PASV sent, 227 read)
	// of a transfer sent together with its PASV so far: the control
	// connection's round trip and the server's least setup time, free of
	// the scheduling delays of a busy machine (earlystart.go).
	passiveMin time.Duration
	// dataAlone: a transfer command sent together with its passive
	// command was refused at once; they go one at a time from then on.
	dataAlone bool
	noEPRT    bool // EPRT refused once: use PORT for the rest of the session

	call      *call // the method call at work (see begin); nil between calls
	callState call  // what call points to while a call runs
	stopCall  func() bool
	// endFn and interruptFn are s.end and s.interruptCall, made once (begin).
	endFn, interruptFn func()
	interrupts         sync.WaitGroup // the running call's interrupt, armed or running

	mu       sync.Mutex
	tcp      net.Conn     // the control connection's TCP connection, for interrupt
	broken   error        // set when the control connection can no longer be trusted
	current  *pendingData // the transfer Abort would end
	aborting bool         // Abort was called for current
	watching *finalWatch  // the running transfer's final-reply watch (watchFinal)

	watchTimer *time.Timer // starts watching's reading late (watchFinal); made once
	watchArmed bool        // watchTimer is set to fire
	// ctxHandled: the call's context end was handled on its own
	// goroutine (abortForContext); interrupt does nothing more.
	ctxHandled bool
}

// StartError is the error of a Dial whose control connection was made (a
// Connected event was reported) but whose start failed: the greeting, or
// the TLS handshake and AUTH negotiation.
type StartError struct{ Err error }

func (e *StartError) Error() string { return e.Err.Error() }

// Unwrap returns the underlying error.
func (e *StartError) Unwrap() error { return e.Err }

// Dial connects to host:port, reads the greeting and returns the session.
// ctx bounds the whole start: the connection, the greeting, and the TLS
// handshake and AUTH exchange that Config.Security asks for; once Dial has
// returned, ctx no longer matters. The greeting is also reported as a
// ReplyReceived event. An error after the connection was made is a
// *StartError.
func Dial(ctx context.Context, host string, port int, cfg Config) (*Session, error) {
	s := newSession(host, cfg)
	defer s.begin(ctx)()
	conn, err := s.dialControl(ctx, host, port)
	if err != nil {
		return nil, s.ctxErr(err)
	}
	return s.startOn(ctx, conn)
}

// NewSession starts a session over conn, a connection the caller dialled
// (through a proxy, say) to the server named host: it reads the greeting
// and sets up security as Dial does, ctx bounding that start. host is the
// name the server's certificate is checked against (unless
// Config.Security's options name another). On error conn is closed and
// the error is a *StartError.
func NewSession(ctx context.Context, conn net.Conn, host string, cfg Config) (*Session, error) {
	s := newSession(host, cfg)
	defer s.begin(ctx)()
	return s.startOn(ctx, conn)
}

func newSession(host string, cfg Config) *Session {
	return &Session{cfg: cfg.withDefaults(), host: host, typ: TypeASCII}
}

// startOn attaches conn as the control connection and starts the session.
func (s *Session) startOn(ctx context.Context, conn net.Conn) (*Session, error) {
	s.attach(conn)
	if err := s.start(ctx); err != nil {
		s.Close()
		return nil, &StartError{Err: s.ctxErr(err)}
	}
	return s, nil
}

// start reads the greeting and sets up security: implicit TLS before or
// after the greeting, or explicit AUTH after it. A failed implicit start
// is an *ImplicitStartError.
func (s *Session) start(ctx context.Context) error {
	mode := s.cfg.Security.Mode
	if mode == Implicit {
		if err := s.startTLS(ctx); err != nil {
			return &ImplicitStartError{Mode: mode, Err: err}
		}
	}
	if err := s.readGreeting(); err != nil {
		if mode == ImplicitZOS {
			return &ImplicitStartError{Mode: mode, Err: err}
		}
		return err
	}
	switch mode {
	case ImplicitZOS:
		if err := s.startTLS(ctx); err != nil {
			return &ImplicitStartError{Mode: mode, Err: err}
		}
	case ExplicitAllowed, ExplicitRequired:
		return s.negotiate(ctx)
	}
	return nil
}

// ImplicitStartError is the error of an implicit TLS start that failed:
// with Mode Implicit the handshake right after connect, with ImplicitZOS
// the clear 220 greeting or the handshake after it. A server of the other
// implicit model fails this way (a clear 220 where a handshake was
// expected, or no greeting while it waits for the ClientHello), and so
// does a certificate that fails verification (Err then holds the
// *tls.VerifyError). Dial returns it inside a *StartError.
type ImplicitStartError struct {
	Mode SecurityMode // Implicit or ImplicitZOS
	Err  error
}

// Error says which implicit start failed, and why.
func (e *ImplicitStartError) Error() string {
	if e.Mode == ImplicitZOS {
		return "implicit TLS (220 in clear, then the handshake) failed: " + e.Err.Error()
	}
	return "implicit TLS (handshake first) failed: " + e.Err.Error()
}

// Unwrap returns the failure.
func (e *ImplicitStartError) Unwrap() error { return e.Err }

// dialControl resolves host and dials each address in turn.
func (s *Session) dialControl(ctx context.Context, host string, port int) (net.Conn, error) {
	if port <= 0 || port > 65535 {
		return nil, fmt.Errorf("connect %s: invalid port %d", host, port)
	}
	ips, err := net.DefaultResolver.LookupHost(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", host, err)
	}
	d := net.Dialer{Timeout: s.cfg.ConnectTimeout}
	if s.cfg.LocalAddr != "" {
		ip := net.ParseIP(s.cfg.LocalAddr)
		if ip == nil {
			return nil, fmt.Errorf("connect %s: invalid source address %q", host, s.cfg.LocalAddr)
		}
		d.LocalAddr = &net.TCPAddr{IP: ip}
	}
	var firstErr error
	for _, ip := range ips {
		s.report(Connecting{Host: host, Addr: ip, Port: port})
		conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(ip, strconv.Itoa(port)))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("connect %s port %d: %w", host, port, firstErr)
}

// attach makes conn the control connection.
func (s *Session) attach(conn net.Conn) {
	s.ctl = newControl(conn, &s.cfg, s.report)
	if s.call != nil {
		s.ctl.ctx = s.call.ctx
	}
	s.mu.Lock()
	s.tcp = conn
	s.mu.Unlock()
	s.peerIP = addrIP(conn.RemoteAddr())
	s.localIP = addrIP(conn.LocalAddr())
	s.report(Connected{Local: conn.LocalAddr().String(), Remote: conn.RemoteAddr().String()})
}

func addrIP(a net.Addr) net.IP {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP
	}
	return nil
}

// ErrTLSGreeting reports a TLS record (a handshake or an alert) where the
// 220 greeting was expected: the port most likely expects implicit TLS.
var ErrTLSGreeting = errors.New("TLS data where the 220 greeting was expected: the port expects implicit TLS")

// readGreeting reads the server's welcome: 120 (wait) then 220. A first
// byte that starts a TLS handshake or alert record fails at once with
// ErrTLSGreeting instead of waiting for a line that never comes.
func (s *Session) readGreeting() error {
	deadline := time.Now().Add(s.cfg.ConnectTimeout)
	if b, err := s.ctl.peekByte(deadline); err == nil && (b == tlsHandshakeRecord || b == tlsAlertRecord) {
		return fmt.Errorf("greeting: %w", ErrTLSGreeting)
	}
	r, err := s.ctl.readFinalBy(deadline, s.cfg.ConnectTimeout)
	if err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	s.greeting = r
	if r.Code/100 != 2 {
		return &ReplyError{Command: "connect", Reply: r}
	}
	return nil
}

// Greeting returns the server's welcome reply.
func (s *Session) Greeting() *Reply { return s.greeting }

// Host returns the host name the session was dialled with.
func (s *Session) Host() string { return s.host }

// RemoteAddr returns the server's address on the control connection.
func (s *Session) RemoteAddr() net.Addr { return s.ctl.conn.RemoteAddr() }

// LocalAddr returns the client's address on the control connection.
func (s *Session) LocalAddr() net.Addr { return s.ctl.conn.LocalAddr() }

// CurrentType returns the transfer type last accepted by the server.
func (s *Session) CurrentType() TransferType { return s.typ }

// report passes e to the session's observer, then to the running call's.
func (s *Session) report(e Event) {
	if s.cfg.Observer != nil {
		s.cfg.Observer.Observe(e)
	}
	if s.call != nil && s.call.obs != nil {
		s.call.obs.Observe(e)
	}
}

// warn reports a Warning event.
func (s *Session) warn(format string, args ...any) {
	s.report(Warning{Message: fmt.Sprintf(format, args...)})
}

// fail marks the control connection unusable after a transport error and
// returns err, explained when the server ended a fresh TLS session.
func (s *Session) fail(err error) error {
	err = s.ctxErr(s.explainTLSFailure(err))
	s.mu.Lock()
	if s.broken == nil {
		s.broken = err
	}
	s.mu.Unlock()
	return err
}

// Err returns nil while the session is usable, and otherwise why it is
// not (wrapping ErrClosed): after Quit or Close, or when the control
// connection failed and can no longer be trusted.
func (s *Session) Err() error { return s.usable() }

// usable returns ErrClosed (wrapping the cause) once the session is broken.
func (s *Session) usable() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken != nil {
		return fmt.Errorf("%w: %v", ErrClosed, s.broken)
	}
	return nil
}

// Cmd sends verb with args and returns the final reply. A final reply of
// class 4 or 5 is returned together with a *ReplyError.
func (s *Session) Cmd(ctx context.Context, verb, args string) (*Reply, error) {
	defer s.begin(ctx)()
	return s.cmd(verb, args)
}

// cmd is Cmd within the running call.
func (s *Session) cmd(verb, args string) (*Reply, error) {
	if err := s.usable(); err != nil {
		return nil, err
	}
	if err := s.ctl.send(verb, args); err != nil {
		if errors.Is(err, ErrBadArgument) {
			return nil, err
		}
		return nil, s.fail(err)
	}
	r, err := s.ctl.readFinal()
	if err != nil {
		return nil, s.fail(err)
	}
	if !r.Positive() {
		return r, &ReplyError{Command: upper(verb), Reply: r}
	}
	return r, nil
}

// expect runs Cmd and also treats a positive reply whose code is not in
// codes as an error (ErrUnexpectedReply).
func (s *Session) expect(verb, args string, codes ...int) (*Reply, error) {
	r, err := s.cmd(verb, args)
	if err != nil {
		return r, err
	}
	return r, checkReply(verb, r, codes)
}

// Close closes the control connection without sending QUIT.
func (s *Session) Close() error {
	s.fail(ErrClosed)
	if s.sec.raw != nil {
		s.sec.raw.Close()
	}
	return s.ctl.conn.Close()
}
