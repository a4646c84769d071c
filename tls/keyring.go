package tls

import (
	stdtls "crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The virtual keyrings of z/OS: every CERTAUTH certificate (trust anchors,
// no client certificate), and every SITE certificate.
const (
	VirtualAuth = "*AUTH*/*"
	VirtualSite = "*SITE*/*"
)

// Identity is a client certificate with its private key and chain, and
// the label it is chosen by.
type Identity struct {
	Label string
	Cert  stdtls.Certificate
}

// Keyring is where trust anchors and client certificates come from.
type Keyring struct {
	Spec       string         // the KEYRING value it was loaded from
	Source     string         // what it resolved to: a path, or "system trust store"
	Roots      *x509.CertPool // trust anchors
	Anchors    int            // how many certificates Roots holds (0 for the system store)
	Identities []Identity     // client certificates, in the order found
}

// Identity returns the client certificate with label, or the first one
// when label is empty. ok is false when the keyring holds none (as a
// virtual keyring never does).
func (k *Keyring) Identity(label string) (Identity, bool) {
	for _, id := range k.Identities {
		if label == "" || strings.EqualFold(id.Label, label) {
			return id, true
		}
	}
	return Identity{}, false
}

// LoadOptions says where keyring specs that are not paths resolve to and
// how to ask for a PKCS#12 password.
type LoadOptions struct {
	// ConfigDir is zftp's configuration directory (e.g. ~/.config/zftp).
	// SAF ring names "ringname" and "userid/ringname" map to
	// ConfigDir/keyrings/ringname and ConfigDir/keyrings/userid/ringname
	// (a directory, or that name with .p12, .pfx or .pem); *SITE*/* maps to
	// ConfigDir/keyrings/SITE.
	ConfigDir string
	// CAStore is the trust store *AUTH*/* stands for: a PEM file or a
	// directory of PEM files. Empty means the system trust store.
	CAStore string
	// Getenv reads the environment (ZFTP_KEYRING_PASSWORD); nil means none.
	Getenv func(string) string
	// Password asks for a PKCS#12 password (prompt without echo); nil
	// means no prompt.
	Password func(file string) (string, error)
}

// LoadKeyring loads the keyring that spec names. The spec forms are:
// *AUTH*/* and *SITE*/* (virtual keyrings), a path to a PEM bundle, a
// PKCS#12 file (.p12, .pfx) or a directory, and a z/OS SAF ring name
// "ringname" or "userid/ringname" mapped under opt.ConfigDir. An empty
// spec is *AUTH*/*.
func LoadKeyring(spec string, opt LoadOptions) (*Keyring, error) {
	switch {
	case spec == "" || strings.EqualFold(spec, VirtualAuth):
		return loadVirtualAuth(spec, opt)
	case strings.EqualFold(spec, VirtualSite):
		k, err := loadPath(filepath.Join(opt.ConfigDir, "keyrings", "SITE"), opt)
		return named(k, spec, err)
	case strings.HasSuffix(strings.ToLower(spec), ".kdb"):
		return nil, fmt.Errorf("keyring %s: .kdb key databases are a z/OS System SSL format; export the certificates to PKCS#12 (gskkyman or openssl) and name the .p12 file", spec)
	}
	if _, err := os.Stat(spec); err == nil || filepath.IsAbs(spec) || strings.HasPrefix(spec, ".") {
		k, err := loadPath(spec, opt)
		return named(k, spec, err)
	}
	path, err := safRingPath(spec, opt.ConfigDir)
	if err != nil {
		return nil, err
	}
	k, err := loadPath(path, opt)
	return named(k, spec, err)
}

func named(k *Keyring, spec string, err error) (*Keyring, error) {
	if err != nil {
		return nil, fmt.Errorf("keyring %s: %w", spec, err)
	}
	k.Spec = spec
	return k, nil
}

// safRingPath maps a z/OS SAF ring name to a file or directory under
// configDir/keyrings.
func safRingPath(spec, configDir string) (string, error) {
	if configDir == "" {
		return "", fmt.Errorf("keyring %s: no configuration directory to look for SAF rings in", spec)
	}
	parts := strings.Split(spec, "/")
	if len(parts) > 2 || parts[0] == "" || (len(parts) == 2 && parts[1] == "") {
		return "", fmt.Errorf("keyring %s: not a path, a virtual keyring or a ring name (ringname or userid/ringname)", spec)
	}
	if len(parts) == 2 && parts[1] == "*" {
		parts = parts[:1] // userid/*: every certificate the user owns
	}
	base := filepath.Join(append([]string{configDir, "keyrings"}, parts...)...)
	for _, cand := range []string{base, base + ".p12", base + ".pfx", base + ".pem"} {
		if _, err := os.Stat(cand); err == nil {
			return cand, nil
		}
	}
	return "", fmt.Errorf("keyring %s: not found: looked for %s (a directory of PEM files, or .p12, .pfx or .pem)", spec, base)
}

// loadPath loads a directory, a PKCS#12 file or a PEM bundle.
func loadPath(path string, opt LoadOptions) (*Keyring, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	k := &Keyring{Source: path, Roots: x509.NewCertPool()}
	if st.IsDir() {
		err = k.addDir(path, opt)
	} else {
		err = k.addFile(path, opt)
	}
	if err != nil {
		return nil, err
	}
	if k.Anchors == 0 && len(k.Identities) == 0 {
		return nil, fmt.Errorf("%s: no certificates found", path)
	}
	return k, nil
}

func (k *Keyring) addDir(dir string, opt LoadOptions) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !isKeyringFile(e.Name()) {
			continue
		}
		if err := k.addFile(filepath.Join(dir, e.Name()), opt); err != nil {
			return err
		}
	}
	return nil
}

func isKeyringFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pem", ".crt", ".cer", ".p12", ".pfx":
		return true
	}
	return false
}

func (k *Keyring) addFile(path string, opt LoadOptions) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".p12", ".pfx":
		return k.addPKCS12(path, opt)
	}
	return k.addPEM(path)
}

// addAnchor adds a trust anchor.
func (k *Keyring) addAnchor(c *x509.Certificate) {
	k.Roots.AddCert(c)
	k.Anchors++
}

// label returns the file's base name without extension.
func label(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

var errNoPassword = errors.New("no password")
