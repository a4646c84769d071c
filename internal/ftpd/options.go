package ftpd

import (
	stdtls "crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/zftp/zftp/client"
)

// DefaultAddr is the listen address used when Options.Addr is empty.
const DefaultAddr = "127.0.0.1:0"

// Defaults for the Options fields that take a duration or a size.
const (
	DefaultIdleTimeout   = 5 * time.Minute
	DefaultDataTimeout   = 30 * time.Second
	DefaultMaxLineLength = 4096
)

// Options configures a Server. The zero value of every field except Root
// and Users is usable.
type Options struct {
	// Addr is the TCP address to listen on. Empty means DefaultAddr
	// (127.0.0.1 and a free port).
	Addr string

	// AllowNonLoopback permits Addr to name a non-loopback address.
	// Without it New refuses any address outside 127.0.0.0/8 and ::1.
	AllowNonLoopback bool

	// Root is the directory served. Clients see it as "/" and cannot
	// reach anything outside it (it is opened with os.OpenRoot).
	Root string

	// Users maps user names to passwords. Login is always required; an
	// empty map lets nobody in.
	Users map[string]string

	// MaxSessions, when above 0, is the most sessions served at once: a
	// connection beyond it is answered "421 Too many sessions" and closed,
	// as vsftpd's max_per_ip does.
	MaxSessions int

	// PassivePorts restricts the ports used for PASV and EPSV listeners.
	// The zero value lets the system choose.
	PassivePorts PortRange

	// PassiveAddress, when set, is the IPv4 address the 227 reply to PASV
	// advertises instead of the control connection's local address; the
	// passive listener itself stays on the local address. It imitates a
	// server behind NAT that names an address the client cannot reach, to
	// exercise the client's PASSIVEIGNOREADDR. It must be loopback (tests
	// use 127.0.0.2) unless AllowNonLoopback is set. EPSV replies carry no
	// address and are not affected.
	PassiveAddress net.IP

	// IBM makes the server answer with the reply texts of the z/OS
	// Communications Server FTP server (banner, 125 and 250 transfer
	// replies, SYST, CWD and PWD wording).
	IBM bool

	// MVS makes the server present Root as a z/OS MVS catalog of data
	// sets, with the working directory a data set name prefix or a
	// partitioned data set, IBM's data set and member listings, SITE
	// RECFM, LRECL and BLKSIZE, and the JES interface of SITE
	// FILETYPE=JES (see the package documentation for the rule that maps
	// the tree to the catalog). It implies the reply texts of IBM.
	MVS bool

	// Logger receives one record per command and per connection event.
	// Nil discards everything. Passwords are never logged.
	Logger *slog.Logger

	// IdleTimeout closes a control connection that sends no command for
	// this long. Zero means DefaultIdleTimeout.
	IdleTimeout time.Duration

	// DataTimeout bounds waiting for a passive data connection and
	// dialling an active one. Zero means DefaultDataTimeout.
	DataTimeout time.Duration

	// MaxLineLength bounds a command line, without its CRLF. Longer lines
	// are discarded and answered with 500. Zero means DefaultMaxLineLength.
	MaxLineLength int

	// Faults injects failures for tests of client error handling.
	Faults Faults

	// TLS is the server's TLS configuration, with its certificate. Nil
	// means plain FTP only: AUTH, PBSZ, PROT and CCC are then unknown
	// commands. The server makes its own copy; session tickets must stay
	// enabled (Go's default) for data connections to resume the control
	// connection's session.
	TLS *stdtls.Config

	// TLSMode says how a control connection becomes protected, in the
	// client's terms: by AUTH TLS (client.SecurityNone, the zero value, or
	// client.ExplicitAllowed; client.ExplicitRequired also sets
	// RequireTLS's policy), or implicitly on connect in one of the two
	// SECUREIMPLICITZOS models (client.ImplicitZOS: 220 in clear, then the
	// handshake; client.Implicit: the handshake first).
	TLSMode client.SecurityMode

	// RequireTLS refuses USER and PASS until the control connection is
	// protected, refuses PROT C, and refuses transfers until PROT P is in
	// force (vsftpd's force_local_logins_ssl and force_local_data_ssl, the
	// z/OS server's SECURE_FTP REQUIRED with SECURE_DATACONN PRIVATE).
	RequireTLS bool

	// RequireSessionReuse refuses a protected data connection whose TLS
	// session did not resume the control connection's (vsftpd's
	// require_ssl_reuse): the transfer ends with 522.
	RequireSessionReuse bool

	// SharedSessionTickets makes every session of the server issue and
	// accept TLS session tickets under one key (a server whose TLS
	// sessions outlive a connection): a client's second control
	// connection can then resume the first one's TLS session. Without it
	// each FTP session has a key of its own, so that only its own data
	// connections resume its control connection's session.
	SharedSessionTickets bool

	// ClientCertRequired makes every TLS handshake ask for a client
	// certificate and verify it against ClientCAs.
	ClientCertRequired bool

	// ClientCAs are the trust anchors for client certificates; required
	// with ClientCertRequired.
	ClientCAs *x509.CertPool

	// CCC says whether CCC (clear the control connection, RFC 4217
	// section 6) is accepted; the zero value refuses it with 534.
	CCC CCCPolicy

	// CCCMode is how TLS ends on the control connection after an
	// accepted CCC, as the client's TLSRFCLEVEL names it:
	// client.CCCRFC4217 (the zero value) waits for the client's
	// close_notify and sends its own, client.CCCNoNotify switches to clear
	// text at once.
	CCCMode client.CCCMode
}

