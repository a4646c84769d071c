package ftpd

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

// TestCA is a certificate authority made in memory at start-up, with a
// server certificate it signed, for zftpd's TLS modes and demos. Nothing
// it makes is ever written except what the caller writes (the PEM
// fields); keys are ECDSA P-256 and everything is valid for a week.
type TestCA struct {
	Cert    *x509.Certificate
	Key     *ecdsa.PrivateKey
	CertPEM []byte // the trust anchor clients need (zftp --keyring)

	// Server is the server certificate, for the hosts given to NewTestCA.
	Server stdtls.Certificate
}

// DefaultTestHosts returns the names the server certificate of
// NewTestCA covers when no host is given: 127.0.0.1, ::1 and localhost.
func DefaultTestHosts() []string { return []string{"127.0.0.1", "::1", "localhost"} }

// NewTestCA makes a CA and a server certificate for hosts (IP addresses
// and DNS names; DefaultTestHosts when none).
func NewTestCA(hosts ...string) (*TestCA, error) {
	if len(hosts) == 0 {
		hosts = DefaultTestHosts()
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("ftpd: test CA key: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          newSerial(),
		Subject:               pkix.Name{CommonName: "zftpd test CA", Organization: []string{"zftpd"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("ftpd: test CA: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("ftpd: test CA: %w", err)
	}
	ca := &TestCA{Cert: cert, Key: key, CertPEM: pemBlock("CERTIFICATE", der)}
	certPEM, keyPEM, err := ca.issue("zftpd", hosts, false)
	if err != nil {
		return nil, err
	}
	if ca.Server, err = stdtls.X509KeyPair(certPEM, keyPEM); err != nil {
		return nil, fmt.Errorf("ftpd: server certificate: %w", err)
	}
	return ca, nil
}

// IssueClient makes a client certificate for cn signed by the CA and
// returns it and its key as PEM.
func (ca *TestCA) IssueClient(cn string) (certPEM, keyPEM []byte, err error) {
	return ca.issue(cn, nil, true)
}

// Pool returns a certificate pool holding only the CA: the ClientCAs for
// client certificates it issued.
func (ca *TestCA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// ServerConfig returns a TLS configuration with the server certificate,
// for Options.TLS.
func (ca *TestCA) ServerConfig() *stdtls.Config {
	return &stdtls.Config{Certificates: []stdtls.Certificate{ca.Server}, MinVersion: stdtls.VersionTLS12}
}

func (ca *TestCA) issue(cn string, hosts []string, client bool) (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("ftpd: key for %s: %w", cn, err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: newSerial(),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"zftpd"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if client {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.Key)
	if err != nil {
		return nil, nil, fmt.Errorf("ftpd: certificate for %s: %w", cn, err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("ftpd: key for %s: %w", cn, err)
	}
	return pemBlock("CERTIFICATE", der), pemBlock("PRIVATE KEY", kder), nil
}

// newSerial returns a random 62-bit serial number.
func newSerial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		panic(err) // crypto/rand does not fail
	}
	return n
}

func pemBlock(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}
