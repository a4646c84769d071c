package tls

import (
	"crypto"
	stdtls "crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
)

// addPEM reads a PEM bundle: certificates, and at most one private key.
// With a key, the certificate matching it is the identity and the other
// certificates its chain; every certificate that is not the identity's
// leaf is also a trust anchor.
func (k *Keyring) addPEM(path string) error {
	data, err := readBounded(path, MaxKeyringFile)
	if err != nil {
		return err
	}
	var certs []*x509.Certificate
	var keyDER []byte
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			certs = append(certs, c)
		case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
			if keyDER != nil {
				return fmt.Errorf("%s: more than one private key", path)
			}
			keyDER = pem.EncodeToMemory(b)
		case "ENCRYPTED PRIVATE KEY":
			return fmt.Errorf("%s: encrypted PEM keys are not supported; use a PKCS#12 file", path)
		}
	}
	if len(certs) == 0 && keyDER == nil {
		return fmt.Errorf("%s: no PEM certificates or keys", path)
	}
	if keyDER == nil {
		for _, c := range certs {
			k.addAnchor(c)
		}
		return nil
	}
	return k.addIdentityPEM(path, certs, keyDER)
}

func (k *Keyring) addIdentityPEM(path string, certs []*x509.Certificate, keyPEM []byte) error {
	leaf := -1
	var key crypto.PrivateKey
	for i, c := range certs {
		pair, err := stdtls.X509KeyPair(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}), keyPEM)
		if err == nil {
			leaf, key = i, pair.PrivateKey
			break
		}
	}
	if leaf < 0 {
		return fmt.Errorf("%s: the private key matches none of the certificates", path)
	}
	chain := []*x509.Certificate{certs[leaf]}
	for i, c := range certs {
		if i != leaf {
			chain = append(chain, c)
			k.addAnchor(c)
		}
	}
	k.Identities = append(k.Identities, identity(label(path), key, chain))
	return nil
}

func identity(lbl string, key crypto.PrivateKey, chain []*x509.Certificate) Identity {
	cert := stdtls.Certificate{PrivateKey: key, Leaf: chain[0]}
	for _, c := range chain {
		cert.Certificate = append(cert.Certificate, c.Raw)
	}
	return Identity{Label: lbl, Cert: cert}
}

func leafChain(c *x509.Certificate) []*x509.Certificate { return []*x509.Certificate{c} }
