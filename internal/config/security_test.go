package config

import (
	stdtls "crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls/tlstest"
	"software.sslmate.com/src/go-pkcs12"
)

// keyrings are files made at test time: nothing is committed.
type keyrings struct {
	dir       string // a scratch directory, also the ConfigDir
	caPEM     string // a PEM bundle holding the CA only
	clientPEM string // a PEM bundle: client certificate, key and CA
	p12       string // a PKCS#12 file with the client identity, password "s3cret"
	ca        *tlstest.CA
}

func makeKeyrings(t *testing.T) *keyrings {
	t.Helper()
	dir := t.TempDir()
	ca := tlstest.NewCA(t, "zftp config test CA")
	leaf := ca.Issue(t, "client", tlstest.LeafOptions{Client: true})
	k := &keyrings{dir: dir, ca: ca}
	k.caPEM = tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
	k.clientPEM = tlstest.WriteFile(t, dir, "client.pem", leaf.CertPEM, leaf.KeyPEM, ca.CertPEM)
	der, err := pkcs12.Modern.Encode(leaf.Key, leaf.Cert, []*x509.Certificate{ca.Cert}, "s3cret")
	if err != nil {
		t.Fatal(err)
	}
	k.p12 = tlstest.WriteFile(t, dir, "client.p12", der)
	// SAF ring names: ConfigDir/keyrings/RING (directory) and
	// ConfigDir/keyrings/USER/SHARED.pem.
	ring := filepath.Join(dir, "keyrings", "RING")
	if err := os.MkdirAll(ring, 0o700); err != nil {
		t.Fatal(err)
	}
	tlstest.WriteFile(t, ring, "client.pem", leaf.CertPEM, leaf.KeyPEM, ca.CertPEM)
	if err := os.MkdirAll(filepath.Join(dir, "keyrings", "USER"), 0o700); err != nil {
		t.Fatal(err)
	}
	tlstest.WriteFile(t, filepath.Join(dir, "keyrings", "USER"), "SHARED.pem", ca.CertPEM)
	return k
}

// settings returns the defaults with the statements applied, as FTP.DATA
// would (one "NAME value" per line).
func settings(t *testing.T, stmts ...string) *Settings {
	t.Helper()
	s := Defaults()
	_, err := s.ApplyFTPData("test.data", strings.NewReader(strings.Join(stmts, "\n")))
	if err != nil {
		t.Fatalf("FTP.DATA: %v", err)
	}
	return s
}

