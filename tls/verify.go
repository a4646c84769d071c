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

// noClientCertHint is the cause of a refusal after the server asked for a
// client certificate the keyring does not hold.
const noClientCertHint = "the server requires a client certificate and the keyring holds none"

// alertHints give the likely cause of a TLS alert from the server, by the
// alert's text as Go reports it ("remote error: tls: ..."). An alert not
// listed gets no guess.
var alertHints = []struct{ alert, hint string }{
	{"protocol version not supported", "the server does not accept the TLS versions offered (TLSVERSIONMIN to TLSVERSIONMAX)"},
	{"insufficient security", "the server accepts none of the cipher suites offered (CIPHERSUITE)"},
	{"certificate required", noClientCertHint},
	{"bad certificate", "the server did not accept the client certificate sent"},
	{"unknown certificate authority", "the server does not trust the CA of the client certificate sent"},
	{"certificate unknown", "the server did not accept the client certificate sent"},
	{"certificate expired", "the server found the client certificate expired"},
	{"unrecognized name", "the server does not know the host name sent (SNI)"},
}

// AlertHint returns ": cause" for a TLS alert the server sent, naming
// the likely cause, or "" when err holds no alert with a known cause.
func AlertHint(err error) string {
	msg := err.Error()
	for _, a := range alertHints {
		if strings.Contains(msg, "remote error: tls: "+a.alert) {
			return ": " + a.hint
		}
	}
	return ""
}

// describeHandshakeError names the cause of a failed handshake, keeping a
// VerifyError as it is. askedNone says the server asked for a client
// certificate and none was sent: an alert with no cause of its own
// (handshake_failure) is then put down to that.
func describeHandshakeError(err error, askedNone bool) error {
	var ve *VerifyError
	if errors.As(err, &ve) {
		return ve
	}
	if strings.Contains(err.Error(), "remote error") {
		hint := AlertHint(err)
		if hint == "" && askedNone {
			hint = ": " + noClientCertHint
		}
		return fmt.Errorf("TLS handshake refused by the server (%w)%s", err, hint)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("TLS handshake: no answer from the server in time: %w", err)
	}
	if strings.Contains(err.Error(), "first record does not look like a TLS handshake") {
		return fmt.Errorf("TLS handshake: the server answered in clear text, not TLS: %w", err)
	}
	return fmt.Errorf("TLS handshake: %w", err)
}
