package tls

import (
	stdtls "crypto/tls"
	"fmt"
	"strings"
)

// zosCiphers maps the CIPHERSUITE names of the z/OS FTP client
// (TLSMECHANISM FTP, System SSL 2-character specs) to Go's suites. A zero
// value means Go cannot negotiate the suite at all.
var zosCiphers = map[string]uint16{
	"SSL_NULL_MD5":    0,
	"SSL_NULL_SHA":    0,
	"SSL_RC4_MD5_EX":  0,
	"SSL_RC4_MD5":     0,
	"SSL_RC4_SHA":     stdtls.TLS_RSA_WITH_RC4_128_SHA,
	"SSL_RC2_MD5_EX":  0,
	"SSL_DES_SHA":     0,
	"SSL_3DES_SHA":    stdtls.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
	"SSL_AES_128_SHA": stdtls.TLS_RSA_WITH_AES_128_CBC_SHA,
	"SSL_AES_256_SHA": stdtls.TLS_RSA_WITH_AES_256_CBC_SHA,
}

// CipherSuites maps CIPHERSUITE names, in coded order, to Go suite IDs.
// Besides the z/OS names it accepts Go's (IANA) names such as
// TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, a zftp extension. Names Go cannot
// negotiate come back as warnings; when no name is usable the result is an
// error. An empty list returns nil (Go's defaults).
func CipherSuites(names []string) (ids []uint16, warnings []string, err error) {
	if len(names) == 0 {
		return nil, nil, nil
	}
	byName := map[string]uint16{}
	for _, cs := range append(stdtls.CipherSuites(), stdtls.InsecureCipherSuites()...) {
		byName[cs.Name] = cs.ID
	}
	for _, n := range names {
		key := strings.ToUpper(strings.TrimSpace(n))
		id, zos := zosCiphers[key]
		if !zos {
			id = byName[key]
		}
		if id == 0 {
			warnings = append(warnings, fmt.Sprintf("CIPHERSUITE %s is not available on this platform and is ignored", n))
			continue
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil, warnings, fmt.Errorf("no usable cipher suite among %s", strings.Join(names, ", "))
	}
	return ids, warnings, nil
}

// VersionName returns "TLSv1.3" style names for a protocol version.
func VersionName(v uint16) string {
	switch v {
	case stdtls.VersionTLS10:
		return "TLSv1.0"
	case stdtls.VersionTLS11:
		return "TLSv1.1"
	case stdtls.VersionTLS12:
		return "TLSv1.2"
	case stdtls.VersionTLS13:
		return "TLSv1.3"
	}
	return fmt.Sprintf("0x%04x", v)
}

// ParseVersion reads "1.2", "TLSv1.2" or "TLS1.2" (case-insensitive).
func ParseVersion(s string) (uint16, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimPrefix(strings.TrimPrefix(t, "TLSV"), "TLS")
	switch t {
	case "1.0", "10":
		return stdtls.VersionTLS10, nil
	case "1.1", "11":
		return stdtls.VersionTLS11, nil
	case "1.2", "12":
		return stdtls.VersionTLS12, nil
	case "1.3", "13":
		return stdtls.VersionTLS13, nil
	}
	return 0, fmt.Errorf("unknown TLS version %q (use 1.0, 1.1, 1.2 or 1.3)", s)
}

// CipherName returns the IANA name of a cipher suite. The TLS 1.3 suites,
// which every protected data connection of a TLS 1.3 session reports, are
// named without crypto/tls's CipherSuiteName, which builds the list of
// every suite on each call.
func CipherName(id uint16) string {
	switch id {
	case stdtls.TLS_AES_128_GCM_SHA256:
		return "TLS_AES_128_GCM_SHA256"
	case stdtls.TLS_AES_256_GCM_SHA384:
		return "TLS_AES_256_GCM_SHA384"
	case stdtls.TLS_CHACHA20_POLY1305_SHA256:
		return "TLS_CHACHA20_POLY1305_SHA256"
	}
	return stdtls.CipherSuiteName(id)
}