// CCCPolicy says whether the server accepts CCC.
type CCCPolicy int

// The CCC policies.
const (
	// CCCRefuse answers CCC with 534, keeping the control connection
	// protected (the z/OS server with SECURE_CTRLCONN PRIVATE).
	CCCRefuse CCCPolicy = iota
	// CCCAccept answers CCC with 200 and clears the control connection.
	CCCAccept
)

// PortRange is an inclusive range of TCP ports. The zero value means any
// port.
type PortRange struct {
	Low, High int
}

// ParsePortRange parses "LOW-HIGH" (for example "50000-50100").
func ParsePortRange(s string) (PortRange, error) {
	lo, hi, ok := strings.Cut(s, "-")
	if !ok {
		return PortRange{}, fmt.Errorf("ftpd: port range %q: want LOW-HIGH", s)
	}
	l, err1 := strconv.Atoi(strings.TrimSpace(lo))
	h, err2 := strconv.Atoi(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil {
		return PortRange{}, fmt.Errorf("ftpd: port range %q: not numbers", s)
	}
	r := PortRange{Low: l, High: h}
	if err := r.validate(); err != nil {
		return PortRange{}, err
	}
	return r, nil
}

// IsZero reports whether r is the zero range (any port).
func (r PortRange) IsZero() bool { return r.Low == 0 && r.High == 0 }

// String returns r as "LOW-HIGH".
func (r PortRange) String() string { return fmt.Sprintf("%d-%d", r.Low, r.High) }

func (r PortRange) validate() error {
	if r.IsZero() {
		return nil
	}
	if r.Low < 1 || r.High > 65535 || r.Low > r.High {
		return fmt.Errorf("ftpd: invalid passive port range %d-%d", r.Low, r.High)
	}
	return nil
}

// withDefaults returns a copy of o with zero fields replaced by defaults.
func (o Options) withDefaults() Options {
	if o.Addr == "" {
		o.Addr = DefaultAddr
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.DataTimeout <= 0 {
		o.DataTimeout = DefaultDataTimeout
	}
	if o.MaxLineLength <= 0 {
		o.MaxLineLength = DefaultMaxLineLength
	}
	return o
}

func (o Options) validate() error {
	if o.Root == "" {
		return fmt.Errorf("ftpd: Options.Root is required")
	}
	if err := o.PassivePorts.validate(); err != nil {
		return err
	}
	if err := o.validatePassiveAddress(); err != nil {
		return err
	}
	if err := o.validateTLS(); err != nil {
		return err
	}
	return o.Faults.validate()
}

// validateTLS checks that the TLS options fit together.
func (o Options) validateTLS() error {
	if o.TLS == nil {
		switch {
		case o.TLSMode != client.SecurityNone:
			return errors.New("ftpd: Options.TLSMode " + o.TLSMode.String() + " needs Options.TLS")
		case o.RequireTLS, o.RequireSessionReuse, o.ClientCertRequired, o.CCC != CCCRefuse:
			return errors.New("ftpd: TLS options need Options.TLS")
		}
		return nil
	}
	if len(o.TLS.Certificates) == 0 && o.TLS.GetCertificate == nil && o.TLS.GetConfigForClient == nil {
		return errors.New("ftpd: Options.TLS has no server certificate")
	}
	if o.TLSMode < client.SecurityNone || o.TLSMode > client.Implicit {
		return fmt.Errorf("ftpd: unknown Options.TLSMode %d", int(o.TLSMode))
	}
	if o.CCCMode != client.CCCRFC4217 && o.CCCMode != client.CCCNoNotify {
		return fmt.Errorf("ftpd: Options.CCCMode %v: want client.CCCRFC4217 or client.CCCNoNotify", o.CCCMode)
	}
	if o.ClientCertRequired && o.ClientCAs == nil {
		return errors.New("ftpd: Options.ClientCertRequired needs Options.ClientCAs")
	}
	return nil
}

// validatePassiveAddress checks that PassiveAddress, when set, is IPv4
// (a 227 reply can name nothing else) and loopback unless
// AllowNonLoopback.
func (o Options) validatePassiveAddress() error {
	if o.PassiveAddress == nil {
		return nil
	}
	if o.PassiveAddress.To4() == nil {
		return fmt.Errorf("ftpd: Options.PassiveAddress %v is not an IPv4 address", o.PassiveAddress)
	}
	if !o.AllowNonLoopback && !o.PassiveAddress.IsLoopback() {
		return fmt.Errorf("ftpd: Options.PassiveAddress %v is not loopback (set AllowNonLoopback to permit it)", o.PassiveAddress)
	}
	return nil
}

// ibmTexts reports whether the server answers with IBM's reply texts:
// under IBM, or MVS which implies it.
func (o *Options) ibmTexts() bool { return o.IBM || o.MVS }

// requireTLS reports whether logins and data need TLS: RequireTLS, or a
// TLSMode of client.ExplicitRequired.
func (o *Options) requireTLS() bool {
	return o.RequireTLS || (o.TLS != nil && o.TLSMode == client.ExplicitRequired)
}
