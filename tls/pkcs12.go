package tls

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"software.sslmate.com/src/go-pkcs12"
)

// addPKCS12 reads a PKCS#12 file: a key with its chain (the CA
// certificates become trust anchors too), or a trust store of certificates
// only. Modern (AES, PBKDF2) and legacy (RC2, 3DES) encryption both load.
// The password is tried from ZFTP_KEYRING_PASSWORD, then the stash file
// beside it (name.sth, as z/OS key databases have), then empty, then the
// prompt.
func (k *Keyring) addPKCS12(path string, opt LoadOptions) error {
	data, err := readBounded(path, MaxKeyringFile)
	if err != nil {
		return err
	}
	var lastErr error = errNoPassword
	for _, pw := range passwordSources(path, opt) {
		password, err := pw()
		if err != nil {
			if errors.Is(err, errNoPassword) {
				continue
			}
			return fmt.Errorf("%s: password: %w", path, err)
		}
		err = k.decodePKCS12(path, data, password)
		if err == nil {
			return nil
		}
		if !errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return fmt.Errorf("%s: %w", path, err)
		}
		lastErr = err
	}
	return fmt.Errorf("%s: %w (set ZFTP_KEYRING_PASSWORD, or put it in %s)", path, lastErr, stashPath(path))
}

func (k *Keyring) decodePKCS12(path string, data []byte, password string) error {
	key, leaf, cas, err := pkcs12.DecodeChain(data, password)
	if err == nil {
		for _, c := range cas {
			k.addAnchor(c)
		}
		k.Identities = append(k.Identities, identity(label(path), key, append(leafChain(leaf), cas...)))
		return nil
	}
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return err
	}
	certs, terr := pkcs12.DecodeTrustStore(data, password)
	if terr != nil {
		return err
	}
	for _, c := range certs {
		k.addAnchor(c)
	}
	return nil
}

func stashPath(path string) string {
	return strings.TrimSuffix(path, fileExt(path)) + ".sth"
}

func fileExt(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 && !strings.ContainsAny(path[i:], `/\`) {
		return path[i:]
	}
	return ""
}

// passwordSources lists the ways to get a PKCS#12 password, in order.
func passwordSources(path string, opt LoadOptions) []func() (string, error) {
	return []func() (string, error){
		func() (string, error) {
			if opt.Getenv != nil {
				if v := opt.Getenv("ZFTP_KEYRING_PASSWORD"); v != "" {
					return v, nil
				}
			}
			return "", errNoPassword
		},
		func() (string, error) {
			b, err := readBounded(stashPath(path), MaxStashFile)
			if errors.Is(err, fs.ErrNotExist) {
				return "", errNoPassword
			}
			if err != nil {
				return "", fmt.Errorf("stash file: %w", err)
			}
			return strings.TrimRight(strings.SplitN(string(b), "\n", 2)[0], "\r"), nil
		},
		func() (string, error) { return "", nil },
		func() (string, error) {
			if opt.Password == nil {
				return "", errNoPassword
			}
			return opt.Password(path)
		},
	}
}
