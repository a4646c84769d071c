// Package certs makes certificate authorities and certificates in memory,
// at run time, for tests, the interop harness and zftpd's demo modes. No
// key or certificate is ever committed; nothing is written except what a
// caller writes itself. Keys are ECDSA P-256; certificates are valid from
// an hour ago for a week unless LeafOptions say otherwise.
//
// tls/tlstest wraps it for tests (failing the test instead of returning
// an error).
package certs

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	stdtls "crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"time"
)

// validity is how long certificates are valid by default.
const validity = 7 * 24 * time.Hour

// CA is a certificate authority made in memory.
type CA struct {
	Cert    *x509.Certificate
	Key     *ecdsa.PrivateKey
	CertPEM []byte // the trust anchor clients need (zftp --keyring)
}

// Leaf is a certificate issued by a CA, with its key.
type Leaf struct {
	Cert    *x509.Certificate
	Key     *ecdsa.PrivateKey
	CertPEM []byte
	KeyPEM  []byte // PKCS #8
}

// LeafOptions change what Issue makes.
type LeafOptions struct {
	Hosts     []string  // DNS names and IPs; default DefaultHosts for a server certificate
	NotBefore time.Time // default an hour ago
	NotAfter  time.Time // default a week from now
	Client    bool      // a client certificate (ExtKeyUsageClientAuth) instead of a server one
}

// DefaultHosts returns the loopback names a server certificate covers when
// LeafOptions.Hosts is empty: localhost, 127.0.0.1 and ::1.
func DefaultHosts() []string { return []string{"localhost", "127.0.0.1", "::1"} }

// NewCA makes a CA whose common name is name.
func NewCA(name string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("certs: CA key: %w", err)
	}
	sn, err := serial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          sn,
		Subject:               pkix.Name{CommonName: name, Organization: []string{"zftp test"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(validity),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("certs: CA %s: %w", name, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("certs: CA %s: %w", name, err)
	}
	return &CA{Cert: cert, Key: key, CertPEM: pemBlock("CERTIFICATE", der)}, nil
}

// Issue makes a certificate for cn signed by the CA.
func (ca *CA) Issue(cn string, o LeafOptions) (*Leaf, error) {
	if len(o.Hosts) == 0 && !o.Client {
		o.Hosts = DefaultHosts()
	}
	now := time.Now()
	if o.NotBefore.IsZero() {
		o.NotBefore = now.Add(-time.Hour)
	}
	if o.NotAfter.IsZero() {
		o.NotAfter = now.Add(validity)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("certs: key for %s: %w", cn, err)
	}
	sn, err := serial()
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: sn,
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"zftp test"}},
		NotBefore:    o.NotBefore,
		NotAfter:     o.NotAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if o.Client {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	for _, h := range o.Hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.Key)
	if err != nil {
		return nil, fmt.Errorf("certs: certificate for %s: %w", cn, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("certs: certificate for %s: %w", cn, err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("certs: key for %s: %w", cn, err)
	}
	return &Leaf{Cert: cert, Key: key, CertPEM: pemBlock("CERTIFICATE", der), KeyPEM: pemBlock("PRIVATE KEY", kder)}, nil
}

// TLSCertificate returns the leaf as a crypto/tls certificate.
func (l *Leaf) TLSCertificate() (stdtls.Certificate, error) {
	c, err := stdtls.X509KeyPair(l.CertPEM, l.KeyPEM)
	if err != nil {
		return stdtls.Certificate{}, fmt.Errorf("certs: key pair: %w", err)
	}
	return c, nil
}

// Pool returns a certificate pool holding only the CA: the roots for a
// client, or the ClientCAs for client certificates it issued.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// ServerConfig issues a server certificate named cn for hosts
// (DefaultHosts when none) and returns a TLS server configuration with it
// (TLS 1.2 at least), as ftpd.Options.TLS takes it.
func (ca *CA) ServerConfig(cn string, hosts ...string) (*stdtls.Config, error) {
	leaf, err := ca.Issue(cn, LeafOptions{Hosts: hosts})
	if err != nil {
		return nil, err
	}
	c, err := leaf.TLSCertificate()
	if err != nil {
		return nil, err
	}
	return &stdtls.Config{Certificates: []stdtls.Certificate{c}, MinVersion: stdtls.VersionTLS12}, nil
}

// serial returns a random 62-bit serial number.
func serial() (*big.Int, error) {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, fmt.Errorf("certs: serial: %w", err)
	}
	return n, nil
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}
