package certs

import (
	"crypto/x509"
	"testing"
	"time"
)

func TestIssue(t *testing.T) {
	ca, err := NewCA("test CA")
	if err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-48 * time.Hour)
	for _, tt := range []struct {
		name    string
		opts    LeafOptions
		usage   x509.ExtKeyUsage
		host    string // verified when not empty
		expired bool
	}{
		{"server, default hosts", LeafOptions{}, x509.ExtKeyUsageServerAuth, "127.0.0.1", false},
		{"server, named host", LeafOptions{Hosts: []string{"ftp.example.test"}}, x509.ExtKeyUsageServerAuth, "ftp.example.test", false},
		{"client", LeafOptions{Client: true}, x509.ExtKeyUsageClientAuth, "", false},
		{"expired", LeafOptions{NotBefore: past, NotAfter: past.Add(time.Hour)}, x509.ExtKeyUsageServerAuth, "localhost", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			leaf, err := ca.Issue("leaf", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := leaf.TLSCertificate(); err != nil {
				t.Fatal(err)
			}
			_, err = leaf.Cert.Verify(x509.VerifyOptions{Roots: ca.Pool(), DNSName: tt.host, KeyUsages: []x509.ExtKeyUsage{tt.usage}})
			if (err != nil) != tt.expired {
				t.Errorf("Verify: %v (expired %v)", err, tt.expired)
			}
		})
	}
	cfg, err := ca.ServerConfig("server")
	if err != nil || len(cfg.Certificates) != 1 {
		t.Fatalf("ServerConfig: %v", err)
	}
}
