package tls

import (
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/zftp/zftp/tls/tlstest"
)

func TestLoadKeyringForms(t *testing.T) {
	dir := t.TempDir()
	ca := tlstest.NewCA(t, "zftp test CA")
	client := ca.Issue(t, "tiffany", tlstest.LeafOptions{Client: true})
	caFile := tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
	idFile := tlstest.WriteFile(t, dir, "tiffany.pem", client.CertPEM, client.KeyPEM, ca.CertPEM)

	conf := filepath.Join(dir, "conf")
	ring := filepath.Join(conf, "keyrings", "IBMUSER", "FTPRING")
	os.MkdirAll(ring, 0o700)
	tlstest.WriteFile(t, ring, "ca.pem", ca.CertPEM)
	tlstest.WriteFile(t, ring, "client.pem", client.CertPEM, client.KeyPEM)
	site := filepath.Join(conf, "keyrings", "SITE")
	os.MkdirAll(site, 0o700)
	tlstest.WriteFile(t, site, "site.pem", ca.CertPEM)

	tests := []struct {
		spec       string
		anchors    int
		identities int
		errLike    string
	}{
		{caFile, 1, 0, ""},
		{idFile, 1, 1, ""},
		{ring, 1, 1, ""},
		{"IBMUSER/FTPRING", 1, 1, ""},
		{"*SITE*/*", 1, 0, ""},
		{"*AUTH*/*", 1, 0, ""}, // CAStore below
		{"NOSUCH/RING", 0, 0, "not found"},
		{"/u/key.kdb", 0, 0, "PKCS#12"},
		{"a/b/c", 0, 0, "not a path"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			k, err := LoadKeyring(tt.spec, LoadOptions{ConfigDir: conf, CAStore: caFile})
			if tt.errLike != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errLike) {
					t.Fatalf("err = %v, want %q", err, tt.errLike)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.Anchors != tt.anchors || len(k.Identities) != tt.identities {
				t.Fatalf("anchors %d identities %d", k.Anchors, len(k.Identities))
			}
		})
	}
}

func TestVirtualAuthSystemStoreHasNoIdentity(t *testing.T) {
	k, err := LoadKeyring("*AUTH*/*", LoadOptions{})
	if err != nil {
		t.Skipf("no system trust store on this machine: %v", err)
	}
	if len(k.Identities) != 0 || k.Source != "system trust store" {
		t.Fatalf("virtual keyring %+v", k)
	}
}

// TestPKCS12FromOpenSSL loads files made by `openssl pkcs12 -export` in
// its default (AES-256, PBKDF2) and -legacy (RC2, 3DES) modes. Windows
// ships no openssl: there, unless one is on PATH, the two files are made
// with go-pkcs12's encoders of the same algorithms (Modern: AES-256-CBC
// with PBKDF2, as OpenSSL 3's default; LegacyRC2: RC2 and 3DES, as
// -legacy). On Linux openssl is required (make test installs it).
func TestPKCS12FromOpenSSL(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	switch {
	case err != nil && runtime.GOOS == "windows":
		t.Logf("openssl is not on PATH (Windows has none unless installed): the files are made with go-pkcs12")
		openssl = ""
	case err != nil:
		t.Fatal("openssl is needed to make PKCS#12 files (apt-get install openssl)")
	}
	dir := t.TempDir()
	ca := tlstest.NewCA(t, "p12 CA")
	leaf := ca.Issue(t, "p12 client", tlstest.LeafOptions{Client: true})
	certF := tlstest.WriteFile(t, dir, "c.pem", leaf.CertPEM)
	keyF := tlstest.WriteFile(t, dir, "k.pem", leaf.KeyPEM)
	caF := tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
	for _, mode := range []string{"default", "legacy"} {
		t.Run(mode, func(t *testing.T) {
			out := filepath.Join(dir, mode+".p12")
			args := []string{"pkcs12", "-export", "-in", certF, "-inkey", keyF, "-certfile", caF, "-out", out, "-passout", "pass:pw-" + mode}
			if mode == "legacy" {
				args = append(args, "-legacy")
			}
			if openssl == "" {
				enc := map[string]*pkcs12.Encoder{"default": pkcs12.Modern, "legacy": pkcs12.LegacyRC2}[mode]
				der, err := enc.Encode(leaf.Key, leaf.Cert, []*x509.Certificate{ca.Cert}, "pw-"+mode)
				if err != nil {
					t.Fatal(err)
				}
				tlstest.WriteFile(t, dir, mode+".p12", der)
			} else if b, err := exec.Command(openssl, args...).CombinedOutput(); err != nil {
				t.Fatalf("openssl: %v: %s", err, b)
			}
			// Wrong password everywhere: a clear error.
			if _, err := LoadKeyring(out, LoadOptions{}); err == nil || !strings.Contains(err.Error(), "ZFTP_KEYRING_PASSWORD") {
				t.Fatalf("no password: err = %v", err)
			}
			// From the environment.
			env := func(k string) string {
				if k == "ZFTP_KEYRING_PASSWORD" {
					return "pw-" + mode
				}
				return ""
			}
			k, err := LoadKeyring(out, LoadOptions{Getenv: env})
			if err != nil {
				t.Fatal(err)
			}
			id, ok := k.Identity("")
			if !ok || id.Cert.Leaf.Subject.CommonName != "p12 client" || k.Anchors != 1 {
				t.Fatalf("identity %v anchors %d", ok, k.Anchors)
			}
			// From a stash file.
			tlstest.WriteFile(t, dir, mode+".sth", []byte("pw-"+mode+"\n"))
			if _, err := LoadKeyring(out, LoadOptions{}); err != nil {
				t.Fatalf("stash: %v", err)
			}
		})
	}
}

func TestCipherSuites(t *testing.T) {
	ids, warns, err := CipherSuites([]string{"SSL_AES_256_SHA", "SSL_RC4_MD5", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"})
	if err != nil || len(ids) != 2 || len(warns) != 1 || !strings.Contains(warns[0], "SSL_RC4_MD5") {
		t.Fatalf("ids %v warns %v err %v", ids, warns, err)
	}
	if _, _, err := CipherSuites([]string{"SSL_NULL_MD5", "SSL_DES_SHA"}); err == nil {
		t.Fatal("empty intersection accepted")
	}
	if ids, _, err := CipherSuites(nil); ids != nil || err != nil {
		t.Fatal("nil list")
	}
}

func TestParseVersion(t *testing.T) {
	for in, want := range map[string]string{"1.2": "TLSv1.2", "TLSv1.3": "TLSv1.3", "tls1.0": "TLSv1.0"} {
		v, err := ParseVersion(in)
		if err != nil || VersionName(v) != want {
			t.Errorf("ParseVersion(%q) = %v %v", in, VersionName(v), err)
		}
	}
	if _, err := ParseVersion("SSLv3"); err == nil {
		t.Error("SSLv3 accepted")
	}
}
