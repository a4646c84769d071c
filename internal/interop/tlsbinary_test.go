//go:build linux

package interop

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/tls/tlstest"

	"github.com/zftp/zftp/client"
)

// TestBinaryTLSAgainstVsftpd drives the zftp binary against vsftpd with
// forced TLS: a good keyring logs in and transfers under PROT P; each
// refusal is a clear message, EZA2897I/EZA2898I, and a nonzero exit.
func TestBinaryTLSAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	ca := tlstest.NewCA(t, "interop CA")
	srv := StartVsftpd(t, Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, CA: ca.CA})
	dir := t.TempDir()
	good := tlstest.WriteFile(t, dir, "good.pem", ca.CertPEM)
	other := tlstest.WriteFile(t, dir, "other.pem", tlstest.NewCA(t, "other CA").CertPEM)
	ftpdata := tlstest.WriteFile(t, dir, "ftp.data", []byte("SECURE_DATACONN PRIVATE\nSECURE_HOSTNAME REQUIRED\n"))
	local := tlstest.WriteFile(t, dir, "up.bin", bytes.Repeat([]byte("z"), 100000))

	tests := []struct {
		name    string
		keyring string
		host    string
		ok      bool
		want    string
	}{
		{"good keyring", good, Host, true, "EZA1617I 100000 bytes transferred"},
		{"wrong CA", other, Host, false, "unknown CA"},
		{"wrong host name", good, "", false, "host name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := srv
			if tt.host == "" {
				// A certificate for another name, with SECURE_HOSTNAME REQUIRED.
				cert := ca.Issue(t, "elsewhere", tlstest.LeafOptions{Hosts: []string{"ftp.other.example"}})
				srv, tt.host = StartVsftpd(t, Options{TLS: client.ExplicitAllowed, TLSRequired: true, CA: ca.CA, Cert: cert.Leaf}), Host
			}
			script := srv.User + "\n" + srv.Password + "\nbinary\nput " + local + " up.bin\nget up.bin " + filepath.Join(dir, "back.bin") + " (replace\nquit\n"
			cmd := exec.Command(bin, "-v", "-e", "-r", "TLS", "-f", ftpdata, "--keyring", tt.keyring, tt.host, strconv.Itoa(srv.Port))
			cmd.Stdin = strings.NewReader(script)
			cmd.WaitDelay = 10 * time.Second
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			text := out.String()
			if strings.Contains(text, srv.Password) {
				t.Fatalf("password in the output:\n%s", text)
			}
			if tt.ok {
				if err != nil || !strings.Contains(text, tt.want) || !strings.Contains(text, "PROT P") {
					t.Fatalf("err %v\n%s", err, text)
				}
				return
			}
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() == 0 {
				t.Fatalf("exit %v, want nonzero\n%s", err, text)
			}
			for _, w := range []string{tt.want, "EZA2897I", "EZA2898I", "EZA1735I"} {
				if !strings.Contains(text, w) {
					t.Fatalf("no %q in\n%s", w, text)
				}
			}
			if strings.Contains(text, ">>> USER") {
				t.Fatalf("USER sent without TLS:\n%s", text)
			}
		})
	}
}
