// Package tlstest makes certificate authorities and certificates at test
// time, so that no key or certificate is ever committed. It is a thin
// wrapper over internal/certs that fails the test instead of returning an
// error. Everything it makes is ECDSA P-256 and valid for loopback names
// by default.
package tlstest

import (
	stdtls "crypto/tls"
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/internal/certs"
)

// CA is a test certificate authority (Cert, Key, CertPEM and Pool come
// from certs.CA).
type CA struct{ *certs.CA }

// Leaf is a certificate issued by a CA, with its key (Cert, Key, CertPEM,
// KeyPEM).
type Leaf struct{ *certs.Leaf }

// LeafOptions change what Issue makes.
type LeafOptions = certs.LeafOptions

// NewCA makes a CA named name; it fails the test on error.
func NewCA(t testing.TB, name string) *CA {
	t.Helper()
	ca, err := certs.NewCA(name)
	if err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	return &CA{ca}
}

// Issue makes a certificate for cn signed by the CA; it fails the test on
// error.
func (ca *CA) Issue(t testing.TB, cn string, o LeafOptions) *Leaf {
	t.Helper()
	l, err := ca.CA.Issue(cn, o)
	if err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	return &Leaf{l}
}

// TLSCertificate returns the leaf as a crypto/tls certificate (for test
// servers).
func (l *Leaf) TLSCertificate(t testing.TB) stdtls.Certificate {
	t.Helper()
	c, err := l.Leaf.TLSCertificate()
	if err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	return c
}

// ServerConfig issues a server certificate for the loopback names and
// returns a TLS server configuration with it; it fails the test on error.
func (ca *CA) ServerConfig(t testing.TB) *stdtls.Config {
	t.Helper()
	c, err := ca.CA.ServerConfig("tlstest server")
	if err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	return c
}

// WriteFile writes data to dir/name with mode 0600 and returns the path.
func WriteFile(t testing.TB, dir, name string, data ...[]byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	var all []byte
	for _, d := range data {
		all = append(all, d...)
	}
	if err := os.WriteFile(path, all, 0o600); err != nil {
		t.Fatalf("tlstest: %v", err)
	}
	return path
}
