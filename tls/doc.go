// Package tls holds everything zftp does with certificates and TLS:
// keyrings (PEM bundles, PKCS#12 files, directories, the system trust store
// and the z/OS virtual keyrings *AUTH*/* and *SITE*/*), client
// certificates, the z/OS CIPHERSUITE names, server-certificate verification
// with the z/OS SECURE_HOSTNAME rule, and the per-session cache that lets
// data connections resume the control connection's TLS session.
//
// The rest of the project reaches TLS only through this package; inside it
// the standard library's crypto/tls is imported as stdtls.
package tls
