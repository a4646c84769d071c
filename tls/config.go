package tls

import (
	"context"
	stdtls "crypto/tls"
	"fmt"
	"net"
	"slices"
	"sync"
	"time"
)

// Options configure the TLS side of one FTP session.
type Options struct {
	Keyring        *Keyring // trust anchors and client certificates; nil = *AUTH*/* of the system
	CertLabel      string   // which client certificate to present; "" = the first
	ServerName     string   // the host as typed on OPEN: SNI, session-cache key, host-name check
	VerifyHostname bool     // SECURE_HOSTNAME REQUIRED coded: the certificate must name ServerName (as by default)
	// HostnameOptional is SECURE_HOSTNAME OPTIONAL coded: the certificate's
	// names are not checked, as z/OS does (the chain always is). Without
	// it, and always with VerifyHostname, the certificate must name
	// ServerName (a DNS or IP subject alternative name), as curl and lftp
	// require: the zero Options fail closed.
	HostnameOptional bool
	CipherSuites     []uint16 // from CipherSuites; nil = Go's defaults
	MinVersion       uint16   // 0 = TLS 1.2
	MaxVersion       uint16   // 0 = TLS 1.3
	NoSessionReuse   bool     // SECURE_SESSION_REUSE NONE: every data connection does a full handshake
	// ResumeFrom is another FTP session's TLS state (the first of
	// several parallel sessions): the new session's first handshake
	// offers to resume the TLS session that one holds for ServerName, so
	// that extra sessions skip the full handshake where the server allows,
	// and offers only P-256 when that server chose it (learnedFor).
	ResumeFrom *Session
	// InsecureSkipVerify turns every check of the server's certificate off
	// (chain, expiry, host name): anyone on the network path can then
	// read and change the whole session, password included. It exists for
	// library users whose test set-up has no CA to give; zftp's own
	// command never sets it.
	InsecureSkipVerify bool
}

// Conn is a TLS connection made by this package.
type Conn = stdtls.Conn

// ConnectionState describes a TLS connection.
type ConnectionState = stdtls.ConnectionState

// Session is the TLS state of one FTP session: one configuration and one
// session cache, shared by the control connection and every data
// connection so that data connections resume the control connection's TLS
// session (vsftpd's require_ssl_reuse and proftpd's default need that).
type Session struct {
	cfg *stdtls.Config

	mu   sync.Mutex
	next *stdtls.Config // for the handshakes after the first; nil until it is known
}

// NewSession builds the TLS configuration of an FTP session.
func NewSession(o Options) (*Session, error) {
	if o.Keyring == nil {
		k, err := LoadKeyring(VirtualAuth, LoadOptions{})
		if err != nil {
			return nil, err
		}
		o.Keyring = k
	}
	cfg := &stdtls.Config{
		ServerName:         o.ServerName,
		RootCAs:            o.Keyring.Roots,
		CipherSuites:       o.CipherSuites,
		MinVersion:         o.MinVersion,
		MaxVersion:         o.MaxVersion,
		InsecureSkipVerify: true, // verified by VerifyConnection, with the host-name rule of Options
	}
	if cfg.MinVersion == 0 {
		cfg.MinVersion = stdtls.VersionTLS12
	}
	if !o.NoSessionReuse {
		cfg.ClientSessionCache = stdtls.NewLRUClientSessionCache(8)
		if from := o.ResumeFrom; from != nil && from.cfg.ClientSessionCache != nil && o.ServerName != "" {
			// crypto/tls keys its cache by ServerName when it is set.
			if st, ok := from.cfg.ClientSessionCache.Get(o.ServerName); ok {
				cfg.ClientSessionCache.Put(o.ServerName, st)
			}
		}
	}
	v := &verifier{roots: o.Keyring.Roots, host: o.ServerName, checkHost: o.VerifyHostname || !o.HostnameOptional, required: o.VerifyHostname}
	if !o.InsecureSkipVerify {
		cfg.VerifyConnection = v.verify
	}
	if id, ok := o.Keyring.Identity(o.CertLabel); ok {
		cert := id.Cert
		cfg.GetClientCertificate = func(*stdtls.CertificateRequestInfo) (*stdtls.Certificate, error) {
			return &cert, nil
		}
	} else if o.CertLabel != "" {
		return nil, fmt.Errorf("keyring %s has no client certificate labelled %q", o.Keyring.Spec, o.CertLabel)
	}
	s := &Session{cfg: cfg}
	if from := o.ResumeFrom; from != nil && cfg.CurvePreferences == nil {
		s.next = from.learnedFor(cfg)
	}
	return s, nil
}

