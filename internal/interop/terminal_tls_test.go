//go:build linux

package interop

import (
	"bytes"
	"crypto/rand"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls/tlstest"
)

// TestTerminalFTPSURL: at a terminal of 80x24 and of 40x12, zftp
// --keyring CA ftps://user:pw@host:port/f against vsftpd's and proftpd's
// implicit ports (clear data refused) fetches f byte-exact with PROT P
// and exits 0 (issue 23 item 2).
func TestTerminalFTPSURL(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range []Kind{Vsftpd, Proftpd} {
		t.Run(string(k), func(t *testing.T) {
			ca := tlstest.NewCA(t, "interop CA")
			srv := Start(t, k, Options{TLS: client.Implicit, TLSRequired: true, RequireReuse: true, CA: ca.CA})
			data := make([]byte, 300_000)
			rand.Read(data)
			if err := os.WriteFile(filepath.Join(srv.Home, "f"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			u := url.URL{Scheme: "ftps", User: url.UserPassword(srv.User, srv.Password),
				Host: srv.Host + ":" + strconv.Itoa(srv.Port), Path: "/f"}
			for _, sz := range termSizes {
				t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
					dir := t.TempDir()
					keyring := tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
					s := startTerm(t, bin, dir, sz.rows, sz.cols, "-v", "--keyring", keyring, u.String())
					s.expect(">>> PROT P")
					s.expect("bytes transferred")
					if st := s.wait(); st != 0 {
						t.Errorf("exit status %d, want 0:\n%s", st, strings.ReplaceAll(s.output(), srv.Password, "***"))
					}
					if got, err := os.ReadFile(filepath.Join(dir, "f")); err != nil || !bytes.Equal(got, data) {
						t.Errorf("f: %d bytes (%v), want %d byte-exact", len(got), err, len(data))
					}
				})
			}
		})
	}
}

// TestTerminalRequireTLSDir: at a terminal of 80x24 and of 40x12, zftp
// -r TLS --keyring CA host port, the login typed, then dir lists at once
// against vsftpd and proftpd that refuse clear data: data connections are
// protected without a PRIVATE typed (issue 23 item 3).
func TestTerminalRequireTLSDir(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range []Kind{Vsftpd, Proftpd} {
		t.Run(string(k), func(t *testing.T) {
			ca := tlstest.NewCA(t, "interop CA")
			srv := Start(t, k, Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, CA: ca.CA})
			if err := os.WriteFile(filepath.Join(srv.Home, "listed-file.txt"), []byte("x\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, sz := range termSizes {
				t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
					dir := t.TempDir()
					keyring := tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
					s := startTerm(t, bin, dir, sz.rows, sz.cols, "-v", "-r", "TLS", "--keyring", keyring, srv.Host, strconv.Itoa(srv.Port))
					s.login(srv)
					s.send("dir\r")
					s.expect("listed-file.txt")
					s.expect("Command:")
					s.send("quit\r")
					if st := s.wait(); st != 0 {
						t.Errorf("exit status %d, want 0", st)
					}
					out := s.output()
					if !strings.Contains(out, ">>> PROT P") || strings.Contains(out, "522") {
						t.Errorf("dir was not protected at once:\n%s", out)
					}
				})
			}
		})
	}
}
