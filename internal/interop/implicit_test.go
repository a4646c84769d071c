//go:build linux

package interop

import (
	"errors"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/tls/tlstest"
)

// TestImplicitTLS: implicit TLS (TLSPORT) in the common model, SECUREIMPLICITZOS FALSE: the
// handshake right after connect, the 220 greeting inside TLS; then login, PROT P and a 1 MiB
// put/get with equal SHA-256. vsftpd implicit_ssl=YES and proftpd TLSOptions UseImplicitSSL.
func TestImplicitTLS(t *testing.T) {
	t.Parallel()
	checkEnabled(t)
	kinds := []Kind{Vsftpd, Proftpd}
	coverKinds(t, kinds, withoutTLS(map[Kind]string{
		PureFTPd:  "pure-ftpd has no implicit TLS",
		Pyftpdlib: "pyftpdlib 1.5.7 has explicit TLS only (TLS_FTPHandler)",
	}))
	for _, k := range kinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			ca := tlstest.NewCA(t, "zftp interop implicit CA")
			srv := Start(t, k, Options{TLS: client.Implicit, TLSRequired: true, RequireReuse: true, CA: ca.CA})

			t.Run("SecureImplicitZOSFalse", func(t *testing.T) {
				l := &sessionLog{}
				cfg := implicitConfig(l, keyring(t, nil, ca), false)
				s := dial(t, srv, cfg)
				if !s.Protected() {
					t.Fatalf("implicit session not protected: %s", l)
				}
				l.mu.Lock()
				first := l.handshakes
				cmds := l.commands
				l.mu.Unlock()
				if len(first) != 1 || first[0].Conn != "control" {
					t.Errorf("handshakes before login = %+v, want one on the control connection", first)
				}
				if len(cmds) != 0 {
					t.Errorf("commands sent before login on an implicit session: %q (no AUTH is sent)", cmds)
				}
				t.Logf("%s greeting inside TLS: %q", k, s.Greeting().Last())
				if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
					t.Fatalf("Login: %v (%s)", err, l)
				}
				if !s.DataProtected() {
					t.Fatalf("PROT P not in force after Login: %s", l)
				}
				putGet(t, s, srv, "implicit-1MiB")
				wantResumed(t, l, 3)
				// z/OS refuses CCC on a TLSPORT session; the client does so itself, sending nothing.
				n := len(l.commands)
				if _, err := s.CCC(t.Context(), client.CCCRFC4217); !errors.Is(err, client.ErrCCCImplicit) {
					t.Errorf("CCC on an implicit session: %v, want ErrCCCImplicit", err)
				}
				if len(l.commands) != n {
					t.Errorf("CCC on an implicit session sent %q", l.commands[n:])
				}
				if _, err := s.Quit(t.Context()); err != nil {
					t.Errorf("Quit: %v", err)
				}
			})

			// The z/OS model (SECUREIMPLICITZOS TRUE, the z/OS default) against a server that waits
			// for the ClientHello: both sides wait. The client must give up within its connect
			// timeout and say which implicit start failed.
			if k != Vsftpd {
				return
			}
			t.Run("SecureImplicitZOSTrueMismatch", func(t *testing.T) {
				l := &sessionLog{}
				cfg := implicitConfig(l, keyring(t, nil, ca), true)
				cfg.ConnectTimeout = 2 * time.Second
				start := time.Now()
				_, err := dialErr(t, srv.Host, srv.Port, cfg)
				d := time.Since(start)
				if err == nil {
					t.Fatalf("SECUREIMPLICITZOS TRUE against vsftpd implicit_ssl: Dial succeeded")
				}
				t.Logf("after %v: %v", d.Round(time.Millisecond), err)
				if d > cfg.ConnectTimeout+time.Second {
					t.Errorf("the mismatch took %v, want about the connect timeout %v", d.Round(time.Millisecond), cfg.ConnectTimeout)
				}
				// The engine says what failed; the z/OS front end names the
				// statement (internal/zos/hint.go).
				var ise *client.ImplicitStartError
				if !errors.As(err, &ise) || ise.Mode != client.ImplicitZOS {
					t.Errorf("error %q is not an ImplicitStartError of the z/OS model", err)
				}
			})
		})
	}
}

func implicitConfig(obs client.Observer, k *tls.Keyring, zos bool) client.Config {
	cfg := tlsConfig(obs, k)
	cfg.Security.Mode = client.Implicit
	if zos {
		cfg.Security.Mode = client.ImplicitZOS
	}
	return cfg
}
