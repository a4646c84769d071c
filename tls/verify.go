package tls

import (
	"bytes"
	"context"
	stdtls "crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// verifier checks the server's chain against the keyring's anchors, and
// the host name unless Options.HostnameOptional alone asks it not to (the
// z/OS client checks the name only when SECURE_HOSTNAME REQUIRED is coded;
// zftp fails closed, as curl and lftp do). Control and data connections
// share one verifier.
//
// It remembers the last chain it verified: a data connection that resumes
// the control connection's TLS session shows the same certificate again,
// and checking its signatures once per file cost 8% of the client's CPU
// in a TLS MPUT of small files (docs/performance.md). A resumed connection
// with that certificate is checked against the chain's validity period
// only; anything else gets the full verification.
type verifier struct {
	roots     *x509.CertPool
	host      string
	checkHost bool
	required  bool // Options.VerifyHostname: the host-name check was asked for

	mu        sync.Mutex
	leaf      []byte    // the DER of the last leaf whose chain verified
	notAfter  time.Time // the earliest NotAfter of that chain
	notBefore time.Time // the latest NotBefore of that chain
}

// Check names the verification check a server certificate failed.
type Check string

// The checks of a server certificate.
const (
	CheckChain       Check = "chain"         // the chain does not verify for another reason
	CheckUnknownCA   Check = "unknown CA"    // the chain ends at no trust anchor of the keyring
	CheckExpired     Check = "expired"       // a certificate of the chain has expired
	CheckNotYetValid Check = "not yet valid" // a certificate of the chain is not valid yet
	CheckHostName    Check = "host name"     // the certificate does not name the host (Options.ServerName)
)

// VerifyError says which check failed on which certificate.
type VerifyError struct {
	Check   Check
	Subject string // the certificate's subject
	Host    string // CheckHostName: the name the certificate was checked against
	// HostRequired (CheckHostName) says the check was asked for with
	// Options.VerifyHostname; false, it ran by default (see Options).
	HostRequired bool
	Detail       string
	Err          error
}

// Error describes the failed check.
func (e *VerifyError) Error() string {
	return fmt.Sprintf("server certificate %q: %s: %s", e.Subject, e.Check, e.Detail)
}

// Unwrap returns the underlying x509 error.
func (e *VerifyError) Unwrap() error { return e.Err }

func (v *verifier) verify(cs stdtls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return &VerifyError{Check: CheckChain, Detail: "the server sent no certificate"}
	}
	leaf := cs.PeerCertificates[0]
	now := time.Now()
	if !cs.DidResume || !v.verifiedBefore(leaf, now) {
		inter := x509.NewCertPool()
		for _, c := range cs.PeerCertificates[1:] {
			inter.AddCert(c)
		}
		opts := x509.VerifyOptions{Roots: v.roots, Intermediates: inter, CurrentTime: now}
		chains, err := leaf.Verify(opts)
		if err != nil {
			return chainError(leaf, err)
		}
		v.remember(leaf, chains[0])
	}
	if v.checkHost {
		if err := leaf.VerifyHostname(hostOnly(v.host)); err != nil {
			return &VerifyError{Check: CheckHostName, Subject: leaf.Subject.String(), Host: v.host, HostRequired: v.required,
				Detail: fmt.Sprintf("not valid for %q (valid for %s)", v.host, names(leaf)), Err: err}
		}
	}
	return nil
}

// verifiedBefore reports whether leaf is the leaf of the last verified
// chain and now lies within that chain's validity period.
func (v *verifier) verifiedBefore(leaf *x509.Certificate, now time.Time) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return bytes.Equal(v.leaf, leaf.Raw) && !now.Before(v.notBefore) && !now.After(v.notAfter)
}

// remember records a verified chain.
func (v *verifier) remember(leaf *x509.Certificate, chain []*x509.Certificate) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.leaf, v.notBefore, v.notAfter = leaf.Raw, chain[0].NotBefore, chain[0].NotAfter
	for _, c := range chain[1:] {
		if c.NotBefore.After(v.notBefore) {
			v.notBefore = c.NotBefore
		}
		if c.NotAfter.Before(v.notAfter) {
			v.notAfter = c.NotAfter
		}
	}
}

func chainError(leaf *x509.Certificate, err error) error {
	ve := &VerifyError{Subject: leaf.Subject.String(), Err: err}
	var ua x509.UnknownAuthorityError
	var ci x509.CertificateInvalidError
	switch {
	case errors.As(err, &ua):
		ve.Check = CheckUnknownCA
		ve.Detail = fmt.Sprintf("issuer %q is not a trust anchor in the keyring", leaf.Issuer.String())
	case errors.As(err, &ci) && ci.Reason == x509.Expired:
		ve.Check = CheckExpired
		c := ci.Cert
		if c == nil {
			c = leaf
		}
		now := time.Now()
		if now.Before(c.NotBefore) {
			ve.Check = CheckNotYetValid
			ve.Detail = fmt.Sprintf("%q is valid from %s", c.Subject.String(), c.NotBefore.UTC().Format(time.RFC3339))
		} else {
			ve.Detail = fmt.Sprintf("%q expired on %s", c.Subject.String(), c.NotAfter.UTC().Format(time.RFC3339))
		}
	default:
		ve.Check = CheckChain
		ve.Detail = err.Error()
	}
	return ve
}