func TestSecurityMapping(t *testing.T) {
	k := makeKeyrings(t)
	opt := SecurityOptions{ConfigDir: k.dir, CAStore: k.caPEM}
	tls := []string{"SECURE_MECHANISM TLS"}
	with := func(extra ...string) []string { return append(slices.Clone(tls), extra...) }

	tests := []struct {
		name  string
		stmts []string
		port  int
		check func(t *testing.T, sec client.Security, w []Warning)
	}{
		{"defaults: plain, no keyring loaded", []string{"KEYRING /nonexistent/ring.pem"}, 21,
			func(t *testing.T, sec client.Security, w []Warning) {
				if !reflect.ValueOf(sec).IsZero() || len(w) != 0 {
					t.Errorf("want the zero Security and no warnings, got %+v %v", sec, w)
				}
			}},
		{"SECURE_FTP REQUIRED alone on the implicit port is implicit TLS", []string{"SECURE_FTP REQUIRED"}, 990,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Mode != client.ImplicitZOS {
					t.Errorf("got %+v", sec)
				}
			}},
		{"explicit TLS, ALLOWED", tls, 21,
			func(t *testing.T, sec client.Security, w []Warning) {
				if sec.Mode != client.ExplicitAllowed || sec.AuthArg != "" {
					t.Errorf("got %+v", sec)
				}
				if sec.DataProtection != client.ProtPrivate {
					t.Errorf("SECURE_DATACONN not coded: DataProtection %v, want ProtPrivate (PBSZ 0, PROT P: fail closed)", sec.DataProtection)
				}
				if sec.RequireReuse || sec.Options.NoSessionReuse || sec.Options.VerifyHostname {
					t.Errorf("defaults: got %+v", sec.Options)
				}
				if sec.Options.Keyring == nil || sec.Options.Keyring.Spec != "*AUTH*/*" || sec.Options.Keyring.Source != k.caPEM {
					t.Errorf("empty KEYRING: want *AUTH*/* from the CA store, got %+v", sec.Options.Keyring)
				}
				if sec.Options.ServerName != "" {
					t.Errorf("ServerName %q, want empty (the engine fills it)", sec.Options.ServerName)
				}
				if sec.Options.MinVersion != stdtls.VersionTLS12 || sec.Options.MaxVersion != stdtls.VersionTLS13 {
					t.Errorf("versions %x-%x, want TLS 1.2-1.3", sec.Options.MinVersion, sec.Options.MaxVersion)
				}
				if sec.Options.CipherSuites != nil || len(w) != 0 {
					t.Errorf("ciphers %v warnings %v, want none", sec.Options.CipherSuites, w)
				}
			}},
		{"explicit TLS, REQUIRED", with("SECURE_FTP REQUIRED"), 21,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Mode != client.ExplicitRequired {
					t.Errorf("got %+v", sec)
				}
			}},
		{"implicit port, SECUREIMPLICITZOS TRUE (default)", nil, 990,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Mode != client.ImplicitZOS {
					t.Errorf("got %+v", sec)
				}
			}},
		{"implicit port, SECUREIMPLICITZOS FALSE", with("SECUREIMPLICITZOS FALSE"), 990,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Mode != client.Implicit {
					t.Errorf("got %+v", sec)
				}
			}},
		{"TLSPORT elsewhere: explicit", with("TLSPORT 2990"), 990,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Mode != client.ExplicitAllowed {
					t.Errorf("got %+v", sec)
				}
			}},
		{"own TLSPORT is implicit", []string{"TLSPORT 2990"}, 2990,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if !sec.Mode.Implicit() {
					t.Errorf("got %+v", sec)
				}
			}},
		{"TLSPORT 0: port 990 is plain", []string{"TLSPORT 0"}, 990,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if !reflect.ValueOf(sec).IsZero() {
					t.Errorf("got %+v", sec)
				}
			}},
		{"TLSPORT 0 with TLS: explicit on 990", with("TLSPORT 0"), 990,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Mode != client.ExplicitAllowed {
					t.Errorf("got %+v", sec)
				}
			}},
		{"SECURE_DATACONN PRIVATE", with("SECURE_DATACONN PRIVATE"), 21, wantProt(client.ProtPrivate)},
		{"SECURE_DATACONN SAFE is PRIVATE for TLS", with("SECURE_DATACONN SAFE"), 21, wantProt(client.ProtPrivate)},
		{"SECURE_DATACONN CLEAR sends no PROT", with("SECURE_DATACONN CLEAR"), 21, wantProt(client.ProtNone)},
		{"SECURE_DATACONN NEVER sends no PROT", with("SECURE_DATACONN NEVER"), 21, wantProt(client.ProtNone)},
		{"SECURE_DATACONN PRIVATE on an implicit session", []string{"SECURE_DATACONN PRIVATE"}, 990, wantProt(client.ProtPrivate)},
		{"SECURE_DATACONN not coded is PRIVATE", tls, 21, wantProt(client.ProtPrivate)},
		{"SECURE_DATACONN not coded on an implicit session is PRIVATE", nil, 990, wantProt(client.ProtPrivate)},
		{"SECURE_DATACONN CLEAR on an implicit session sends no PROT", []string{"SECURE_DATACONN CLEAR"}, 990, wantProt(client.ProtNone)},
		{"SECURE_SESSION_REUSE REQUIRED", with("SECURE_SESSION_REUSE REQUIRED"), 21,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if !sec.RequireReuse || sec.Options.NoSessionReuse {
					t.Errorf("got RequireReuse %v NoSessionReuse %v", sec.RequireReuse, sec.Options.NoSessionReuse)
				}
			}},
		{"SECURE_SESSION_REUSE NONE", with("SECURE_SESSION_REUSE NONE"), 21,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.RequireReuse || !sec.Options.NoSessionReuse {
					t.Errorf("got RequireReuse %v NoSessionReuse %v", sec.RequireReuse, sec.Options.NoSessionReuse)
				}
			}},
		{"SECURE_HOSTNAME REQUIRED", with("SECURE_HOSTNAME REQUIRED"), 21,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if !sec.Options.VerifyHostname {
					t.Error("VerifyHostname false")
				}
			}},
		{"SECURE_HOSTNAME OPTIONAL", with("SECURE_HOSTNAME OPTIONAL"), 21,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Options.VerifyHostname {
					t.Error("VerifyHostname true")
				}
			}},
		{"SECURE_CTRLCONN has no TLS effect", with("SECURE_CTRLCONN PRIVATE"), 21,
			func(t *testing.T, sec client.Security, w []Warning) {
				if sec.Mode != client.ExplicitAllowed || sec.DataProtection != client.ProtPrivate || len(w) != 0 {
					t.Errorf("got %+v %v", sec, w)
				}
			}},
		{"TLS versions", with("TLSVERSIONMIN TLSV1.0", "TLSVERSIONMAX TLSV1.2"), 21,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Options.MinVersion != stdtls.VersionTLS10 || sec.Options.MaxVersion != stdtls.VersionTLS12 {
					t.Errorf("versions %x-%x", sec.Options.MinVersion, sec.Options.MaxVersion)
				}
			}},
		{"TLSMECHANISM ATTLS: no second warning at OPEN (the statement warned when coded)", with("TLSMECHANISM ATTLS"), 21,
			func(t *testing.T, sec client.Security, w []Warning) {
				if !sec.Mode.TLS() || len(w) != 0 {
					t.Errorf("security %+v, warnings %v", sec.Mode, w)
				}
			}},
		{"CIPHERSUITE: z/OS and IANA names in order, unusable one warned", with(
			"CIPHERSUITE SSL_AES_256_SHA", "CIPHERSUITE SSL_NULL_MD5", "CIPHERSUITE TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"), 21,
			func(t *testing.T, sec client.Security, w []Warning) {
				want := []uint16{stdtls.TLS_RSA_WITH_AES_256_CBC_SHA, stdtls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
				if !slices.Equal(sec.Options.CipherSuites, want) {
					t.Errorf("ciphers %x, want %x", sec.Options.CipherSuites, want)
				}
				if len(w) != 1 || w[0].Statement != "CIPHERSUITE" || !strings.Contains(w[0].Text, "SSL_NULL_MD5") {
					t.Errorf("warnings %v, want one naming SSL_NULL_MD5", w)
				}
			}},
		{"KEYRING PEM bundle with a client certificate", with("KEYRING " + filepath.Join(k.dir, "client.pem")), 21,
			wantKeyring(1, 1)},
		{"KEYRING directory", with("KEYRING " + filepath.Join(k.dir, "keyrings", "RING")), 21,
			func(t *testing.T, sec client.Security, _ []Warning) {
				if sec.Options.Keyring == nil || sec.Options.Keyring.Source != filepath.Join(k.dir, "keyrings", "RING") {
					t.Errorf("keyring %+v", sec.Options.Keyring)
				}
			}},
		{"KEYRING SAF ring name", with("KEYRING RING"), 21, wantKeyring(1, 1)},
		{"KEYRING userid/ringname", with("KEYRING USER/SHARED"), 21, wantKeyring(1, 0)},
		{"KEYRING *AUTH*/*: CA store, no client certificate", with("KEYRING *AUTH*/*"), 21, wantKeyring(1, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sec, w, err := settings(t, tc.stmts...).Security(tc.port, opt)
			if err != nil {
				t.Fatalf("Security: %v", err)
			}
			tc.check(t, sec, w)
		})
	}
}