// learnedFor returns cfg offering only P-256 when that is the group s has
// learned (learnGroup), or nil: an extra session to the same server then
// skips the HelloRetryRequest of its first handshake too.
//
// An extra session may reach another server than s did (a sysplex
// distributor or load balancer in front of several, each with its own
// TLS policy), so it offers a group alone only if every TLS 1.3 server
// must take it: P-256 is mandatory to implement (RFC 8446, 9.1). Any
// other group may be missing there, and offering it alone would fail the
// handshake where Go's defaults succeed. Those defaults are what the
// session offers otherwise: a server that chose X25519 or the hybrid
// group gets its key share in them anyway, and the extra session learns
// its own server's group from its first handshake.
func (s *Session) learnedFor(cfg *stdtls.Config) *stdtls.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil || !slices.Equal(s.next.CurvePreferences, []stdtls.CurveID{stdtls.CurveP256}) {
		return nil
	}
	next := cfg.Clone()
	next.CurvePreferences = []stdtls.CurveID{stdtls.CurveP256}
	return next
}

// Client wraps conn, the control connection or a data connection, as the
// TLS client side (RFC 4217: the FTP client is always the TLS client, also
// on active-mode data connections) and completes the handshake within
// timeout.
func (s *Session) Client(ctx context.Context, conn net.Conn, timeout time.Duration) (*Conn, error) {
	cfg := s.config().Clone()
	// Whether the server asked for a client certificate the keyring does
	// not hold: a handshake_failure alert then most likely means that.
	own, askedNone := cfg.GetClientCertificate, false
	cfg.GetClientCertificate = func(cri *stdtls.CertificateRequestInfo) (*stdtls.Certificate, error) {
		if own != nil {
			return own(cri)
		}
		askedNone = true
		return &stdtls.Certificate{}, nil
	}
	tc := stdtls.Client(conn, cfg)
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, describeHandshakeError(err, askedNone)
	}
	s.learnGroup(tc.ConnectionState())
	return tc, nil
}

// config returns the configuration for the next handshake.
func (s *Session) config() *stdtls.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next != nil {
		return s.next
	}
	return s.cfg
}

// learnGroup makes the key-exchange group the server chose in the first
// TLS 1.3 handshake (the control connection's) the only one later
// handshakes (the data connections') offer. Go offers a hybrid
// post-quantum key share first; a server without it (OpenSSL 3.0: vsftpd,
// proftpd) answers every handshake with a HelloRetryRequest for its own
// group: a round trip and two key generations wasted per data connection
// (docs/performance.md). Offering what the same server already chose
// gives it nothing to ask for and the same protection: a server that chose
// the hybrid group for the control connection gets it again.
func (s *Session) learnGroup(st stdtls.ConnectionState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next != nil || st.Version != stdtls.VersionTLS13 || st.CurveID == 0 || s.cfg.CurvePreferences != nil {
		return
	}
	next := s.cfg.Clone()
	next.CurvePreferences = []stdtls.CurveID{st.CurveID}
	s.next = next
}

// Describe returns "TLSv1.3 TLS_AES_128_GCM_SHA256" for a connection, and
// whether it resumed an earlier session.
func Describe(st ConnectionState) (protocol, cipher string, resumed bool) {
	return VersionName(st.Version), CipherName(st.CipherSuite), st.DidResume
}