func hostOnly(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		return host
	}
	return strings.Trim(h, "[]")
}

func names(c *x509.Certificate) string {
	var n []string
	n = append(n, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		n = append(n, ip.String())
	}
	if len(n) == 0 && c.Subject.CommonName != "" {
		n = append(n, "CN="+c.Subject.CommonName)
	}
	if len(n) == 0 {
		return "no names"
	}
	return strings.Join(n, ", ")
}

// AlertCause is the likely cause of a TLS alert the server sent during
// the handshake, stated as a fact; the front end says it in its own words
// (internal/zos names the setting that governs each).
type AlertCause int

// The causes of a server's alert that zftp can name.
const (
	AlertCauseUnknown        AlertCause = iota // an alert with no cause of its own (or none)
	AlertVersion                               // no TLS version offered is accepted (protocol_version)
	AlertCipher                                // no cipher suite offered is accepted (insufficient_security)
	AlertNoClientCert                          // a client certificate is required and none was sent
	AlertClientCertRefused                     // the client certificate sent was not accepted
	AlertClientCertUnknownCA                   // the server does not trust the client certificate's CA
	AlertClientCertExpired                     // the server found the client certificate expired
	AlertServerNameUnknown                     // the server does not know the host name sent (SNI)
)

// alertCauses map the alert's text as Go reports it ("remote error: tls:
// ...") to its likely cause and the cause in protocol words. An alert not
// listed gets no guess.
var alertCauses = []struct {
	alert string
	cause AlertCause
	text  string
}{
	{"protocol version not supported", AlertVersion, "the server does not accept the TLS versions offered"},
	{"insufficient security", AlertCipher, "the server accepts none of the cipher suites offered"},
	{"certificate required", AlertNoClientCert, noClientCertHint},
	{"bad certificate", AlertClientCertRefused, "the server did not accept the client certificate sent"},
	{"unknown certificate authority", AlertClientCertUnknownCA, "the server does not trust the CA of the client certificate sent"},
	{"certificate unknown", AlertClientCertRefused, "the server did not accept the client certificate sent"},
	{"certificate expired", AlertClientCertExpired, "the server found the client certificate expired"},
	{"unrecognized name", AlertServerNameUnknown, "the server does not know the host name sent (SNI)"},
}

// noClientCertHint is the cause of a refusal after the server asked for a
// client certificate the keyring does not hold.
const noClientCertHint = "the server requires a client certificate and the keyring holds none"

// AlertError is a handshake the server ended with a TLS alert: the alert
// as Go names it ("protocol version not supported") and its likely cause.
type AlertError struct {
	Alert string
	Cause AlertCause
	Err   error // the error of crypto/tls ("remote error: tls: ...")
}

// Error says that the server refused the handshake, and the likely cause.
func (e *AlertError) Error() string {
	return "TLS handshake refused by the server (" + e.Err.Error() + ")" + causeSuffix(e.Cause)
}

// Unwrap returns the error of crypto/tls.
func (e *AlertError) Unwrap() error { return e.Err }

// causeSuffix returns ": cause" in protocol words, or "" for no cause.
func causeSuffix(c AlertCause) string {
	for _, a := range alertCauses {
		if a.cause == c {
			return ": " + a.text
		}
	}
	return ""
}

// AlertCauseOf returns the likely cause of the TLS alert err holds: an
// AlertError's, else the cause of the alert its text names ("remote
// error: tls: ..."), else AlertCauseUnknown.
func AlertCauseOf(err error) AlertCause {
	if err == nil {
		return AlertCauseUnknown
	}
	var ae *AlertError
	if errors.As(err, &ae) {
		return ae.Cause
	}
	msg := err.Error()
	for _, a := range alertCauses {
		if strings.Contains(msg, "remote error: tls: "+a.alert) {
			return a.cause
		}
	}
	return AlertCauseUnknown
}

// AlertHint returns ": cause" for a TLS alert the server sent, naming
// the likely cause in protocol words, or "" when err holds no alert with
// a known cause.
func AlertHint(err error) string {
	return causeSuffix(AlertCauseOf(err))
}

// ErrClearReply is the fact that the server answered a TLS handshake in
// clear text (an FTP reply where a TLS record was due).
var ErrClearReply = errors.New("the server answered in clear text, not TLS")

// describeHandshakeError names the cause of a failed handshake, keeping a
// VerifyError as it is. askedNone says the server asked for a client
// certificate and none was sent: an alert with no cause of its own
// (handshake_failure) is then put down to that.
func describeHandshakeError(err error, askedNone bool) error {
	var ve *VerifyError
	if errors.As(err, &ve) {
		return ve
	}
	if msg := err.Error(); strings.Contains(msg, "remote error") {
		ae := &AlertError{Cause: AlertCauseOf(err), Err: err}
		if _, alert, ok := strings.Cut(msg, "remote error: tls: "); ok {
			ae.Alert = alert
		}
		if ae.Cause == AlertCauseUnknown && askedNone {
			ae.Cause = AlertNoClientCert
		}
		return ae
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("TLS handshake: no answer from the server in time: %w", err)
	}
	if strings.Contains(err.Error(), "first record does not look like a TLS handshake") {
		return fmt.Errorf("TLS handshake: %w: %w", ErrClearReply, err)
	}
	return fmt.Errorf("TLS handshake: %w", err)
}