func wantProt(p client.DataProtection) func(*testing.T, client.Security, []Warning) {
	return func(t *testing.T, sec client.Security, _ []Warning) {
		t.Helper()
		if !sec.Mode.TLS() || sec.DataProtection != p {
			t.Errorf("DataProtection %v, want %v (%+v)", sec.DataProtection, p, sec)
		}
	}
}

func wantKeyring(anchors, identities int) func(*testing.T, client.Security, []Warning) {
	return func(t *testing.T, sec client.Security, _ []Warning) {
		t.Helper()
		kr := sec.Options.Keyring
		if kr == nil {
			t.Fatal("no keyring")
		}
		if kr.Anchors != anchors || len(kr.Identities) != identities {
			t.Errorf("keyring %s: %d anchors, %d identities; want %d, %d", kr.Spec, kr.Anchors, len(kr.Identities), anchors, identities)
		}
	}
}

func TestSecurityPKCS12Passwords(t *testing.T) {
	k := makeKeyrings(t)
	s := settings(t, "SECURE_MECHANISM TLS", "KEYRING "+k.p12)
	tests := []struct {
		name    string
		opt     SecurityOptions
		wantErr bool
	}{
		{"from the environment", SecurityOptions{Getenv: func(v string) string {
			if v == "ZFTP_KEYRING_PASSWORD" {
				return "s3cret"
			}
			return ""
		}}, false},
		{"from the prompt", SecurityOptions{Password: func(file string) (string, error) {
			if file != k.p12 {
				t.Errorf("prompt for %s, want %s", file, k.p12)
			}
			return "s3cret", nil
		}}, false},
		{"wrong password", SecurityOptions{Password: func(string) (string, error) { return "nope", nil }}, true},
		{"no password source", SecurityOptions{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sec, _, err := s.Security(21, tc.opt)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), "KEYRING") {
					t.Fatalf("err = %v, want a KEYRING error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := sec.Options.Keyring.Identity(""); !ok || sec.Options.Keyring.Anchors != 1 {
				t.Errorf("keyring %+v", sec.Options.Keyring)
			}
		})
	}
}

