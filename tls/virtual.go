package tls

import (
	"crypto/x509"
	"fmt"
)

// loadVirtualAuth builds *AUTH*/*: every CA of the trust store and no
// client certificate. The trust store is opt.CAStore when set, else the
// system's.
func loadVirtualAuth(spec string, opt LoadOptions) (*Keyring, error) {
	if spec == "" {
		spec = VirtualAuth
	}
	if opt.CAStore != "" {
		k, err := loadPath(opt.CAStore, LoadOptions{})
		if err != nil {
			return nil, fmt.Errorf("keyring %s: CA store: %w", spec, err)
		}
		k.Spec, k.Identities = spec, nil
		return k, nil
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		return nil, fmt.Errorf("keyring %s: system trust store: %w", spec, err)
	}
	return &Keyring{Spec: spec, Source: "system trust store", Roots: pool}, nil
}
