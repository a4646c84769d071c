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

// TLS with one option (issue 23, items 2 and 3): a user who asks for TLS
// and names the CA gets protected data connections and working implicit
// URLs, with no FTP.DATA.

// TestFTPSURLAgainstImplicitServers: zftp --keyring CA
// ftps://user:pw@127.0.0.1:PORT/f against vsftpd (implicit_ssl) and
// proftpd (UseImplicitSSL), both refusing clear data: the handshake comes
// first, PROT P is sent, the file arrives byte-exact and zftp exits 0, in
// batch and at a terminal of 80x24 and of 40x12.
func TestFTPSURLAgainstImplicitServers(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range []Kind{Vsftpd, Proftpd} {
		t.Run(string(k), func(t *testing.T) {
			ca := tlstest.NewCA(t, "interop CA")
			srv := Start(t, k, Options{TLS: client.Implicit, TLSRequired: true, RequireReuse: true, CA: ca.CA})
			dir := t.TempDir()
			keyring := tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
			data := make([]byte, 300_000)
			rand.Read(data)
			if err := os.WriteFile(filepath.Join(srv.Home, "f"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			u := url.URL{Scheme: "ftps", User: url.UserPassword(srv.User, srv.Password),
				Host: srv.Host + ":" + strconv.Itoa(srv.Port), Path: "/f"}
			out, err := runZftpScript(t, bin, dir, "", "-v", "-w", "20", "--keyring", keyring, u.String())
			if err != nil {
				t.Fatalf("zftp ftps://...: %v\n%s", err, strings.ReplaceAll(out, srv.Password, "***"))
			}
			if got, err := os.ReadFile(filepath.Join(dir, "f")); err != nil || !bytes.Equal(got, data) {
				t.Errorf("f: %d bytes (%v), want %d byte-exact\n%s", len(got), err, len(data), out)
			}
			for _, want := range []string{">>> PBSZ 0", ">>> PROT P", ">>> RETR f"} {
				if !strings.Contains(out, want) {
					t.Errorf("no %q in the transcript:\n%s", want, out)
				}
			}
			if strings.Contains(out, ">>> AUTH") || strings.Contains(out, srv.Password) {
				t.Errorf("AUTH sent or the password shown:\n%s", out)
			}
			// The same at a terminal of 80x24 and of 40x12 (issue 23 item 2).
			for _, sz := range termSizes {
				t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
					dir := t.TempDir()
					keyring := tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
					s := startTerm(t, bin, dir, sz.rows, sz.cols, "-v", "--keyring", keyring, u.String())
					s.Expect(">>> PROT P")
					s.Expect("bytes transferred")
					if st := s.Wait(); st != 0 {
						t.Errorf("exit status %d, want 0:\n%s", st, strings.ReplaceAll(s.Output(), srv.Password, "***"))
					}
					if got, err := os.ReadFile(filepath.Join(dir, "f")); err != nil || !bytes.Equal(got, data) {
						t.Errorf("f: %d bytes (%v), want %d byte-exact", len(got), err, len(data))
					}
				})
			}
		})
	}
}

// TestRequireTLSListsAgainstServers: zftp -r TLS --keyring CA host port,
// then dir, lists at once against vsftpd and proftpd that refuse clear
// data (force_local_data_ssl, TLSRequired on): with SECURE_DATACONN not
// coded, PBSZ 0 and PROT P follow the login. With SECURE_DATACONN CLEAR
// coded (z/OS's default) the same dir gets the server's refusal and no
// data moves in clear. At a terminal the typed login and dir list at once.
func TestRequireTLSListsAgainstServers(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range []Kind{Vsftpd, Proftpd} {
		t.Run(string(k), func(t *testing.T) {
			ca := tlstest.NewCA(t, "interop CA")
			srv := Start(t, k, Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true, CA: ca.CA})
			dir := t.TempDir()
			keyring := tlstest.WriteFile(t, dir, "ca.pem", ca.CertPEM)
			if err := os.WriteFile(filepath.Join(srv.Home, "listed-file.txt"), []byte("x\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			script := srv.User + "\n" + srv.Password + "\ndir\nquit\n"
			out, err := runZftpScript(t, bin, dir, script, "-v", "-e", "-r", "TLS", "--keyring", keyring, srv.Host, strconv.Itoa(srv.Port))
			if err != nil {
				t.Fatalf("zftp -r TLS, dir: %v\n%s", err, out)
			}
			for _, want := range []string{">>> PBSZ 0", ">>> PROT P", ">>> LIST", "listed-file.txt"} {
				if !strings.Contains(out, want) {
					t.Errorf("no %q in the transcript:\n%s", want, out)
				}
			}

			clear := tlstest.WriteFile(t, dir, "clear.data", []byte("SECURE_DATACONN CLEAR\n"))
			out, err = runZftpScript(t, bin, dir, script, "-v", "-r", "TLS", "-f", clear, "--keyring", keyring, srv.Host, strconv.Itoa(srv.Port))
			if strings.Contains(out, ">>> PROT") || strings.Contains(out, "listed-file.txt") {
				t.Errorf("SECURE_DATACONN CLEAR: PROT sent or the listing moved (%v):\n%s", err, out)
			}
			if !strings.Contains(out, ">>> LIST") && !strings.Contains(out, ">>> NLST") {
				t.Errorf("SECURE_DATACONN CLEAR: no listing asked:\n%s", out)
			}
			// At a terminal of 80x24 and of 40x12, the login typed, dir lists
			// at once without a PRIVATE typed (issue 23 item 3).
			for _, sz := range termSizes {
				t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
					s := startTerm(t, bin, dir, sz.rows, sz.cols, "-v", "-r", "TLS", "--keyring", keyring, srv.Host, strconv.Itoa(srv.Port))
					s.login(srv)
					s.Send("dir\r")
					s.Expect("listed-file.txt")
					s.Expect("Command:")
					s.Send("quit\r")
					if st := s.Wait(); st != 0 {
						t.Errorf("exit status %d, want 0", st)
					}
					out := s.Output()
					if !strings.Contains(out, ">>> PROT P") || strings.Contains(out, "522") {
						t.Errorf("dir was not protected at once:\n%s", out)
					}
				})
			}
		})
	}
}