func TestSecurityErrors(t *testing.T) {
	k := makeKeyrings(t)
	opt := SecurityOptions{ConfigDir: k.dir, CAStore: k.caPEM}
	tests := []struct {
		name   string
		stmts  []string
		port   int
		opt    SecurityOptions
		config bool   // wraps ErrSecurityConfig
		want   string // in the message
	}{
		{"GSSAPI", []string{"SECURE_MECHANISM GSSAPI"}, 21, opt, true, "Kerberos"},
		{"GSSAPI on the implicit port", []string{"SECURE_MECHANISM GSSAPI"}, 990, opt, true, "Kerberos"},
		{"REQUIRED without a mechanism", []string{"SECURE_FTP REQUIRED"}, 21, opt, true, "SECURE_MECHANISM TLS"},
		{"no usable cipher", []string{"SECURE_MECHANISM TLS", "CIPHERSUITE SSL_NULL_MD5", "CIPHERSUITE SSL_DES_SHA"}, 21, opt, true, "CIPHERSUITE"},
		{"min above max", []string{"SECURE_MECHANISM TLS", "TLSVERSIONMIN TLSV1.3", "TLSVERSIONMAX TLSV1.2"}, 21, opt, true, "TLSVERSIONMIN"},
		{"keyring file missing", []string{"SECURE_MECHANISM TLS", "KEYRING " + filepath.Join(k.dir, "missing.pem")}, 21, opt, false, "missing.pem"},
		{"SAF ring missing", []string{"SECURE_MECHANISM TLS", "KEYRING NORING"}, 21, opt, false, "NORING"},
		{"SAF ring without a config dir", []string{"SECURE_MECHANISM TLS", "KEYRING RING"}, 21, SecurityOptions{}, false, "RING"},
		{"kdb", []string{"SECURE_MECHANISM TLS", "KEYRING /u/user/key.kdb"}, 21, opt, false, "PKCS#12"},
		{"CA store missing", []string{"SECURE_MECHANISM TLS"}, 21, SecurityOptions{CAStore: filepath.Join(k.dir, "nostore")}, false, "CA store"},
		{"keyring on an implicit session", []string{"KEYRING " + filepath.Join(k.dir, "missing.pem")}, 990, opt, false, "missing.pem"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sec, _, err := settings(t, tc.stmts...).Security(tc.port, tc.opt)
			if err == nil {
				t.Fatalf("no error; got %+v", sec)
			}
			if errors.Is(err, ErrSecurityConfig) != tc.config {
				t.Errorf("errors.Is(ErrSecurityConfig) = %v, want %v: %v", !tc.config, tc.config, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
			if !reflect.ValueOf(sec).IsZero() {
				t.Errorf("Security not zero on error: %+v", sec)
			}
		})
	}
}

func TestSecurityCipherWarningOnError(t *testing.T) {
	s := settings(t, "SECURE_MECHANISM TLS", "CIPHERSUITE SSL_RC4_MD5")
	_, w, err := s.Security(21, SecurityOptions{})
	if err == nil {
		t.Fatal("no error")
	}
	if len(w) != 1 || !strings.Contains(w[0].Text, "SSL_RC4_MD5") {
		t.Errorf("warnings %v, want one naming SSL_RC4_MD5", w)
	}
}

func TestApplyMechanismFlag(t *testing.T) {
	tests := []struct {
		name      string
		stmts     []string
		flag, val string
		wantMech  Mechanism
		wantFTP   SecureFTP
		wantErr   bool
	}{
		{"-a TLS", nil, "-a", "TLS", MechanismTLS, SecureFTPAllowed, false},
		{"a tls (lower case)", nil, "a", "tls", MechanismTLS, SecureFTPAllowed, false},
		{"-r TLS", nil, "-r", "TLS", MechanismTLS, SecureFTPRequired, false},
		{"-a TLS keeps a coded REQUIRED", []string{"SECURE_FTP REQUIRED"}, "-a", "TLS", MechanismTLS, SecureFTPRequired, false},
		{"-a NEVER", []string{"SECURE_MECHANISM TLS"}, "-a", "NEVER", MechanismNone, SecureFTPAllowed, false},
		{"-r NEVER", []string{"SECURE_MECHANISM TLS"}, "-r", "NEVER", MechanismTLS, SecureFTPAllowed, true},
		{"-a GSSAPI", nil, "-a", "GSSAPI", MechanismNone, SecureFTPAllowed, true},
		{"-r GSSAPI", nil, "-r", "gssapi", MechanismNone, SecureFTPAllowed, true},
		{"-a SSL", nil, "-a", "SSL", MechanismNone, SecureFTPAllowed, true},
		{"-x TLS", nil, "-x", "TLS", MechanismNone, SecureFTPAllowed, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := settings(t, tc.stmts...)
			err := s.ApplyMechanismFlag(tc.flag, tc.val)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil && !errors.Is(err, ErrBadValue) {
				t.Errorf("error %v does not wrap ErrBadValue", err)
			}
			if s.SecureMechanism != tc.wantMech || s.SecureFTP != tc.wantFTP {
				t.Errorf("got %q/%q, want %q/%q", s.SecureMechanism, s.SecureFTP, tc.wantMech, tc.wantFTP)
			}
		})
	}

	// -r TLS then Security: required explicit TLS.
	s := Defaults()
	if err := s.ApplyMechanismFlag("-r", "TLS"); err != nil {
		t.Fatal(err)
	}
	k := makeKeyrings(t)
	sec, _, err := s.Security(21, SecurityOptions{CAStore: k.caPEM})
	if err != nil || sec.Mode != client.ExplicitRequired {
		t.Errorf("-r TLS: %+v %v", sec, err)
	}
	// -a NEVER over SECURE_FTP REQUIRED: refused, never plain.
	s = settings(t, "SECURE_FTP REQUIRED", "SECURE_MECHANISM TLS")
	if err := s.ApplyMechanismFlag("-a", "NEVER"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Security(21, SecurityOptions{}); !errors.Is(err, ErrSecurityConfig) {
		t.Errorf("-a NEVER with SECURE_FTP REQUIRED: err = %v", err)
	}
}

func TestCCCMode(t *testing.T) {
	tests := []struct {
		level   string
		want    client.CCCMode
		wantErr error
	}{
		{"RFC4217", client.CCCRFC4217, nil},
		{"CCCNONOTIFY", client.CCCNoNotify, nil},
		{"DRAFT", 0, ErrCCCDraft},
	}
	for _, tc := range tests {
		t.Run(tc.level, func(t *testing.T) {
			s := settings(t, "TLSRFCLEVEL "+tc.level)
			got, err := s.CCCMode()
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err == nil && got != tc.want {
				t.Errorf("mode %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := Defaults().CCCMode(); !errors.Is(err, ErrCCCDraft) {
		t.Errorf("default TLSRFCLEVEL: err = %v, want ErrCCCDraft", err)
	}
	if !strings.Contains(ErrCCCDraft.Error(), "TLSRFCLEVEL") {
		t.Error("the DRAFT error must name TLSRFCLEVEL")
	}
	// LOCSITE changes it during the session.
	s := Defaults()
	if _, err := s.ApplyLocsite("TLSRFCLEVEL=CCCNONOTIFY"); err != nil {
		t.Fatal(err)
	}
	if m, err := s.CCCMode(); err != nil || m != client.CCCNoNotify {
		t.Errorf("after LOCSITE: %v %v", m, err)
	}
	bad := Defaults()
	bad.TLSRFCLevel = "RFC2228"
	if _, err := bad.CCCMode(); !errors.Is(err, ErrSecurityConfig) {
		t.Errorf("bad level: err = %v", err)
	}
}

// TestRFCLevelNamesCCCModes: RFCLevelOf names each engine CCC mode with
// the TLSRFCLEVEL word that selects it, so the words LOCSTAT shows, the
// ones LOCSITE takes and the ones the transcript names agree; DRAFT
// names no engine mode.
func TestRFCLevelNamesCCCModes(t *testing.T) {
	for _, m := range []client.CCCMode{client.CCCRFC4217, client.CCCNoNotify} {
		l := RFCLevelOf(m)
		if l == RFCLevelDraft {
			t.Errorf("RFCLevelOf(%d) = DRAFT", int(m))
		}
		if back, err := l.CCCMode(); err != nil || back != m {
			t.Errorf("RFCLevelOf(%d) = %s, which maps back to %d (%v)", int(m), l, int(back), err)
		}
		s := Defaults()
		if _, err := s.ApplyLocsite("TLSRFCLEVEL=" + string(l)); err != nil || s.TLSRFCLevel != l {
			t.Errorf("LOCSITE TLSRFCLEVEL=%s: %v, level %q", l, err, s.TLSRFCLevel)
		}
	}
	if got := lookupStatement("TLSRFCLEVEL").Values; !slices.Equal(got, []string{"DRAFT", "RFC4217", "CCCNONOTIFY"}) {
		t.Errorf("TLSRFCLEVEL values %q", got)
	}
}

func TestLocstatSecurityLines(t *testing.T) {
	lines := strings.Join(settings(t, "SECURE_MECHANISM TLS", "SECURE_FTP REQUIRED", "KEYRING RING").LocstatLines(), "\n")
	for _, want := range []string{
		"SECURE_FTP is set to REQUIRED",
		"SECURE_MECHANISM is set to TLS",
		"SECURE_CTRLCONN is set to CLEAR (applies to Kerberos only; no effect with TLS)",
		"SECURE_DATACONN is set to PRIVATE (default)",
		"KEYRING is set to RING",
		"TLSRFCLEVEL is set to DRAFT",
		"SECUREIMPLICITZOS is set to TRUE",
		"TLSPORT is set to 990",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("LOCSTAT lacks %q", want)
		}
	}
}

// TestSecureDataConnDefault: not coded, data connections of a TLS session
// are PRIVATE and LOCSTAT says it is the default; CLEAR coded is CLEAR,
// with no "(default)".
func TestSecureDataConnDefault(t *testing.T) {
	for _, tt := range []struct {
		stmts []string
		want  Protection
		line  string
	}{
		{nil, ProtectionPrivate, "SECURE_DATACONN is set to PRIVATE (default)"},
		{[]string{"SECURE_DATACONN CLEAR"}, ProtectionClear, "SECURE_DATACONN is set to CLEAR"},
		{[]string{"SECURE_DATACONN NEVER"}, ProtectionNever, "SECURE_DATACONN is set to NEVER"},
		{[]string{"SECURE_DATACONN PRIVATE"}, ProtectionPrivate, "SECURE_DATACONN is set to PRIVATE"},
	} {
		s := settings(t, tt.stmts...)
		if got := s.DataConn(); got != tt.want {
			t.Errorf("%v: DataConn %s, want %s", tt.stmts, got, tt.want)
		}
		var found bool
		for _, l := range s.LocstatLines() {
			if strings.HasPrefix(l, "SECURE_DATACONN ") {
				found = true
				if l != tt.line {
					t.Errorf("%v: LOCSTAT %q, want %q", tt.stmts, l, tt.line)
				}
			}
		}
		if !found {
			t.Errorf("%v: no SECURE_DATACONN line in LOCSTAT", tt.stmts)
		}
	}
}
