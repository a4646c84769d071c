package ftpd

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
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

	// PassivePorts restricts the ports used for PASV and EPSV listeners.
	// The zero value lets the system choose.
	PassivePorts PortRange

	// IBM makes the server answer with the reply texts of the z/OS
	// Communications Server FTP server (banner, 125 and 250 transfer
	// replies, SYST, CWD and PWD wording).
	IBM bool

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
}

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
	return o.Faults.validate()
}
