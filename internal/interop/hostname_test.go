//go:build linux

package interop

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls/tlstest"
)

// TestBinarySystemStoreHostname is issue 14's acceptance for host names:
// vsftpd presents a certificate for another name (other.example), issued
// by a test CA that the zftp binary trusts only as its system store
// (SSL_CERT_FILE, no KEYRING coded). Not coding SECURE_HOSTNAME refuses
// the server before USER is sent (EZA2897I, EZA2898I, nonzero exit);
// coding SECURE_HOSTNAME OPTIONAL restores the z/OS behaviour with one
// warning per session, and a GET works.
func TestBinarySystemStoreHostname(t *testing.T) {
	bin := buildZftp(t)
	ca := tlstest.NewCA(t, "interop system-store CA")
	cert := ca.Issue(t, "other.example", tlstest.LeafOptions{Hosts: []string{"other.example"}})
	srv := StartVsftpd(t, Options{TLS: client.ExplicitAllowed, TLSRequired: true, CA: ca.CA, Cert: cert.Leaf})
	if err := os.WriteFile(filepath.Join(srv.Home, "hello.txt"), []byte("hello from vsftpd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	store := tlstest.WriteFile(t, dir, "system-ca.pem", ca.CertPEM)
	plain := tlstest.WriteFile(t, dir, "plain.data", []byte("SECURE_DATACONN PRIVATE\n"))
	optional := tlstest.WriteFile(t, dir, "optional.data", []byte("SECURE_DATACONN PRIVATE\nSECURE_HOSTNAME OPTIONAL\n"))

	tests := []struct {
		name    string
		ftpdata string
		ok      bool
		want    []string
	}{
		{"not coded: refused", plain, false, []string{"EZA2897I", "EZA2898I", "host name", "other.example"}},
		{"OPTIONAL coded: accepted", optional, true, []string{"host name is not checked", ">>> USER", "PROT P", "EZA1617I 18 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			back := filepath.Join(dir, "back.txt")
			os.Remove(back)
			script := srv.User + "\n" + srv.Password + "\nbinary\nget hello.txt " + back + "\nquit\n"
			cmd := exec.Command(bin, "-v", "-e", "-r", "TLS", "-f", tt.ftpdata, Host, strconv.Itoa(srv.Port))
			cmd.Env = append(os.Environ(), "SSL_CERT_FILE="+store, "SSL_CERT_DIR="+dir, "HOME="+dir, "XDG_CONFIG_HOME="+dir)
			cmd.Stdin = strings.NewReader(script)
			cmd.WaitDelay = 10 * time.Second
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			text := out.String()
			if strings.Contains(text, srv.Password) {
				t.Fatalf("password in the output:\n%s", text)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Fatalf("no %q in\n%s", w, text)
				}
			}
			if tt.ok {
				if err != nil {
					t.Fatalf("exit %v\n%s", err, text)
				}
				if n := strings.Count(text, "host name is not checked"); n != 1 {
					t.Fatalf("the OPTIONAL warning shown %d times, want once per session:\n%s", n, text)
				}
				got, rerr := os.ReadFile(back)
				if rerr != nil || string(got) != "hello from vsftpd\n" {
					t.Fatalf("GET: %q, %v\n%s", got, rerr, text)
				}
				return
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() == 0 {
				t.Fatalf("exit %v, want nonzero\n%s", err, text)
			}
			if strings.Contains(text, ">>> USER") {
				t.Fatalf("USER sent to a server whose name was not verified:\n%s", text)
			}
		})
	}
}
